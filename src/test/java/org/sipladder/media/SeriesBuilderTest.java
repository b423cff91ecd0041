package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A stream's series is bounded however long the stream runs: memory must not grow with RTP packets (a day-long
 * capture has many calls, each with minutes or hours of RTP), while the figures still add up.
 */
class SeriesBuilderTest {

    private static final long T0 = 1_763_900_000_000_000L;
    private static final long PACKET_MICROS = 20_000;

    /** Feeds {@code packets} packets of 20 ms from T0 on, skipping those whose sequence number {@code lost} says. */
    private static void feed(SeriesBuilder b, int from, int packets, java.util.function.IntPredicate lost) {
        for (int seq = from; seq < from + packets; seq++) {
            if (!lost.test(seq)) {
                b.add(T0 + seq * PACKET_MICROS, seq + 1, seq % 7);
            }
        }
    }

    @Test
    void anHourOfPacketsKeepsAtMostMaxIntervalsThatStillAddUp() {
        SeriesBuilder b = new SeriesBuilder();
        b.start(T0);
        int packets = 3600 * 50;
        feed(b, 0, packets, seq -> false);
        StreamSeries s = b.build();
        assertTrue(b.capacity() <= StreamSeries.MAX_INTERVALS, b.capacity() + " intervals held");
        assertTrue(s.length() <= StreamSeries.MAX_INTERVALS, s.length() + " intervals");
        assertEquals(16 * StreamSeries.INTERVAL_MICROS, s.intervalMicros());
        assertEquals(225, s.length());
        int sum = 0;
        int expected = 0;
        for (int i = 0; i < s.length(); i++) {
            sum += s.packets(i);
            expected += s.expected(i);
            assertEquals(0, s.lost(i));
        }
        assertEquals(packets, sum);
        assertEquals(packets, expected);
        assertEquals(800, s.packets(0));
        assertEquals(6f, s.maxJitterMs(0));
    }

    @Test
    void aSeriesForLossOnlyHasTheSamePacketsAndLossInHalfTheMemory() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long thread = Thread.currentThread().getId();
        // 20 minutes: merged into 8 s intervals on the way; loss in bursts, a quiet stretch, packets out of time order
        java.util.function.Consumer<SeriesBuilder> stream = b -> {
            b.start(T0);
            feed(b, 0, 30_000, seq -> seq % 997 < 5);
            b.add(T0 + 100 * PACKET_MICROS, 30_000, 3);
            feed(b, 40_000, 20_000, seq -> seq % 1500 < 40);
        };
        SeriesBuilder full = new SeriesBuilder();
        long before = threads.getThreadAllocatedBytes(thread);
        stream.accept(full);
        long fullBytes = threads.getThreadAllocatedBytes(thread) - before;
        SeriesBuilder loss = new SeriesBuilder(false);
        before = threads.getThreadAllocatedBytes(thread);
        stream.accept(loss);
        long lossBytes = threads.getThreadAllocatedBytes(thread) - before;
        StreamSeries a = full.build();
        StreamSeries b = loss.build();
        assertEquals(a.length(), b.length());
        assertEquals(a.intervalMicros(), b.intervalMicros());
        assertEquals(a.startMicros(), b.startMicros());
        int lost = 0;
        for (int i = 0; i < a.length(); i++) {
            assertEquals(a.packets(i), b.packets(i), "packets of interval " + i);
            assertEquals(a.expected(i), b.expected(i), "expected of interval " + i);
            assertEquals(a.lost(i), b.lost(i), "lost in interval " + i);
            lost += b.lost(i);
        }
        assertTrue(lost > 0);
        assertTrue(a.hasJitter());
        assertFalse(b.hasJitter());
        assertThrows(IllegalStateException.class, () -> b.jitterMs(0));
        // the arrays are most of it; the measurement itself allocates a little
        assertTrue(lossBytes * 10 < fullBytes * 6, lossBytes + " bytes for loss only, " + fullBytes + " with jitter");
    }

    @Test
    void aShortStreamKeepsEverySecond() {
        SeriesBuilder b = new SeriesBuilder();
        b.start(T0);
        feed(b, 0, 150, seq -> seq == 60 || seq == 61);
        StreamSeries s = b.build();
        assertEquals(StreamSeries.INTERVAL_MICROS, s.intervalMicros());
        assertEquals(3, s.length());
        assertEquals(48, s.packets(1));
        assertEquals(2, s.lost(1));
        assertTrue(b.capacity() < 16, "grows a few intervals at a time, not by doubling: " + b.capacity());
    }

    @Test
    void lossStaysInTheMergedIntervalItHappenedIn() {
        SeriesBuilder b = new SeriesBuilder();
        b.start(T0);
        // 300 s: the interval doubles to 2 s at the 257th second; 3 packets lost in second 200, 5 in second 290
        feed(b, 0, 300 * 50, seq -> seq / 50 == 200 && seq % 50 < 3 || seq / 50 == 290 && seq % 50 >= 45);
        StreamSeries s = b.build();
        assertEquals(2 * StreamSeries.INTERVAL_MICROS, s.intervalMicros());
        assertEquals(150, s.length());
        assertEquals(3, s.lost(100));
        assertEquals(5, s.lost(145));
        assertEquals(97, s.packets(100));
        int lost = 0;
        for (int i = 0; i < s.length(); i++) {
            lost += s.lost(i);
        }
        assertEquals(8, lost);
    }

    @Test
    void aBuiltSeriesStaysAsItWasWhilePacketsGoOn() {
        SeriesBuilder b = new SeriesBuilder();
        b.start(T0);
        feed(b, 0, 75, seq -> false);
        StreamSeries before = b.build();
        feed(b, 75, 30_000, seq -> false); // to 601.5 s: 4 s intervals
        StreamSeries after = b.build();
        assertEquals(2, before.length());
        assertEquals(25, before.packets(1));
        assertEquals(StreamSeries.INTERVAL_MICROS, before.intervalMicros());
        assertEquals(4 * StreamSeries.INTERVAL_MICROS, after.intervalMicros());
        assertEquals(200, after.packets(0));
    }

    @Test
    void aQuietStretchCarriesTheCountsOnAndAStartBeginsAfresh() {
        SeriesBuilder b = new SeriesBuilder();
        b.start(T0);
        feed(b, 0, 50, seq -> false);
        b.add(T0 + 600 * StreamSeries.INTERVAL_MICROS, 51, 1f); // ten minutes on hold, then one packet
        StreamSeries s = b.build();
        assertEquals(4 * StreamSeries.INTERVAL_MICROS, s.intervalMicros());
        assertEquals(151, s.length());
        assertEquals(0, s.expected(75));
        assertEquals(1, s.expected(150));
        b.start(T0 + 1_000_000_000L);
        b.add(T0 + 1_000_000_000L, 1, 0f);
        StreamSeries again = b.build();
        assertEquals(1, again.length());
        assertEquals(StreamSeries.INTERVAL_MICROS, again.intervalMicros());
        assertEquals(50, s.packets(0));
    }
}
