package org.sipladder.media;

import java.util.Locale;

/**
 * One RTCP XR VoIP Metrics report block (RFC 3611 4.7, block type 7): what an endpoint measured of the RTP it
 * received from {@link #ssrc}, as it sent it, with the RFC's units (rates and densities in 1/256, durations and
 * delays in ms, levels in dBm or dB, MOS in tenths). Levels, R factors and MOS are {@link #UNAVAILABLE} when the
 * endpoint did not measure them.
 *
 * @param ssrc             the source reported on
 * @param lossRate         packets lost in the network, 1/256 of those expected
 * @param discardRate      packets discarded (late or early for the jitter buffer), 1/256
 * @param burstDensity     packets lost or discarded within bursts, 1/256
 * @param gapDensity       packets lost or discarded within gaps, 1/256
 * @param burstDurationMs  mean duration of the bursts
 * @param gapDurationMs    mean duration of the gaps
 * @param roundTripDelayMs the most recent round trip, ms
 * @param endSystemDelayMs the most recent end system delay (encoding, packetisation, jitter buffer, decoding), ms
 * @param signalLevel      voice signal level, dBm (signed)
 * @param noiseLevel       noise level during silence, dBm (signed)
 * @param rerl             residual echo return loss, dB
 * @param gmin             the gap threshold, consecutive received packets that end a burst (16 by default)
 * @param rFactor          ITU-T G.107 R factor of the call quality
 * @param externalRFactor  R factor from a network segment beyond this endpoint
 * @param mosLq            estimated listening-quality MOS, tenths (10-50)
 * @param mosCq            estimated conversational-quality MOS, tenths
 * @param rxConfig         receiver configuration: packet loss concealment (2 bits), jitter buffer adaptive (2),
 *                         jitter buffer rate (4)
 * @param jbNominalMs      jitter buffer nominal delay, ms
 * @param jbMaxMs          jitter buffer delay now possible, ms
 * @param jbAbsMaxMs       the largest the jitter buffer could ever reach, ms
 */
public record VoipMetrics(long ssrc, int lossRate, int discardRate, int burstDensity, int gapDensity,
                          int burstDurationMs, int gapDurationMs, int roundTripDelayMs, int endSystemDelayMs,
                          int signalLevel, int noiseLevel, int rerl, int gmin, int rFactor, int externalRFactor,
                          int mosLq, int mosCq, int rxConfig, int jbNominalMs, int jbMaxMs, int jbAbsMaxMs) {

    /** RFC 3611 4.7.4-4.7.5: a level, an R factor or a MOS of 127 was not measured. */
    public static final int UNAVAILABLE = 127;
    /** Octets of the block, its header included (block length 8). */
    static final int LENGTH = 36;

    private static final String[] PLC = {"unspecified", "disabled", "enhanced", "standard"};
    private static final String[] JBA = {"unknown", "reserved", "non-adaptive", "adaptive"};

    /** The block at {@code at} of {@code b}, which holds its {@link #LENGTH} octets. */
    static VoipMetrics read(byte[] b, int at) {
        return new VoipMetrics(MediaCollector.u32(b, at + 4), u8(b, at + 8), u8(b, at + 9), u8(b, at + 10),
                u8(b, at + 11), u16(b, at + 12), u16(b, at + 14), u16(b, at + 16), u16(b, at + 18), b[at + 20],
                b[at + 21], u8(b, at + 22), u8(b, at + 23), u8(b, at + 24), u8(b, at + 25), u8(b, at + 26),
                u8(b, at + 27), u8(b, at + 28), u16(b, at + 30), u16(b, at + 32), u16(b, at + 34));
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    /** A rate or density in 1/256 as a percentage. */
    public static double percent(int of256) {
        return of256 * 100.0 / 256;
    }

    /** Whether a level, an R factor or a MOS field was measured. */
    public static boolean available(int value) {
        return value != UNAVAILABLE;
    }

    /** The listening-quality MOS (1.0-5.0), NaN when unavailable. */
    public double mosLqValue() {
        return mos(mosLq);
    }

    /** The conversational-quality MOS, NaN when unavailable. */
    public double mosCqValue() {
        return mos(mosCq);
    }

    private static double mos(int tenths) {
        return available(tenths) ? tenths / 10.0 : Double.NaN;
    }

    /** Packet loss concealment: "standard", "enhanced", "disabled" or "unspecified". */
    public String plc() {
        return PLC[rxConfig >> 6 & 3];
    }

    /** The jitter buffer: "adaptive", "non-adaptive", "reserved" or "unknown". */
    public String jitterBufferAdaptive() {
        return JBA[rxConfig >> 4 & 3];
    }

    /** The jitter buffer's adjustment rate (0-15; RFC 3611 4.7.6). */
    public int jitterBufferRate() {
        return rxConfig & 0xf;
    }

    /** "4.1 / 3.9": MOS-LQ and MOS-CQ, "-" for one unavailable. */
    public String mosPair() {
        return tenths(mosLq) + " / " + tenths(mosCq);
    }

    private static String tenths(int value) {
        return available(value) ? String.format(Locale.ROOT, "%.1f", value / 10.0) : "-";
    }

    /** Every figure in a line, with its unit: "loss 0.4 %, discard 0.0 %, burst 0.0 % for 0 ms, ...". */
    public String describe() {
        return String.format(Locale.ROOT, "loss %.1f %%, discard %.1f %%, burst %.1f %% for %d ms, gap %.1f %% for %d ms, "
                        + "round trip %d ms, end system delay %d ms, signal %s, noise %s, RERL %s, Gmin %d, R %s, "
                        + "external R %s, MOS-LQ %s, MOS-CQ %s, PLC %s, jitter buffer %s (rate %d) nominal %d ms, "
                        + "max %d ms, absolute max %d ms",
                percent(lossRate), percent(discardRate), percent(burstDensity), burstDurationMs, percent(gapDensity),
                gapDurationMs, roundTripDelayMs, endSystemDelayMs, level(signalLevel, " dBm"),
                level(noiseLevel, " dBm"), level(rerl, " dB"), gmin, level(rFactor, ""), level(externalRFactor, ""),
                tenths(mosLq), tenths(mosCq), plc(), jitterBufferAdaptive(), jitterBufferRate(), jbNominalMs, jbMaxMs,
                jbAbsMaxMs);
    }

    private static String level(int value, String unit) {
        return available(value) ? value + unit : "unavailable";
    }
}
