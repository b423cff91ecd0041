package org.sipladder.media;

/**
 * A stream's figures per interval from its first packet, for plotting jitter and loss over time without reading
 * the capture again. The interval is one second for a stream of up to {@link #MAX_INTERVALS} seconds and doubles as
 * often as a longer stream needs to fit in that many intervals (2 s up to 512 s, 16 s for an hour), so that a
 * stream's series is bounded however long it runs. Interval {@code i} covers [{@link #startMicros()} +
 * i {@link #intervalMicros()}, + (i+1) {@link #intervalMicros()}).
 */
public final class StreamSeries {

    /** The finest interval, in microseconds: one second. */
    public static final long INTERVAL_MICROS = 1_000_000L;

    /**
     * The most intervals a series has: 256, each of 16 bytes (4 KB per stream at most). Every second of a call of up
     * to four minutes, which most calls are; a chart of a longer one still has 128 to 256 points.
     */
    public static final int MAX_INTERVALS = 256;

    /** No intervals: the series of a stream read by {@link MediaCollector#withoutSeries()}. */
    public static final StreamSeries NONE = new StreamSeries(0, INTERVAL_MICROS, new int[0], 0, SeriesBuilder.FIELDS);

    private final long startMicros;
    private final long intervalMicros;
    /** {@link #fields} ints per interval, shared with the builder, which copies it before writing. */
    private final int[] data;
    private final int length;
    /** {@link SeriesBuilder#FIELDS}, or {@link SeriesBuilder#LOSS_FIELDS} for a series without jitter. */
    private final int fields;

    StreamSeries(long startMicros, long intervalMicros, int[] data, int length, int fields) {
        this.startMicros = startMicros;
        this.intervalMicros = intervalMicros;
        this.data = data;
        this.length = length;
        this.fields = fields;
    }

    /** False for a series read for loss only ({@link MediaCollector#withLossSeries()}): it has no jitter. */
    public boolean hasJitter() {
        return fields == SeriesBuilder.FIELDS;
    }

    /** Capture time of the stream's first packet, where interval 0 starts. */
    public long startMicros() {
        return startMicros;
    }

    /** Length of each interval in microseconds: {@link #INTERVAL_MICROS} or a power-of-two multiple of it. */
    public long intervalMicros() {
        return intervalMicros;
    }

    /** Number of intervals. */
    public int length() {
        return length;
    }

    /** Packets received in interval {@code i}. */
    public int packets(int i) {
        return data[at(i)];
    }

    /** Packets the sequence numbers say were sent in interval {@code i} (RFC 3550 extended highest sequence). */
    public int expected(int i) {
        int at = at(i);
        return data[at + 1] - (i == 0 ? 0 : data[at - fields + 1]);
    }

    /** Packets lost in interval {@code i}: expected minus received, never below 0. */
    public int lost(int i) {
        return Math.max(0, expected(i) - packets(i));
    }

    /** The interarrival jitter (RFC 3550 A.8, milliseconds) at the last packet of interval {@code i}. */
    public float jitterMs(int i) {
        return Float.intBitsToFloat(data[jitterAt(i) + 2]);
    }

    /** The highest jitter (milliseconds) in interval {@code i}. */
    public float maxJitterMs(int i) {
        return Float.intBitsToFloat(data[jitterAt(i) + 3]);
    }

    private int jitterAt(int i) {
        if (!hasJitter()) {
            throw new IllegalStateException("a series read for loss only has no jitter");
        }
        return at(i);
    }

    private int at(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("interval " + i + " of " + length);
        }
        return i * fields;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("StreamSeries[");
        for (int i = 0; i < length; i++) {
            b.append(i == 0 ? "" : ", ").append(packets(i));
        }
        return b.append(']').toString();
    }
}
