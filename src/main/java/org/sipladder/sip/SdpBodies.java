package org.sipladder.sip;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Finds the SDP in a message body by its Content-Type: a plain application/sdp body or an SDP part of a multipart body. */
final class SdpBodies {

    /** The Content-Type of a plain SDP body as nearly every message writes it. */
    private static final String APPLICATION_SDP = "application/sdp";

    private SdpBodies() {
    }

    /** The parsed SDP, or null when the body holds none. */
    static Sdp find(String contentType, byte[] body) {
        return find(contentType, body, 0, body.length);
    }

    /** As {@link #find(String, byte[])}, of the body that is {@code length} bytes of {@code bytes} at {@code from}. */
    static Sdp find(String contentType, byte[] bytes, int from, int length) {
        return find(contentType, bytes, from, length, null);
    }

    /**
     * As {@link #find(String, byte[], int, int)}; a body {@code memo} (when given) has seen with the same Content-Type
     * gives what it parsed to then, a new one is parsed and kept there.
     */
    static Sdp find(String contentType, byte[] bytes, int from, int length, SdpMemo memo) {
        if (contentType == null || length == 0) {
            return null;
        }
        if (APPLICATION_SDP.equals(contentType)) {
            // as nearly every SDP body's type is written: the memo then finds it by identity, and parse() asks no
            // comparison ignoring case (a call per character under the quick JIT)
            contentType = APPLICATION_SDP;
        }
        if (memo == null) {
            return parse(contentType, bytes, from, length);
        }
        int kept = memo.indexOf(contentType, bytes, from, length);
        if (kept >= 0) {
            return memo.parsed(kept);
        }
        Sdp sdp = parse(contentType, bytes, from, length);
        memo.keep(contentType, bytes, from, length, sdp);
        return sdp;
    }

    private static Sdp parse(String contentType, byte[] bytes, int from, int length) {
        if (contentType == APPLICATION_SDP) {
            return SdpParser.parse(bytes, from, from + length);
        }
        // the type's start compared in place, as the trimmed lower-case copy was (asked of every SDP body)
        int start = 0;
        while (start < contentType.length() && contentType.charAt(start) <= ' ') {
            start++;
        }
        if (contentType.regionMatches(true, start, "application/sdp", 0, 15)) {
            return SdpParser.parse(bytes, from, from + length); // where it lies: no string of the whole body
        }
        if (contentType.regionMatches(true, start, "multipart/", 0, 10)) {
            String boundary = boundary(contentType);
            return boundary == null ? null
                    : fromParts(new String(bytes, from, length, StandardCharsets.ISO_8859_1), boundary);
        }
        return null;
    }

    private static Sdp fromParts(String text, String boundary) {
        for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            int skip = 4;
            if (split < 0) {
                split = part.indexOf("\n\n");
                skip = 2;
            }
            if (split < 0) {
                continue;
            }
            String partHeaders = part.substring(0, split).toLowerCase(Locale.ROOT);
            if (partHeaders.contains("content-type: application/sdp")
                    || partHeaders.contains("content-type:application/sdp")) {
                return SdpParser.parse(part.substring(split + skip));
            }
        }
        return null;
    }

    private static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }
}
