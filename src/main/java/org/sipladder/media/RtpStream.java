package org.sipladder.media;

import java.util.List;

/**
 * One RTP stream of a capture with its statistics, as found in one pass.
 *
 * @param key           SSRC and transport addresses
 * @param firstFrame    frame of the first packet counted
 * @param lastFrame     frame of the last packet
 * @param firstMicros   capture time of the first packet counted
 * @param lastMicros    capture time of the last packet
 * @param payloadType   the payload type carrying the media (the most frequent one besides comfort noise and DTMF,
 *                      else the first one seen)
 * @param codec         its encoding name (PCMU, opus...), or null when nothing names it
 * @param clockRate     its clock rate, 0 when unknown
 * @param payloadTypes  every payload type seen, ascending
 * @param stats         the counters and Wireshark's delta and jitter figures
 * @param dtmf          RFC 4733 digits in order ("" when none), each event once however often it was repeated
 * @param dtmfWithoutMarker events whose first packet, following the one before without a gap, lacked the marker bit
 *                          (LiveKit has been reported to drop them)
 * @param dtmfMovedTimestamps digits of {@code dtmf} that were no new key press: the sender gave the event it was
 *                          sending a new RTP timestamp, the key and the growing duration unchanged (RFC 4733 2.5 keeps
 *                          one timestamp per event), and a receiver that keys on the timestamp sees another digit
 * @param eventPayloadType the payload type the telephone-events came on: one an SDP names telephone-event, or a
 *                         dynamic type no SDP names whose packets read as RFC 4733 event reports (4 bytes, event
 *                         0-16); -1 when none
 * @param mos           estimated MOS (see {@link Quality}) from the loss, how it fell ({@link LossGaps}) and the mean
 *                      jitter without the jumps of the sender's RTP clock ({@link RtpStatistics#clockJumps}), NaN
 *                      when nothing was received
 * @param series        packets, loss and jitter per second (per longer interval for a long stream); empty when
 *                      read by {@link MediaCollector#withoutSeries()}
 * @param announcement  the SDP section that announced this stream's receiver (or, failing that, its sender), seen
 *                      before its first packet; null when no SDP announced it (found because it is plainly RTP)
 * @param callId        the Call-ID of the leg whose SDP announced it, or null
 * @param earlyPackets  packets that arrived before any SDP announced either end; they are not in {@code stats},
 *                      as Wireshark only decodes RTP from the SDP that sets it up
 * @param firstSeenFrame frame of the very first packet, early ones included
 */
public record RtpStream(StreamKey key, long firstFrame, long lastFrame, long firstMicros, long lastMicros,
                        int payloadType, String codec, int clockRate, List<Integer> payloadTypes, RtpStatistics stats,
                        String dtmf, int dtmfWithoutMarker, int dtmfMovedTimestamps, int eventPayloadType, double mos, StreamSeries series,
                        SdpAnnouncement announcement, String callId, long earlyPackets,
                        long firstSeenFrame) {

    /** True when an SDP announced the stream (rather than found by the look of its packets alone). */
    public boolean announced() {
        return announcement != null;
    }

    /** The encoding name as registered (an SDP's "pcma" is PCMA, as Wireshark shows it), or null. */
    public String codecName() {
        return codec != null ? Codecs.registeredName(codec) : null;
    }

    /** The codec for display: the encoding name, else "PT n". */
    public String codecOrType() {
        return codec != null ? codecName() : "PT " + payloadType;
    }
}
