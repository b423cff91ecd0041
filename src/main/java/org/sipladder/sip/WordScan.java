package org.sipladder.sip;

import static org.sipladder.ByteWords.HIGHS;
import static org.sipladder.ByteWords.ONES;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.sipladder.ByteWords;

/**
 * Byte scans eight bytes at a time: loading a capture runs them over every header byte, before the JIT's last
 * tier, where a loop a byte at a time costs twice as much (measured with the quick JIT on 20-70 byte values).
 */
public final class WordScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEMICOLONS = ';' * ONES;
    private static final long COMMAS = ',' * ONES;
    private static final long BELOW_BANG = '!' * ONES;

    private WordScan() {
    }

    /**
     * A hash of {@code a[from, to)}; equal bytes give equal hashes (it is not String.hashCode). Whole words only: the
     * last bytes of a range of eight or more are the last word (overlapping the one before), of four to seven two
     * ints, only of a shorter range are they read one by one.
     */
    public static int hash(byte[] a, int from, int to) {
        int n = to - from;
        long h = n;
        if (n >= 8) {
            int i = from;
            for (; i + 8 <= to; i += 8) {
                h = (h ^ (long) LONGS.get(a, i)) * 0x9E3779B97F4A7C15L;
            }
            if (i < to) {
                h = (h ^ (long) LONGS.get(a, to - 8)) * 0x9E3779B97F4A7C15L;
            }
        } else if (n >= 4) {
            long w = (long) (int) INTS.get(a, from) << 32 | (int) INTS.get(a, to - 4) & 0xFFFF_FFFFL;
            h = (h ^ w) * 0x9E3779B97F4A7C15L;
        } else {
            for (int i = from; i < to; i++) {
                h = (h ^ a[i]) * 0x100000001B3L;
            }
        }
        return (int) (h ^ h >>> 32);
    }

    /**
     * True when {@code a[aFrom, aFrom+n)} and {@code b[bFrom, bFrom+n)} hold the same bytes; the room is there. Eight
     * bytes a step (the last step overlapping), where {@link java.util.Arrays#equals} costs two range checks and a
     * mismatch search before the JIT's last tier.
     */
    static boolean sameRun(byte[] a, int aFrom, byte[] b, int bFrom, int n) {
        if (n >= 8) {
            int k = 0;
            for (; k + 8 <= n; k += 8) {
                if ((long) LONGS.get(a, aFrom + k) != (long) LONGS.get(b, bFrom + k)) {
                    return false;
                }
            }
            return k == n || (long) LONGS.get(a, aFrom + n - 8) == (long) LONGS.get(b, bFrom + n - 8);
        }
        if (n >= 4) {
            return (int) INTS.get(a, aFrom) == (int) INTS.get(b, bFrom)
                    && (int) INTS.get(a, aFrom + n - 4) == (int) INTS.get(b, bFrom + n - 4);
        }
        for (int k = 0; k < n; k++) {
            if (a[aFrom + k] != b[bFrom + k]) {
                return false;
            }
        }
        return true;
    }

    /** The eight bytes of {@code a} at {@code from} as a little-endian long; the room is there. */
    public static long word(byte[] a, int from) {
        return (long) LONGS.get(a, from);
    }

    /** The four bytes of {@code a} at {@code from} as a little-endian int; the room is there. */
    static int quad(byte[] a, int from) {
        return (int) INTS.get(a, from);
    }

    /**
     * The last index of byte {@code b} in {@code a[from, to)}, or -1; eight bytes a step from the end.
     */
    public static int lastIndexOf(byte[] a, int from, int to, byte b) {
        long pattern = (b & 0xffL) * ONES;
        int i = to;
        for (; i - 8 >= from; i -= 8) {
            long x = (long) LONGS.get(a, i - 8) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                // the lowest flagged byte may be a false one (a borrow from a lower zero byte): test from the top
                for (int j = i - 1; j >= i - 8; j--) {
                    if (a[j] == b) {
                        return j;
                    }
                }
            }
        }
        for (int j = i - 1; j >= from; j--) {
            if (a[j] == b) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Where the first line feed of {@code a[from, to)} is, or {@code to}: {@link ByteWords#plainEnd} steps, for a
     * reader that needs only line ends (the SDP scans), going on past a byte above 127 or a control byte.
     */
    public static int lineFeed(byte[] a, int from, int to) {
        int i = ByteWords.plainEnd(a, from, to);
        while (i < to && a[i] != '\n') {
            i = ByteWords.plainEnd(a, i + 1, to);
        }
        return i;
    }

    /**
     * True when {@code a[from, to)} holds {@code lower} (ASCII, its letters in lower case) in any ASCII case; the
     * letter {@code lower[anchor]} looked for eight bytes at a time (the read asks it of every message's first Via,
     * and an anchor that the usual text lacks, as "received"'s v, finds no candidate there at all).
     */
    static boolean containsIgnoringCase(byte[] a, int from, int to, byte[] lower, int anchor) {
        long pattern = lower[anchor] * ONES;
        // the anchor's places: a match starting at s has it at s + anchor, for s in [from, to - lower.length]
        int end = to - lower.length + anchor + 1;
        int i = from + anchor;
        for (; i + 8 <= end; i += 8) {
            // OR 0x20 folds a letter's case and maps no other byte onto a lower-case letter
            long x = ((long) LONGS.get(a, i) | 0x2020202020202020L) ^ pattern;
            if (((x - ONES) & ~x & HIGHS) != 0) {
                for (int j = i; j < i + 8; j++) {
                    if (sameIgnoringCase(a, j - anchor, lower)) {
                        return true;
                    }
                }
            }
        }
        for (; i < end; i++) {
            if (sameIgnoringCase(a, i - anchor, lower)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The index of the first semicolon or comma in {@code a[from, to)}, with {@code blanks} also of the first byte up to
     * a space (0x20), or {@code to}: where a header parameter may end as the read looks for it, eight bytes a step (with
     * {@code blanks}, the caller tells which of those bytes do end it).
     */
    static int parameterEnd(byte[] a, int from, int to, boolean blanks) {
        // (w - 0x21 each) & ~w flags the bytes below 0x21 (not those above 127); with 0 it flags none
        long below = blanks ? BELOW_BANG : 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(a, i);
            long s = w ^ SEMICOLONS;
            long c = w ^ COMMAS;
            // the lowest flag of each test is exact (a false one only follows a true one of its own), so is theirs
            long found = ((s - ONES) & ~s | (c - ONES) & ~c | (w - below) & ~w) & HIGHS;
            if (found != 0) {
                return i + ByteWords.firstFlagged(found);
            }
        }
        for (; i < to; i++) {
            byte b = a[i];
            if (b == ';' || b == ',' || blanks && b >= 0 && b <= ' ') {
                return i;
            }
        }
        return to;
    }

    /**
     * True when {@code a} holds {@code lower} (ASCII, its letters in lower case) at {@code from} in any ASCII case; the
     * room is there.
     */
    static boolean sameIgnoringCase(byte[] a, int from, byte[] lower) {
        for (int k = 0; k < lower.length; k++) {
            int c = a[from + k];
            if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != lower[k]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)} hold the same bytes. */
    public static boolean same(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        return aTo - aFrom == bTo - bFrom && sameRun(a, aFrom, b, bFrom, aTo - aFrom);
    }

    /** True when {@code a[from, to)} begins with the bytes of {@code prefix}. */
    public static boolean startsWith(byte[] a, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && same(a, from, from + prefix.length, prefix, 0, prefix.length);
    }
}
