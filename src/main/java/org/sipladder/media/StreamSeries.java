package org.sipladder.media;

import java.util.Arrays;

/**
 * A stream's figures per interval (one second) from its first packet, for plotting jitter and loss over time
 * without reading the capture again. Interval {@code i} covers [{@link #startMicros()} + i s, + (i+1) s).
 */
public final class StreamSeries {

    /** Interval length in microseconds. */
    public static final long INTERVAL_MICROS = 1_000_000L;

    private final long startMicros;
    private final int[] packets;
    private final int[] expected;
    private final float[] jitterMs;
    private final float[] maxJitterMs;

    StreamSeries(long startMicros, int[] packets, int[] expected, float[] jitterMs, float[] maxJitterMs) {
        this.startMicros = startMicros;
        this.packets = packets;
        this.expected = expected;
        this.jitterMs = jitterMs;
        this.maxJitterMs = maxJitterMs;
    }

    /** Capture time of the stream's first packet, where interval 0 starts. */
    public long startMicros() {
        return startMicros;
    }

    /** Number of intervals. */
    public int length() {
        return packets.length;
    }

    /** Packets received in interval {@code i}. */
    public int packets(int i) {
        return packets[i];
    }

    /** Packets the sequence numbers say were sent in interval {@code i} (RFC 3550 extended highest sequence). */
    public int expected(int i) {
        return expected[i];
    }

    /** Packets lost in interval {@code i}: expected minus received, never below 0. */
    public int lost(int i) {
        return Math.max(0, expected[i] - packets[i]);
    }

    /** The interarrival jitter (RFC 3550 A.8, milliseconds) at the last packet of interval {@code i}. */
    public float jitterMs(int i) {
        return jitterMs[i];
    }

    /** The highest jitter (milliseconds) in interval {@code i}. */
    public float maxJitterMs(int i) {
        return maxJitterMs[i];
    }

    @Override
    public String toString() {
        return "StreamSeries" + Arrays.toString(packets);
    }
}
