package org.sipladder.sip;

import java.nio.charset.StandardCharsets;

/**
 * One header value, or the SDP, read again from the bytes of a message that {@link FastScan} accepted, without the
 * full scan of {@link MessageScanner}: such a message's header section is plain ASCII lines ended by CR LF, each with
 * a name and a colon, none folded, so the full scan would split it into exactly these lines and find the same
 * values. A diagnosis asks a few headers (Contact, Via, Proxy-Authorization) and the SDP of most messages; the full
 * scan made every header, the text and the body of each, half of the diagnosis's work.
 */
final class PlainReadBack {

    private PlainReadBack() {
    }

    /**
     * The first value of header {@code name} (compact forms included, any case), trimmed as the full scan trims it,
     * or null. {@code name} must be ASCII.
     */
    static String first(byte[] d, String name) {
        return first(lines(d), name);
    }

    /** The SDP of the body, found by Content-Type and cut at Content-Length as the full scan does; null when none. */
    static Sdp sdp(byte[] d) {
        return sdp(lines(d));
    }

    /**
     * Where the header lines of {@code d} are, found once for several questions about the message: a diagnosis asks
     * Contact, Via, Proxy-Authorization, Session-Expires and the SDP of the same message, and most of them are not
     * there, which took a walk over every line for each. The lines are walked as far as the questions need: a
     * response asked only its Via (its first header, mostly) is not walked further.
     */
    static HeaderLines lines(byte[] d) {
        return lines(new HeaderLines(), d, 0, d.length);
    }

    /** {@link #lines(byte[])} of the message that is {@code d[from, end)}, walked in {@code h} (its arrays reused). */
    static HeaderLines lines(HeaderLines h, byte[] d, int from, int end) {
        h.start(d, end, FastScan.crlf(d, MessageScanner.firstNonBlank(d, from, end), end) + 2);
        return h;
    }

    /** {@link #first(byte[], String)} of the message whose lines {@code h} holds. */
    static String first(HeaderLines h, String name) {
        // a line is compared only when its name's length and folded first byte are the name's, or it is one letter
        // (a compact form): a diagnosis asks four or five names of a message of a dozen lines
        int want = name.isEmpty() ? NO_NAME : key(name.length(), name.charAt(0));
        for (int i = 0; i < h.count || h.next(); i++) {
            int[] at = h.at;
            int key = at[4 * i + 3];
            if ((key == want || key >>> 8 == 1) && named(h.d, at[4 * i], at[4 * i + 1], name)) {
                return value(h.d, at[4 * i + 1], at[4 * i + 2]);
            }
        }
        return null;
    }

    /** The key of a line without a colon, or of an empty name: matches no line's name but a compact one. */
    private static final int NO_NAME = -1;

    /** What {@link #first} compares before the name itself: its length, and its first byte with ASCII case folded. */
    private static int key(int length, int first) {
        return length << 8 | (first | 0x20) & 0xFF;
    }

    /** {@link #sdp(byte[])} of the message whose lines {@code h} holds. */
    static Sdp sdp(HeaderLines h) {
        return sdp(h, null);
    }

    /** {@link #sdp(HeaderLines)}, a body {@code memo} (when given) has seen not parsed again ({@link SdpMemo}). */
    static Sdp sdp(HeaderLines h, SdpMemo memo) {
        int n = h.end;
        while (h.next()) {
            // the body starts after the last header line
        }
        if (h.bodyStart < 0 || h.bodyStart == n) {
            return null; // no body (most messages): no SDP, whatever Content-Type and Content-Length say
        }
        return SdpBodies.find(known(h, CONTENT_TYPE), h.d, h.bodyStart, bodyLength(h, n - h.bodyStart), memo);
    }

    /**
     * {@link #first} of the name that is {@link KeptHeaders#ASKED_UNKEPT}{@code [asked]}: the walk notes the first
     * line of each of those names as it passes it ({@link HeaderLines#known}), so a question is one look, not a
     * comparison with every line (a diagnosis asks four or five of them of ~500,000 messages, most of them absent).
     */
    static String known(HeaderLines h, int asked) {
        int line = h.known[asked];
        while (line < 0 && h.next()) {
            line = h.known[asked];
        }
        return line < 0 ? null : value(h.d, h.at[4 * line + 1], h.at[4 * line + 2]);
    }

