package org.sipladder.media;

/**
 * When the jumps of a stream's RTP clock ({@link RtpStatistics#clockJumps}) weighed in its interarrival jitter: from
 * the arrival of the first jump's packet to the last packet whose jitter still held more than
 * {@link #FADED_MS} of the jumps (each jump's share fades by 15/16 a packet, RFC 3550 A.8). A receiver computes
 * its jitter over the same packets, so what it reports in that span holds the jump as well.
 *
 * @param fromMicros  capture time of the first jump's packet; 0 when the clock never jumped
 * @param untilMicros capture time of the last packet whose jitter held more than {@link #FADED_MS} of the jumps
 */
public record ClockJumpSpan(long fromMicros, long untilMicros) {

    /** A share of the jitter this small is no longer worth telling from the network's. */
    public static final double FADED_MS = 1;

    /** The clock never jumped. */
    public static final ClockJumpSpan NONE = new ClockJumpSpan(0, 0);

    /**
     * True when a receiver's report captured at {@code micros} may hold a jump: in the span, or within
     * {@code lagMicros} after it (the report was made before it was captured, the packets reached the receiver after
     * the capture point).
     */
    public boolean holds(long micros, long lagMicros) {
        return fromMicros != 0 && micros >= fromMicros && micros <= untilMicros + lagMicros;
    }
}
