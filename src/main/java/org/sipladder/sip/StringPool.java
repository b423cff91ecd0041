package org.sipladder.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares equal header values between messages (the From of a dialog, the Call-ID of a leg...): a direct-mapped
 * cache of recent strings, so that a hit costs no allocation and a collision only loses one sharing. Not
 * thread-safe: one pool per reading thread.
 *
 * <p>A look-up first compares the slot's hash and length, held side by side in one array, and then the slot's
 * bytes, held in one block of the pool: a slot's own byte array or string, somewhere in the heap, was a cache miss
 * per look-up (a fifth of the SIP scan's time), and a byte array per miss garbage for the old generation.
 */
public final class StringPool {

    /**
     * Small enough to stay in the processor's cache: the values worth sharing are those of the dialogs active
     * right now, and a cache miss per lookup would cost more than the sharing saves.
     */
    private static final int SLOTS = 1 << 12;
    /** Bytes of a slot's text held in {@link #text}: nine values in ten are shorter; longer ones keep an array. */
    private static final int WIDTH = 64;

    private final String[] slots = new String[SLOTS];
    /**
     * The read's strings, or null: a string this pool makes is the one another thread of the read made already
     * when there is one, so that both keep one and a hit here needs no comparison with the read's.
     */
    private final SharedStrings shared;
    /** Per slot: the hash of its text's bytes in the high half, its length + 1 in the low half; 0 when none. */
    private final long[] keys = new long[SLOTS];
    /** Per slot, {@link #WIDTH} bytes: the text of a slot no longer than that. */
    private final byte[] text = new byte[SLOTS * WIDTH];
    /** The text of a slot longer than {@link #WIDTH} bytes, else null. */
    private final byte[][] longText = new byte[SLOTS][];
    /** Byte arrays shared as they are, apart from the strings ({@link #shareBytes}), with their keys. */
    private final byte[][] byteSlots = new byte[SLOTS][];
    private final long[] byteKeys = new long[SLOTS];

    /** A pool of its own. */
    public StringPool() {
        this(null);
    }

    /** A pool whose strings are kept once with those of the other threads of a read through {@code shared}. */
    public StringPool(SharedStrings shared) {
        this.shared = shared;
    }

    /** The shared string of the ASCII bytes {@code a[from, to)}. */
    public String share(byte[] a, int from, int to) {
        int hash = WordScan.hash(a, from, to);
        int slot = spread(hash);
        long key = key(hash, to - from);
        if (keys[slot] == key && holds(slot, a, from, to)) {
            return slots[slot];
        }
        String made = new String(a, from, to - from, StandardCharsets.ISO_8859_1);
        if (shared != null) {
            made = shared.share(made, hash);
        }
        put(slot, key, made, a, from, to);
        return made;
    }

    /** The shared copy of the bytes {@code a[from, to)}; shared arrays must never be written to. */
    byte[] shareBytes(byte[] a, int from, int to) {
        int hash = WordScan.hash(a, from, to);
        int slot = spread(hash);
        long key = key(hash, to - from);
        byte[] known = byteSlots[slot];
        if (byteKeys[slot] == key && Arrays.equals(known, 0, known.length, a, from, to)) {
            return known;
        }
        byte[] made = Arrays.copyOfRange(a, from, to);
        byteSlots[slot] = made;
        byteKeys[slot] = key;
        return made;
    }

    /**
     * The shared copy of {@code mark} followed by the bytes {@code a[from, to)} (a kept branch: see
     * {@link HeaderParameters#branchBytes}); shared arrays must never be written to.
     */
    byte[] shareBytes(byte mark, byte[] a, int from, int to) {
        int hash = WordScan.hash(a, from, to) + mark;
        int slot = spread(hash);
        long key = key(hash, to - from + 1);
        byte[] known = byteSlots[slot];
        if (byteKeys[slot] == key && known[0] == mark && Arrays.equals(known, 1, known.length, a, from, to)) {
            return known;
        }
        byte[] made = new byte[to - from + 1];
        made[0] = mark;
        System.arraycopy(a, from, made, 1, to - from);
        byteSlots[slot] = made;
        byteKeys[slot] = key;
        return made;
    }

    /** The shared instance of {@code bytes}, or {@code bytes} itself, which must never be written to after. */
    byte[] shareBytes(byte[] bytes) {
        return shareBytes(bytes, 0, bytes.length);
    }

    /** The shared instance of {@code s}; null stays null. */
    String share(String s) {
        if (s == null) {
            return null;
        }
        // the slot the same text finds as bytes (characters beyond Latin-1 hash as '?': equals() still decides)
        byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
        int hash = WordScan.hash(latin1, 0, latin1.length);
        int slot = spread(hash);
        String known = slots[slot];
        if (s.equals(known)) {
            return known;
        }
        // a text beyond ASCII gets no key, so that byte sequences never match it
        put(slot, isAscii(s) ? key(hash, latin1.length) : 0, s, latin1, 0, latin1.length);
        return s;
    }

    private void put(int slot, long key, String s, byte[] a, int from, int to) {
        slots[slot] = s;
        keys[slot] = key;
        int length = to - from;
        if (length <= WIDTH) {
            System.arraycopy(a, from, text, slot * WIDTH, length);
            longText[slot] = null;
        } else {
            longText[slot] = Arrays.copyOfRange(a, from, to);
        }
    }

    /** True when slot {@code slot}, whose key matched, holds the bytes {@code a[from, to)}. */
    private boolean holds(int slot, byte[] a, int from, int to) {
        int length = to - from;
        if (length > WIDTH) {
            byte[] known = longText[slot];
            return Arrays.equals(known, 0, length, a, from, to);
        }
        return WordScan.sameRun(text, slot * WIDTH, a, from, length);
    }

    /** The key of a text: its hash and length; never 0. */
    private static long key(int hash, int length) {
        return (long) hash << 32 | (length + 1);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        return (h * 0x9E3779B1 >>> 20) & (SLOTS - 1);
    }
}