    /** The names of {@link KeptHeaders#ASKED_UNKEPT}, each noted at its first line by the walk. */
    private static final String[] KNOWN = KeptHeaders.ASKED_UNKEPT;
    private static final int CONTENT_TYPE = KeptHeaders.askedIndex("Content-Type");
    private static final int CONTENT_LENGTH = KeptHeaders.askedIndex("Content-Length");
    /**
     * 1 + the index in {@link #KNOWN} of the name of each length and first letter (both cut to five bits, see
     * {@link #knownSlot}), 0 for none: one look per line, the name's bytes compared only on a hit.
     */
    private static final byte[] KNOWN_BY_SLOT = new byte[1 << 10];
    /** Each of {@link #KNOWN} as bytes with its letters' case bit set, and that bit for each letter (0 for others). */
    private static final byte[][] KNOWN_FOLDED = new byte[KNOWN.length][];
    private static final byte[][] KNOWN_CASE = new byte[KNOWN.length][];
    /** 1 + the index in {@link #KNOWN} of the name a one-letter line of each ASCII byte stands for ({@link #named}), or 0. */
    private static final byte[] KNOWN_COMPACT = new byte[128];

    static {
        for (int k = 0; k < KNOWN.length; k++) {
            String name = KNOWN[k];
            int slot = knownSlot(name.length(), name.charAt(0));
            if (KNOWN_BY_SLOT[slot] != 0) {
                throw new IllegalStateException(name + " shares its slot with " + KNOWN[KNOWN_BY_SLOT[slot] - 1]);
            }
            KNOWN_BY_SLOT[slot] = (byte) (k + 1);
            KNOWN_FOLDED[k] = new byte[name.length()];
            KNOWN_CASE[k] = new byte[name.length()];
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                // named(): a letter matches in either case, any other character only itself
                KNOWN_CASE[k][i] = (byte) (Character.isLetter(c) ? 0x20 : 0);
                KNOWN_FOLDED[k][i] = (byte) (c | KNOWN_CASE[k][i]);
            }
            for (int c = 0; c < KNOWN_COMPACT.length; c++) {
                if (HeaderNames.expand(String.valueOf((char) c)).equalsIgnoreCase(name)) {
                    KNOWN_COMPACT[c] = (byte) (k + 1);
                }
            }
        }
    }

    /** Where a name of {@code length} whose first byte is {@code first} lies in {@link #KNOWN_BY_SLOT}. */
    private static int knownSlot(int length, int first) {
        return (length & 31) << 5 | first & 31;
    }

    /**
     * The index in {@link #KNOWN} of the name {@code d[ns, ne)} (trimmed, not empty) is, as {@link #named} compares
     * it (a one-letter name as its full form), or -1.
     */
    private static int knownName(byte[] d, int ns, int ne) {
        int length = ne - ns;
        if (length == 1) {
            return d[ns] >= 0 ? KNOWN_COMPACT[d[ns]] - 1 : -1;
        }
        int k = KNOWN_BY_SLOT[knownSlot(length, d[ns])] - 1;
        if (k < 0 || KNOWN_FOLDED[k].length != length) {
            return -1;
        }
        byte[] folded = KNOWN_FOLDED[k];
        byte[] bit = KNOWN_CASE[k];
        for (int i = 0; i < length; i++) {
            if ((d[ns + i] | bit[i]) != folded[i]) {
                return -1;
            }
        }
        return k;
    }

    /**
     * The header lines of one message walked so far: for each, where it starts, its first colon (-1 when none), its
     * end and its name's {@link #key} ({@link #NO_NAME} when it has no colon).
     */
    static final class HeaderLines {
        byte[] d;
        /** Where the message ends in {@link #d}. */
        int end;
        int[] at = new int[64];
        int count;
        /** Where the next line starts; at most 1 when the start line has no end (then no header line follows). */
        private int next;
        /** Where the body starts, after the blank line; -1 when the header section has no end (known once walked). */
        int bodyStart;
        private boolean walked;
        /** For each of {@link #KNOWN}: its first line among those walked, or -1. */
        final int[] known = new int[KNOWN.length];

        /** Starts a walk of the message ending at {@code end} of {@code d} whose first header line is at {@code next}. */
        void start(byte[] d, int end, int next) {
            this.d = d;
            this.end = end;
            this.next = next;
            count = 0;
            bodyStart = -1;
            walked = false;
            java.util.Arrays.fill(known, -1);
        }

        /** Adds the next header line; false when there is none, the walk then over and {@link #bodyStart} known. */
        boolean next() {
            if (walked) {
                return false;
            }
            int lineEnd = next > 1 ? FastScan.crlf(d, next, end) : -1;
            if (lineEnd > next) {
                add(next, FastScan.indexOf(d, next, lineEnd, (byte) ':'), lineEnd);
                next = lineEnd + 2;
                return true;
            }
            // no end of the header section (FastScan accepts no such message): no body either
            bodyStart = lineEnd == next ? next + 2 : -1;
            walked = true;
            return false;
        }

        private void add(int start, int colon, int end) {
            if (4 * count + 4 > at.length) {
                at = java.util.Arrays.copyOf(at, at.length * 2);
            }
            int key = NO_NAME;
            if (colon > start) {
                // the name trimmed as named() trims it
                int ns = FastScan.trimStart(d, start, colon);
                int ne = FastScan.trimEnd(d, ns, colon);
                key = ne > ns ? key(ne - ns, d[ns]) : NO_NAME;
                int k = ne > ns ? knownName(d, ns, ne) : -1;
                if (k >= 0 && known[k] < 0) {
                    known[k] = count;
                }
            }
            at[4 * count] = start;
            at[4 * count + 1] = colon;
            at[4 * count + 2] = end;
            at[4 * count + 3] = key;
            count++;
        }
    }

    /**
     * The body's length as the full scan cuts it: the declared length when it is a number that fits, else all. Read
     * from the bytes of the first Content-Length line as {@code Integer.parseInt} reads its trimmed value (a sign,
     * then ASCII digits), without a string of it.
     */
    static int bodyLength(HeaderLines h, int available) {
        int line = h.known[CONTENT_LENGTH];
        if (line < 0) {
            return available; // walked to the end already: there is none
        }
        byte[] d = h.d;
        int i = FastScan.trimStart(d, h.at[4 * line + 1] + 1, h.at[4 * line + 2]);
        int end = FastScan.trimEnd(d, i, h.at[4 * line + 2]);
        boolean negative = i < end && d[i] == '-';
        if (i < end && (d[i] == '-' || d[i] == '+')) {
            i++;
        }
        if (i == end) {
            return available;
        }
        long length = 0;
        for (; i < end; i++) {
            if (d[i] < '0' || d[i] > '9') {
                return available;
            }
            if (length <= available) {
                // beyond available stays beyond (and cannot overflow): all is taken either way
                length = 10 * length + (d[i] - '0');
            }
        }
        if (negative) {
            return length == 0 ? 0 : available;
        }
        return length > available ? available : (int) length;
    }

    private static String value(byte[] d, int colon, int lineEnd) {
        int vs = FastScan.trimStart(d, colon + 1, lineEnd);
        return new String(d, vs, FastScan.trimEnd(d, vs, lineEnd) - vs, StandardCharsets.ISO_8859_1);
    }

    /** True when the header name before {@code colon}, trimmed and expanded as the full scan does, is {@code name}. */
    private static boolean named(byte[] d, int from, int colon, String name) {
        int ns = FastScan.trimStart(d, from, colon);
        int ne = FastScan.trimEnd(d, ns, colon);
        if (ne - ns == 1) {
            return HeaderNames.expand(String.valueOf((char) d[ns])).equalsIgnoreCase(name);
        }
        if (ne - ns != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            int a = d[ns + i];
            int b = name.charAt(i);
            if (a != b && (a | 0x20) != (b | 0x20) || a != b && !Character.isLetter(b)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@link #first} may be asked for {@code name}: plain ASCII, as its byte comparison needs. */
    static boolean asciiName(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
