package org.sipladder.media;

import java.util.Arrays;

/**
 * Builds a stream's {@link StreamSeries} packet by packet. The interval the packets are arriving in is kept in
 * fields and written to the growable arrays only when a packet falls in another one (once a second for a live
 * stream), so a packet touches this one object and no array.
 */
final class SeriesBuilder {

    private long firstMicros;
    private int[] packets = new int[4];
    private int[] expected = new int[4];
    private float[] jitter = new float[4];
    private float[] maxJitter = new float[4];
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

    /** Starts a series afresh at the stream's first packet. */
    void start(long firstPacketMicros) {
        firstMicros = firstPacketMicros;
        length = 0;
        index = -1;
        Arrays.fill(packets, 0);
        Arrays.fill(expected, 0);
        Arrays.fill(jitter, 0);
        Arrays.fill(maxJitter, 0);
    }

    /**
     * One packet at {@code micros}: {@code expectedSoFar} packets were sent by then as the sequence numbers say,
     * and the stream's jitter is now {@code jitterMs}.
     */
    void add(long micros, int expectedSoFar, float jitterMs) {
        if (index < 0 || micros >= end || micros < start) {
            long offset = micros - firstMicros;
            int i = offset <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE - 8, offset / StreamSeries.INTERVAL_MICROS);
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
        if (i >= packets.length) {
            int size = Math.max(i + 1, packets.length * 2);
            packets = Arrays.copyOf(packets, size);
            expected = Arrays.copyOf(expected, size);
            jitter = Arrays.copyOf(jitter, size);
            maxJitter = Arrays.copyOf(maxJitter, size);
        }
        for (int k = length; k < i; k++) {
            // quiet intervals carry the count expected so far and the jitter as it was
            expected[k] = k == 0 ? 0 : expected[k - 1];
            jitter[k] = k == 0 ? 0 : jitter[k - 1];
        }
        if (i >= length) {
            length = i + 1;
        }
        index = i;
        start = firstMicros + i * StreamSeries.INTERVAL_MICROS;
        end = start + StreamSeries.INTERVAL_MICROS;
        heldPackets = packets[i];
        heldExpected = expected[i];
        heldJitter = jitter[i];
        heldMaxJitter = maxJitter[i];
    }

    private void writeBack() {
        if (index >= 0) {
            packets[index] = heldPackets;
            expected[index] = heldExpected;
            jitter[index] = heldJitter;
            maxJitter[index] = heldMaxJitter;
        }
    }

    /** The series so far. */
    StreamSeries build() {
        writeBack();
        int n = length;
        int[] perInterval = new int[n];
        for (int i = 0; i < n; i++) {
            perInterval[i] = expected[i] - (i == 0 ? 0 : expected[i - 1]);
        }
        return new StreamSeries(firstMicros, Arrays.copyOf(packets, n), perInterval, Arrays.copyOf(jitter, n),
                Arrays.copyOf(maxJitter, n));
    }
}
