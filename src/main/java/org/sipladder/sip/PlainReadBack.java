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
        int n = d.length;
        int pos = FastScan.crlf(d, MessageScanner.firstNonBlank(d), n) + 2;
        int lineEnd;
        while (pos > 1 && (lineEnd = FastScan.crlf(d, pos, n)) > pos) {
            int colon = FastScan.indexOf(d, pos, lineEnd, (byte) ':');
            if (colon > pos && named(d, pos, colon, name)) {
                return value(d, colon, lineEnd);
            }
            pos = lineEnd + 2;
        }
        return null;
    }

    /** The SDP of the body, found by Content-Type and cut at Content-Length as the full scan does; null when none. */
    static Sdp sdp(byte[] d) {
        int n = d.length;
        int pos = FastScan.crlf(d, MessageScanner.firstNonBlank(d), n) + 2;
        String contentType = null;
        String contentLength = null;
        int lineEnd = -1;
        while (pos > 1 && (lineEnd = FastScan.crlf(d, pos, n)) > pos) {
            int colon = FastScan.indexOf(d, pos, lineEnd, (byte) ':');
            if (colon > pos && contentType == null && named(d, pos, colon, "Content-Type")) {
                contentType = value(d, colon, lineEnd);
            } else if (colon > pos && contentLength == null && named(d, pos, colon, "Content-Length")) {
                contentLength = value(d, colon, lineEnd);
            }
            pos = lineEnd + 2;
        }
        if (lineEnd != pos) {
            return null; // no end of the header section: FastScan accepts no such message
        }
        int bodyStart = pos + 2;
        return SdpBodies.find(contentType, d, bodyStart, bodyLength(contentLength, n - bodyStart));
    }

    /** The body's length as the full scan cuts it: the declared length when it is a number that fits, else all. */
    private static int bodyLength(String declared, int available) {
        if (declared == null) {
            return available;
        }
        try {
            int length = Integer.parseInt(declared.trim());
            return length < 0 || length > available ? available : length;
        } catch (NumberFormatException e) {
            return available;
        }
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
