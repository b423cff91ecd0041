package org.sipladder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** What the eight-bytes-at-a-time scans of the read and the JSON writer share. */
public final class ByteWords {

    /** One in every byte: times a byte, that byte in all eight; subtracted, a zero byte borrows into its high bit. */
    public static final long ONES = 0x0101010101010101L;
    /** The high bit of every byte: what flags a byte found. */
    public static final long HIGHS = 0x8080808080808080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LINE_FEEDS = '\n' * ONES;

    private ByteWords() {
    }

    /**
     * The index (0-7) of the lowest byte flagged in {@code found} by its high bit (the other bits clear): its flag's
     * place multiplied into the top byte, as Long.numberOfTrailingZeros is no intrinsic under the quick JIT alone but
     * a call to Integer's, a loop of shifts.
     */
    public static int firstFlagged(long found) {
        long lowest = found & -found;
        return (int) (((lowest >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /**
     * The index of the first byte {@code b} in {@code a[from, to)}, or -1; eight bytes a step (the framing's search
     * for line feeds, the hottest loop of a read, and the SIP scan's for a header line's colon).
     */
    public static int indexOf(byte[] a, int from, int to, byte b) {
        int i = from;
        long pattern = (b & 0xffL) * ONES;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(a, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + firstFlagged(found);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first line feed or byte above 127 in {@code d[from, n)}, or {@code n}: eight bytes a step,
     * the byte found from the step's flags without a loop (the framing's walk to the empty line, the SIP scan's
     * line ends).
     */
    public static int plainEnd(byte[] d, int from, int n) {
        int i = from;
        for (; i + 8 <= n; i += 8) {
            long w = (long) LONGS.get(d, i);
            long x = w ^ LINE_FEEDS;
            // the lowest flag is exact: a false one only follows a line feed (a borrow from it)
            long found = (((x - ONES) & ~x) | w) & HIGHS;
            if (found != 0) {
                return i + firstFlagged(found);
            }
        }
        for (; i < n; i++) {
            byte b = d[i];
            if (b == '\n' || b < 0) {
                return i;
            }
        }
        return n;
    }
}
