package org.sipladder.sip;

import java.util.List;

/** Shares the String of well-known method names, so that millions of messages do not each hold a copy. */
final class Methods {

    private static final List<String> KNOWN = List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK",
            "UPDATE", "INFO", "REFER", "NOTIFY", "SUBSCRIBE", "MESSAGE", "PUBLISH");
    /** {@link #KNOWN} as an array, for the look-up every message of a capture makes (no iterator each time). */
    private static final String[] KNOWN_ARRAY = KNOWN.toArray(new String[0]);
    /** {@link #KNOWN_ARRAY} as ASCII bytes, compared with a message's bytes (String.charAt is slow under C1). */
    private static final byte[][] KNOWN_BYTES = new byte[KNOWN_ARRAY.length][];

    static {
        for (int i = 0; i < KNOWN_ARRAY.length; i++) {
            KNOWN_BYTES[i] = KNOWN_ARRAY[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private Methods() {
    }

    /** The upper-cased method name at {@code s[from, to)}, the shared instance when it is a well-known method. */
    static String canonical(String s, int from, int to) {
        // as written first (a CSeq's method nearly always is): ignoring case compares a character at a time
        for (String k : KNOWN_ARRAY) {
            if (k.length() == to - from && s.startsWith(k, from)) {
                return k;
            }
        }
        for (String k : KNOWN_ARRAY) {
            if (k.length() == to - from && s.regionMatches(true, from, k, 0, k.length())) {
                return k;
            }
        }
        return s.substring(from, to).toUpperCase(java.util.Locale.ROOT);
    }

    /** The shared instance of the well-known method spelled exactly by the ASCII bytes {@code d[from, to)}, or null. */
    static String known(byte[] d, int from, int to) {
        for (int i = 0; i < KNOWN_BYTES.length; i++) {
            byte[] k = KNOWN_BYTES[i];
            if (WordScan.same(k, 0, k.length, d, from, to)) {
                return KNOWN_ARRAY[i];
            }
        }
        return null;
    }

    /**
     * The well-known method that {@code name}, not one itself, spells in other letter case ("invite"), or null: SIP
     * methods are case-sensitive (RFC 3261 7.1), so such a request is an unknown method to every stack.
     */
    static String inOtherCase(String name) {
        for (String k : KNOWN_ARRAY) {
            if (!k.equals(name) && k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    /** The index of {@code name} (spelt exactly) among the well-known methods, or -1. */
    static int code(String name) {
        // every message of a capture asks, mostly with the shared instance itself (see known)
        for (int i = 0; i < KNOWN_ARRAY.length; i++) {
            if (KNOWN_ARRAY[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < KNOWN_ARRAY.length; i++) {
            if (KNOWN_ARRAY[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The well-known method of index {@code code} ({@link #code}). */
    static String known(int code) {
        return KNOWN_ARRAY[code];
    }

    /** The shared instance of {@code name} when it is a well-known method, else {@code name}. */
    static String canonical(String name) {
        int code = code(name);
        return code < 0 ? name : KNOWN_ARRAY[code];
    }
}
