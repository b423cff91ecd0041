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
    /** XOR-ed into a word: the bytes {@link #plainEnd} stops at become those below 11, a tab and a CR do not. */
    private static final long TWOS = 2 * ONES;
    /** Subtracted from a word, borrows into the high bit of each byte below 11. */
    private static final long ELEVENS = 11 * ONES;

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
     * The index of the first line feed, NUL or other control byte up to 11 but a tab (0-8, 10, 11), or byte above
     * 127 in {@code d[from, n)}, or {@code n}: eight bytes a step, the byte found from the step's flags without a
     * loop (the framing's walk to the empty line, the SIP scan's line ends). One test finds all of them (a byte
     * whose value XOR 2 is below 11: a line feed's is 8, a NUL's 2, a tab's 11, a CR's 15), as cheap as a test for
     * line feeds alone, so that a NUL sends a message to the full scan, which flags it, at no cost to any other.
     */
    public static int plainEnd(byte[] d, int from, int n) {
        int i = from;
        for (; i + 8 <= n; i += 8) {
            long w = (long) LONGS.get(d, i);
            long x = w ^ TWOS;
            // the lowest flag is exact: a false one only follows a byte found (a borrow from it)
            long found = (((x - ELEVENS) & ~x) | w) & HIGHS;
            if (found != 0) {
                return i + firstFlagged(found);
            }
        }
        for (; i < n; i++) {
            if ((d[i] ^ 2) < 11) {
                return i;
            }
        }
        return n;
    }
}
