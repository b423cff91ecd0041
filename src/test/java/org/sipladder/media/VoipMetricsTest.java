package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.Endpoint;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.Rtp;

/** RTCP XR VoIP Metrics blocks (RFC 3611 4.7) from a stream's receiver, beside the stream. */
class VoipMetricsTest {

    private static final long T0 = MediaCall.T0;
    private static final String CALLEE_RTCP = "10.0.0.2:50001";
    private static final String CALLER_RTCP = "10.0.0.1:40001";
    /** Frame of the first packet after the call: 3 SIP messages, 100 RTP packets, BYE and its 200. */
    private static final long AFTER_CALL = 106;

    @TempDir
    Path dir;

    /** The caller's 100 PCMU packets to the callee from T0 + 0.1 s to T0 + 2.08 s, and the call's BYE. */
    private static Captures callerSends() {
        return MediaCall.of("xr-call", 0, 100, 0xFF, 0, true);
    }

    /** Signal -15 dBm, noise -60 dBm, RERL and external R and MOS-CQ unavailable, PLC standard, adaptive buffer. */
    private static byte[] metrics(long source, int lossRate) {
        return Rtp.voipMetrics(source, lossRate, 5, 20, 2, 120, 4980, 52, 80, -15, -60, 127, 16, 88, 127, 41, 127, 0xF3,
                40, 80, 200);
    }

    @Test
    void theReceiversVoipMetricsAreReadAndAttachedToTheStreamTheyDescribe() throws Exception {
        // an RRTR block (type 4, 12 octets) first, then blocks about the caller's stream and about another source
        byte[] rrtr = {4, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2};
        Captures c = callerSends()
                .udp(T0 + 2_500_000, CALLEE_RTCP, CALLER_RTCP, Rtp.compound(
                        Rtp.receiverReport(0x2222, MediaCall.CALLER_SSRC, 0, 0, 100, 8), Rtp.sdes(0x2222, "callee"),
                        Rtp.extendedReport(0x2222, rrtr, metrics(MediaCall.CALLER_SSRC, 3), metrics(0x9999, 200))))
                // the caller's own XR about its own stream goes the other way: not the receiver's
                .udp(T0 + 2_600_000, CALLER_RTCP, CALLEE_RTCP,
                        Rtp.extendedReport(MediaCall.CALLER_SSRC, metrics(MediaCall.CALLER_SSRC, 100)));
        MediaCollector collector = new MediaCollector();
        assertEquals(List.of(), MediaRead.read(c, dir, collector));
        CaptureMedia media = collector.result();
        ReceiverVoipMetrics xr = media.voipMetrics(media.streams().get(0));

        assertEquals(1, xr.count());
        assertEquals(new Endpoint("10.0.0.2", 50001), xr.reporter());
        assertEquals(0x2222, xr.reporterSsrc());
        assertEquals(AFTER_CALL, xr.lastFrame());
        VoipMetrics m = xr.last();
        assertEquals(MediaCall.CALLER_SSRC, m.ssrc());
        assertEquals(3, m.lossRate());
        assertEquals(1.171875, VoipMetrics.percent(m.lossRate()), 1e-9);
        assertEquals(List.of(5, 20, 2, 120, 4980, 52, 80), List.of(m.discardRate(), m.burstDensity(), m.gapDensity(),
                m.burstDurationMs(), m.gapDurationMs(), m.roundTripDelayMs(), m.endSystemDelayMs()));
        assertEquals(-15, m.signalLevel(), "a signed level");
        assertEquals(-60, m.noiseLevel());
        assertEquals(16, m.gmin());
        assertEquals(88, m.rFactor());
        assertEquals(4.1, m.mosLqValue(), 1e-9);
        assertTrue(Double.isNaN(m.mosCqValue()), "127: unavailable");
        assertEquals("standard", m.plc());
        assertEquals("adaptive", m.jitterBufferAdaptive());
        assertEquals(3, m.jitterBufferRate());
        assertEquals(List.of(40, 80, 200), List.of(m.jbNominalMs(), m.jbMaxMs(), m.jbAbsMaxMs()));
        assertEquals("4.1 / -", m.mosPair());
        assertEquals("loss 1.2 %, discard 2.0 %, burst 7.8 % for 120 ms, gap 0.8 % for 4980 ms, round trip 52 ms, "
                + "end system delay 80 ms, signal -15 dBm, noise -60 dBm, RERL unavailable, Gmin 16, R 88, external R "
                + "unavailable, MOS-LQ 4.1, MOS-CQ -, PLC standard, jitter buffer adaptive (rate 3) nominal 40 ms, "
                + "max 80 ms, absolute max 200 ms", m.describe());
        // the RR of the same compound is still read
        assertEquals(1, media.receiverReports(media.streams().get(0)).count());
    }

    @Test
    void aStreamWithoutXrHasNone() throws Exception {
        CaptureMedia media = MediaRead.of(callerSends(), dir);
        ReceiverVoipMetrics xr = media.voipMetrics(media.streams().get(0));
        assertTrue(xr.isEmpty());
        assertNull(xr.last());
    }

    @Test
    void anXrBlockRunningPastItsPacketIsMalformedRtcpAndTheBlocksBeforeItAreKept() throws Exception {
        byte[] pastTheEnd = Rtp.extendedReport(0x2222, metrics(MediaCall.CALLER_SSRC, 7),
                metrics(MediaCall.CALLER_SSRC, 9));
        pastTheEnd[8 + 36 + 3] = 20; // the second block says 84 octets, 36 are left
        byte[] cut = new byte[20];
        System.arraycopy(metrics(MediaCall.CALLER_SSRC, 11), 0, cut, 0, cut.length);
        cut[3] = 4; // a VoIP Metrics block of 20 octets: too short for its fields
        Captures c = callerSends()
                .udp(T0 + 2_500_000, CALLEE_RTCP, CALLER_RTCP, pastTheEnd)
                .udp(T0 + 2_600_000, CALLEE_RTCP, CALLER_RTCP, Rtp.extendedReport(0x2222, cut));
        MediaCollector collector = new MediaCollector();
        List<String> warnings = MediaRead.read(c, dir, collector);

        assertEquals(List.of("frame " + AFTER_CALL + ": malformed RTCP (XR block type 7 says 84 bytes, 36 left in its "
                + "packet): 2 packets from this frame on; what they held before the fault was read"), warnings);
        CaptureMedia media = collector.result();
        assertEquals(2, media.rtcpMalformed());
        ReceiverVoipMetrics xr = media.voipMetrics(media.streams().get(0));
        assertEquals(1, xr.count());
        assertEquals(7, xr.last().lossRate());
    }
}
