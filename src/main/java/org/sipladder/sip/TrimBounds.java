package org.sipladder.sip;

/**
 * Where {@link String#trim} would cut a stretch of a string, as indexes: for readers that take only a few values of
 * a text as strings and find the rest by bounds (SDP lines, SIP addresses, header parameters, codec texts), in a
 * string or in the bytes of an ISO-8859-1 text.
 */
public final class TrimBounds {

    private TrimBounds() {
    }

    /** The first index from {@code from} whose character String.trim keeps ({@code > ' '}), or {@code to}. */
    public static int start(String text, int from, int to) {
        int i = from;
        while (i < to && text.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    /** The end of {@code text[from, to)} as String.trim cuts it: after its last character above {@code ' '}. */
    public static int end(String text, int from, int to) {
        int i = to;
        while (i > from && text.charAt(i - 1) <= ' ') {
            i--;
        }
        return i;
    }

    /** {@link #start(String, int, int)} of the ISO-8859-1 text that {@code d} holds (one byte per character). */
    public static int start(byte[] d, int from, int to) {
        int i = from;
        while (i < to && (d[i] & 0xff) <= ' ') {
            i++;
        }
        return i;
    }

    /** {@link #end(String, int, int)} of the ISO-8859-1 text that {@code d} holds (one byte per character). */
    public static int end(byte[] d, int from, int to) {
        int i = to;
        while (i > from && (d[i - 1] & 0xff) <= ' ') {
            i--;
        }
        return i;
    }
}
