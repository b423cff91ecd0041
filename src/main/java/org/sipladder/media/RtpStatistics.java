package org.sipladder.media;

import java.util.Locale;
import org.sipladder.Counted;

/**
 * The figures of one RTP stream, defined as Wireshark's RTP stream analysis defines them, so that they agree with
 * {@code tshark -q -z rtp,streams}: {@code lost} is expected (last sequence number, with wraps, minus the first,
 * plus one) minus received; deltas and jitter (RFC 3550 A.8, in milliseconds with the codec's clock rate) are
 * taken over the packets Wireshark calls regular (no marker, not comfort noise or just after it, timestamp in
 * order).
 *
 * @param packets         packets received
 * @param expected        packets expected from the sequence numbers
 * @param lost            expected minus received (negative with duplicates, or when a packet sent before the first
 *                        to arrive came after it: Wireshark's count and RFC 3550 A.3's, both from the first received)
 * @param duplicates      packets whose sequence number had already been received (within the last 64)
 * @param outOfOrder      packets that arrived after a higher sequence number and were not duplicates
 * @param sequenceErrors  packets Wireshark marks as wrong sequence (a gap, late or duplicated)
 * @param wrongTimestamps packets whose timestamp went back
 * @param clockJumps      packets whose timestamp jumped against their arrival by a second or more (RFC 3550 A.8's
 *                        transit difference): ahead of it, or behind it on a packet with the marker bit. No path
 *                        delays packets that unevenly; the sender restarted or shifted its RTP clock (after a hold or
 *                        a re-INVITE), and the jitter measured across such a jump is the jump's
 * @param minDeltaMs      smallest time between two regular packets, -1 when none
 * @param meanDeltaMs     Wireshark's mean delta
 * @param maxDeltaMs      largest time between two regular packets
 * @param maxDeltaFrame   frame where {@code maxDeltaMs} ended, 0 when none
 * @param minJitterMs     smallest jitter, -1 when none
 * @param meanJitterMs    Wireshark's mean jitter
 * @param maxJitterMs     largest jitter
 * @param markers         packets with the marker bit
 * @param comfortNoise    comfort noise packets (payload type 13 or 19)
 * @param telephoneEvents RFC 4733 telephone-event packets
 * @param payloadBytes    RTP bytes (header and payload)
 * @param problems        Wireshark's "Problems?" mark: a wrong sequence or timestamp somewhere
 * @param sequenceRestarts times the sender restarted its sequence numbers (RFC 3550 A.1: a jump of 3000 or more
 *                        ahead, or over 100 back, that the next packet followed in sequence and that no gap in
 *                        arrival explains), which Wireshark counts as lost packets or a wrap
 * @param expectedInRuns  packets expected as RFC 3550 A.1 counts them: from the first sequence number to the
 *                        highest received (Wireshark's {@code expected} ends at the last to arrive, and counts a
 *                        wrap again when a packet from before it arrives after it), in each run between restarts;
 *                        the first is the lowest received within the 64-packet window of the first to arrive, so a
 *                        late first packet is expected too
 * @param lostInRuns      {@code expectedInRuns} minus the packets received less duplicates: the packets that never
 *                        came, which a duplicate does not make up for (it does in {@code lost}, as in RFC 3550 A.3)
 * @param firstSeq        the sequence number of the first packet (Wireshark's start), the base from which a receiver's
 *                        RTCP report counts the packets it expected (RFC 3550 6.4.1)
 * @param lossGaps        how the packets that never came fell: in how many gaps of sequence numbers, the longest
 * @param meanJitterWithoutJumpsMs {@code meanJitterMs} without what the {@code clockJumps} added to it: the jitter a
 *                        listener's jitter buffer meets (a hold is no jitter anyone hears); {@code meanJitterMs} when
 *                        there was no jump
 * @param maxJitterWithoutJumpsMs  {@code maxJitterMs} likewise
 * @param jumpSpan        when the {@code clockJumps} weighed in the jitter, {@link ClockJumpSpan#NONE} when none
 * @param maxDeltaMicros  the capture time of the packet at {@code maxDeltaFrame} (where the largest gap ended), 0 when
 *                        none
 */
public record RtpStatistics(long packets, long expected, long lost, long duplicates, long outOfOrder,
                            long sequenceErrors, long wrongTimestamps, long clockJumps, double minDeltaMs, double meanDeltaMs,
                            double maxDeltaMs, long maxDeltaFrame, double minJitterMs, double meanJitterMs,
                            double maxJitterMs, long markers, long comfortNoise, long telephoneEvents,
                            long payloadBytes, boolean problems, long sequenceRestarts, long expectedInRuns,
                            long lostInRuns, int firstSeq, LossGaps lossGaps, double meanJitterWithoutJumpsMs,
                            double maxJitterWithoutJumpsMs, ClockJumpSpan jumpSpan, long maxDeltaMicros) {

    /** Lost as a percentage of expected, 0 when nothing was expected. */
    public double lostPercent() {
        return expected == 0 ? 0 : lost * 100.0 / expected;
    }

    /** Lost in runs as a percentage of expected in runs, 0 when nothing was expected: for judging the stream. */
    public double lostPercentInRuns() {
        return expectedInRuns == 0 ? 0 : lostInRuns * 100.0 / expectedInRuns;
    }

    /**
     * The loss as shown to a person: the packets that never came ({@link #lostInRuns}, never below 0), their share of
     * those expected, and the duplicates, named, when there are any. Wireshark's {@code lost} takes duplicates off the
     * loss and goes negative for an RFC 4733 DTMF stream, whose end packets repeat one sequence number (RFC 4733
     * 2.5.1.4); it stays in the JSON as tshark gives it. {@code percent} follows the share: "%" or " %". Loss is
     * followed by its gaps, "in 3 gaps, longest 10 (200 ms)" or "in 20 gaps of 1": the same share sounds different
     * spread out and in a few long gaps.
     */
    public String lossText(String percent) {
        long neverCame = Math.max(0, lostInRuns);
        String text = lossShareText(percent);
        if (neverCame > 0 && lossGaps.gaps() > 0) {
            text += " in " + lossGaps.text();
        }
        return duplicates == 0 ? text : text + ", " + Counted.groupedOf(duplicates, "duplicate");
    }

    /**
     * The start of {@link #lossText}: the packets that never came and their share, "30 (3.0 %)", what a narrow column
     * must show when it cannot show the gaps.
     */
    public String lossShareText(String percent) {
        long neverCame = Math.max(0, lostInRuns);
        double share = expectedInRuns == 0 ? 0 : neverCame * 100.0 / expectedInRuns;
        return String.format(Locale.ROOT, "%,d (%.1f%s)", neverCame, share, percent);
    }
}
