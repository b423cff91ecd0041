package org.sipladder.sip;

import java.nio.charset.StandardCharsets;

/**
 * Shares equal header values between messages (the From of a dialog, the Call-ID of a leg...): a direct-mapped
 * cache of recent strings, so that a hit costs no allocation and a collision only loses one sharing. Not
 * thread-safe: one pool per reading thread.
 */
final class StringPool {

    /**
     * Small enough to stay in the processor's cache: the values worth sharing are those of the dialogs active
     * right now, and a cache miss per lookup would cost more than the sharing saves.
     */
    private static final int SLOTS = 1 << 12;

    private final String[] slots = new String[SLOTS];

    /** The shared string of the ASCII bytes {@code a[from, to)}. */
    String share(byte[] a, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + a[i];
        }
        int slot = spread(h);
        String known = slots[slot];
        if (known != null && known.length() == to - from && sameAscii(known, a, from)) {
            return known;
        }
        String made = new String(a, from, to - from, StandardCharsets.ISO_8859_1);
        slots[slot] = made;
        return made;
    }

    /** The shared instance of {@code s}; null stays null. */
    String share(String s) {
        if (s == null) {
            return null;
        }
        int slot = spread(s.hashCode());
        String known = slots[slot];
        if (s.equals(known)) {
            return known;
        }
        slots[slot] = s;
        return s;
    }

    private static int spread(int h) {
        return (h * 0x9E3779B1 >>> 20) & (SLOTS - 1);
    }

    private static boolean sameAscii(String s, byte[] a, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != a[from + i]) {
                return false;
            }
        }
        return true;
    }
}
