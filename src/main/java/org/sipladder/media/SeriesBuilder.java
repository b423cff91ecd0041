package org.sipladder.media;

import java.util.Arrays;

/**
 * Builds a stream's {@link StreamSeries} packet by packet. The interval the packets are arriving in is kept in
 * fields and written to the array only when a packet falls in another one (once a second for a live stream), so a
 * packet touches this one object and no array.
 *
 * <p>Memory is bounded whatever the stream's length: the intervals are one array of four ints each that grows a few
 * intervals at a time, and once a stream needs more than {@link StreamSeries#MAX_INTERVALS} intervals, neighbouring
 * pairs are merged and the interval doubles. {@link #build()} hands the array itself to the series (no copy); the
 * next write copies it first, so a series once built never changes. A builder for loss only keeps the first two
 * fields of each interval (half the memory: a diagnosis looks at loss over time, not jitter).
 */
final class SeriesBuilder {

    /** Ints per interval: packets, packets expected so far, jitter and highest jitter (float bits). */
    static final int FIELDS = 4;
    /** Ints per interval of a series for loss only: packets and packets expected so far. */
    static final int LOSS_FIELDS = 2;
    private static final int PACKETS = 0;
    private static final int EXPECTED = 1;
    private static final int JITTER = 2;
    private static final int MAX_JITTER = 3;
    /** Intervals the array grows by. */
    private static final int GROWTH = 8;

    /** Ints per interval: {@link #FIELDS}, or {@link #LOSS_FIELDS} without the jitter. */
    private final int fields;
    private long firstMicros;
    private long intervalMicros = StreamSeries.INTERVAL_MICROS;
    private int[] data;
    /** True when {@link #data} belongs to a built series as well: copied before it is written again. */
    private boolean shared;
    /** Intervals so far, the held one included. */
    private int length;
    /** The interval held in the fields below, or -1; it covers capture times [{@link #start}, {@link #end}). */
    private int index = -1;
    private long start;
    private long end;
    private int heldPackets;
    private int heldExpected;
    private float heldJitter;
    private float heldMaxJitter;

    /** A builder of the whole series: packets, loss and jitter. */
    SeriesBuilder() {
        this(true);
    }

    /** A builder with the jitter, or for packets and loss only ({@link StreamSeries#hasJitter()} false). */
    SeriesBuilder(boolean withJitter) {
        fields = withJitter ? FIELDS : LOSS_FIELDS;
        data = new int[GROWTH * fields];
    }

    /** Starts a series afresh at the stream's first packet. */
    void start(long firstPacketMicros) {
        firstMicros = firstPacketMicros;
        intervalMicros = StreamSeries.INTERVAL_MICROS;
        length = 0;
        index = -1;
        if (shared) {
            data = new int[GROWTH * fields];
            shared = false;
        } else {
            Arrays.fill(data, 0);
        }
    }

    /**
     * One packet at {@code micros}: {@code expectedSoFar} packets were sent by then as the sequence numbers say,
     * and the stream's jitter is now {@code jitterMs}.
     */
    void add(long micros, int expectedSoFar, float jitterMs) {
        if (index < 0 || micros >= end || micros < start) {
            long offset = Math.max(0, micros - firstMicros);
            while (offset / intervalMicros >= StreamSeries.MAX_INTERVALS) {
                coarsen();
            }
            int i = (int) (offset / intervalMicros);
            if (i != index) {
                hold(i);
            }
        }
        heldPackets++;
        if (expectedSoFar > heldExpected) {
            heldExpected = expectedSoFar;
        }
        heldJitter = jitterMs;
        if (jitterMs > heldMaxJitter) {
            heldMaxJitter = jitterMs;
        }
    }

    /** Writes the held interval back and holds interval {@code i}; quiet intervals before it carry the figures on. */
    private void hold(int i) {
        writeBack();
        writable(i + 1);
        for (int k = length; k < i; k++) {
            // quiet intervals carry the count expected so far and the jitter as it was
            int at = k * fields;
            data[at + EXPECTED] = k == 0 ? 0 : data[at - fields + EXPECTED];
            if (fields == FIELDS) {
                data[at + JITTER] = k == 0 ? 0 : data[at - fields + JITTER];
            }
        }
        if (i >= length) {
            length = i + 1;
        }
        index = i;
        start = firstMicros + i * intervalMicros;
        end = start + intervalMicros;
        int at = i * fields;
        heldPackets = data[at + PACKETS];
        heldExpected = data[at + EXPECTED];
        if (fields == FIELDS) {
            heldJitter = Float.intBitsToFloat(data[at + JITTER]);
            heldMaxJitter = Float.intBitsToFloat(data[at + MAX_JITTER]);
        }
    }

    private void writeBack() {
        if (index >= 0) {
            writable(index + 1);
            int at = index * fields;
            data[at + PACKETS] = heldPackets;
            data[at + EXPECTED] = heldExpected;
            if (fields == FIELDS) {
                data[at + JITTER] = Float.floatToRawIntBits(heldJitter);
                data[at + MAX_JITTER] = Float.floatToRawIntBits(heldMaxJitter);
            }
        }
    }

    /** Makes {@link #data} this builder's own and room for {@code intervals}; new room reads as zeros. */
    private void writable(int intervals) {
        int needed = intervals * fields;
        if (needed > data.length) {
            int size = Math.min(StreamSeries.MAX_INTERVALS, (intervals + GROWTH - 1) / GROWTH * GROWTH) * fields;
            data = Arrays.copyOf(data, size);
            shared = false;
        } else if (shared) {
            data = data.clone();
            shared = false;
        }
    }

    /**
     * Merges neighbouring intervals in pairs and doubles the interval: packets add up, the count expected and the
     * jitter are the later one's (both are "so far" figures), the highest jitter is the higher one.
     */
    private void coarsen() {
        writeBack();
        writable(length);
        int merged = (length + 1) / 2;
        for (int k = 0; k < merged; k++) {
            int to = k * fields;
            int a = 2 * k * fields;
            int b = a + fields;
            if (2 * k + 1 < length) {
                data[to + PACKETS] = data[a + PACKETS] + data[b + PACKETS];
                data[to + EXPECTED] = data[b + EXPECTED];
                if (fields == FIELDS) {
                    data[to + JITTER] = data[b + JITTER];
                    data[to + MAX_JITTER] = Float.floatToRawIntBits(Math.max(
                            Float.intBitsToFloat(data[a + MAX_JITTER]), Float.intBitsToFloat(data[b + MAX_JITTER])));
                }
            } else {
                System.arraycopy(data, a, data, to, fields);
            }
        }
        Arrays.fill(data, merged * fields, length * fields, 0);
        length = merged;
        intervalMicros *= 2;
        index = -1;
    }

    /** Intervals the builder has room for now: never more than {@link StreamSeries#MAX_INTERVALS}. */
    int capacity() {
        return data.length / fields;
    }

    /** The series so far. */
    StreamSeries build() {
        writeBack();
        shared = true;
        return new StreamSeries(firstMicros, intervalMicros, data, length, fields);
    }
}
