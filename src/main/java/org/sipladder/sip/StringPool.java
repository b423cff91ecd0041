package org.sipladder.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares equal header values between messages (the From of a dialog, the Call-ID of a leg...): a direct-mapped
 * cache of recent strings, so that a hit costs no allocation and a collision only loses one sharing. Not
 * thread-safe: one pool per reading thread.
 */
public final class StringPool {

    /**
     * Small enough to stay in the processor's cache: the values worth sharing are those of the dialogs active
     * right now, and a cache miss per lookup would cost more than the sharing saves.
     */
    private static final int SLOTS = 1 << 12;

    private final String[] slots = new String[SLOTS];
    /**
     * The read's strings, or null: a string this pool makes is the one another thread of the read made already
     * when there is one, so that both keep one and a hit here needs no comparison with the read's.
     */
    private final SharedStrings shared;
    /** The bytes of each slot's string, compared in bulk (a character at a time is slow before the JIT's last tier). */
    private final byte[][] slotBytes = new byte[SLOTS][];
    /** Byte arrays shared as they are, apart from the strings ({@link #shareBytes}). */
    private final byte[][] byteSlots = new byte[SLOTS][];

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
        int slot = spread(WordScan.hash(a, from, to));
        if (holds(slotBytes[slot], a, from, to)) {
            return slots[slot];
        }
        String made = new String(a, from, to - from, StandardCharsets.ISO_8859_1);
        if (shared != null) {
            made = shared.share(made);
        }
        slots[slot] = made;
        slotBytes[slot] = Arrays.copyOfRange(a, from, to);
        return made;
    }

    /** The shared copy of the bytes {@code a[from, to)}; shared arrays must never be written to. */
    byte[] shareBytes(byte[] a, int from, int to) {
        int slot = spread(WordScan.hash(a, from, to));
        if (holds(byteSlots[slot], a, from, to)) {
            return byteSlots[slot];
        }
        byte[] made = Arrays.copyOfRange(a, from, to);
        byteSlots[slot] = made;
        return made;
    }

    /**
     * The shared copy of {@code mark} followed by the bytes {@code a[from, to)} (a kept branch: see
     * {@link HeaderParameters#branchBytes}); shared arrays must never be written to.
     */
    byte[] shareBytes(byte mark, byte[] a, int from, int to) {
        int slot = spread(WordScan.hash(a, from, to) + mark);
        byte[] known = byteSlots[slot];
        if (known != null && known.length == to - from + 1 && known[0] == mark
                && Arrays.equals(known, 1, known.length, a, from, to)) {
            return known;
        }
        byte[] made = new byte[to - from + 1];
        made[0] = mark;
        System.arraycopy(a, from, made, 1, to - from);
        byteSlots[slot] = made;
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
        int slot = spread(WordScan.hash(latin1, 0, latin1.length));
        String known = slots[slot];
        if (s.equals(known)) {
            return known;
        }
        slots[slot] = s;
        slotBytes[slot] = asciiBytes(s);
        return s;
    }

    /** The bytes of an ASCII string; null for any other, which byte sequences then never match. */
    private static byte[] asciiBytes(String s) {
        byte[] bytes = new byte[s.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = s.charAt(i);
            if (c > 127) {
                return null;
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /** True when {@code known} holds the bytes {@code a[from, to)}. */
    private static boolean holds(byte[] known, byte[] a, int from, int to) {
        return known != null && Arrays.equals(known, 0, known.length, a, from, to);
    }

    private static int spread(int h) {
        return (h * 0x9E3779B1 >>> 20) & (SLOTS - 1);
    }

    /** True when {@code a} holds the characters of {@code s} from {@code from} on (ASCII). */
    static boolean sameAscii(String s, byte[] a, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != a[from + i]) {
                return false;
            }
        }
        return true;
    }
}
