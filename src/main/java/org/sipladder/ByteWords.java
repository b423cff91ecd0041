package org.sipladder;

/** What the eight-bytes-at-a-time scans of the read and the JSON writer share. */
public final class ByteWords {

    /** One in every byte: times a byte, that byte in all eight; subtracted, a zero byte borrows into its high bit. */
    public static final long ONES = 0x0101010101010101L;
    /** The high bit of every byte: what flags a byte found. */
    public static final long HIGHS = 0x8080808080808080L;

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
}
