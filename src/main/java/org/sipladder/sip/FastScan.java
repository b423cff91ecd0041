package org.sipladder.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.sipladder.capture.SipPayload;

/**
 * The one-pass reading of a well-formed message with a plain ASCII header section, straight from its bytes:
 * start line, the kept headers, the first Via's branch and whether the body is SDP. Anything unusual (non-ASCII,
 * folded lines, a structural problem, a multipart body) makes it give up and return null, and the full scan of
 * {@link MessageScanner} takes over; the two agree on every message this one accepts.
 */
final class FastScan {

    private static final int OTHER = 0;
    private static final int CALL_ID = 1;
    private static final int CSEQ = 2;
    private static final int FROM = 3;
    private static final int TO = 4;
    private static final int VIA = 5;
    private static final int CONTENT_LENGTH = 6;
    private static final int CONTENT_TYPE = 7;
    private static final int USER_AGENT = 8;
    private static final int SERVER = 9;
    private static final int RSEQ = 10;
    /** An X- or P- header: kept when {@link SipMessage#isKept} says so. */
    private static final int EXTENSION = 11;

    private static final String[] NAMES = {null, "Call-ID", "CSeq", "From", "To", "Via", "Content-Length",
        "Content-Type", "User-Agent", "Server", "RSeq"};

    private FastScan() {
    }

    /** The compact message, or null when the full scan must decide. {@code start} is the first non-blank byte. */
    static SipMessage summary(SipPayload payload, int start, StringPool pool) {
        byte[] d = payload.data();
        int headerEnd = MessageScanner.indexOf(d, start, "\r\n\r\n");
        int bodyStart;
        if (headerEnd >= 0) {
            bodyStart = headerEnd + 4;
        } else {
            headerEnd = MessageScanner.indexOf(d, start, "\n\n");
            bodyStart = headerEnd >= 0 ? headerEnd + 2 : d.length;
            if (headerEnd < 0) {
                headerEnd = d.length;
            }
        }
        for (int i = start; i < headerEnd; i++) {
            if (d[i] < 0) {
                return null;
            }
        }
        int lineEnd = lineEnd(d, start, headerEnd);
        Problems problems = new Problems();
        MessageScanner.StartLine startLine = MessageScanner.StartLine.parse(
                new String(d, start, contentEnd(d, start, lineEnd, headerEnd) - start, StandardCharsets.ISO_8859_1),
                problems);
        if (!problems.isEmpty()) {
            return null;
        }
        String[] kept = new String[16];
        int k = 0;
        String via = null;
        String contentLength = null;
        String contentType = null;
        String cseq = null;
        String to = null;
        int seen = 0;
        for (int pos = lineEnd + 1; pos < headerEnd; ) {
            int le = lineEnd(d, pos, headerEnd);
            int e = contentEnd(d, pos, le, headerEnd);
            int next = le + 1;
            if (e == pos) {
                pos = next;
                continue;
            }
            if (d[pos] == ' ' || d[pos] == '\t') {
                return null;
            }
            int colon = indexOf(d, pos, e, (byte) ':');
            if (colon <= pos) {
                return null;
            }
            int ns = trimStart(d, pos, colon);
            int ne = trimEnd(d, ns, colon);
            int vs = trimStart(d, colon + 1, e);
            int ve = trimEnd(d, vs, e);
            int kind = kind(d, ns, ne);
            seen |= 1 << kind;
            String name = kind == OTHER || kind == EXTENSION ? null : NAMES[kind];
            switch (kind) {
                case VIA -> {
                    if (via == null) {
                        via = new String(d, vs, ve - vs, StandardCharsets.ISO_8859_1);
                    }
                }
                case CONTENT_LENGTH -> {
                    if (contentLength == null) {
                        contentLength = new String(d, vs, ve - vs, StandardCharsets.ISO_8859_1);
                    }
                }
                case CONTENT_TYPE -> {
                    if (contentType == null) {
                        contentType = new String(d, vs, ve - vs, StandardCharsets.ISO_8859_1);
                    }
                }
                case EXTENSION -> {
                    String sent = HeaderNames.expand(new String(d, ns, ne - ns, StandardCharsets.ISO_8859_1));
                    if (SipMessage.isKept(sent)) {
                        name = pool.share(sent);
                    }
                }
                default -> {
                    // the rest are kept (below) or not needed
                }
            }
            if (name != null && kind != VIA && kind != CONTENT_LENGTH && kind != CONTENT_TYPE) {
                if (k + 2 > kept.length) {
                    kept = Arrays.copyOf(kept, kept.length * 2);
                }
                String value = pool.share(d, vs, ve);
                kept[k++] = name;
                kept[k++] = value;
                if (kind == CSEQ && cseq == null) {
                    cseq = value;
                } else if (kind == TO && to == null) {
                    to = value;
                }
            }
            pos = next;
        }
        int mandatory = 1 << VIA | 1 << FROM | 1 << TO | 1 << CALL_ID | 1 << CSEQ;
        if ((seen & mandatory) != mandatory || !plainCseq(cseq, startLine.method())) {
            return null;
        }
        int available = d.length - bodyStart;
        int length = available;
        if (contentLength != null) {
            int n;
            try {
                n = Integer.parseInt(contentLength.trim());
            } catch (NumberFormatException ex) {
                return null;
            }
            if (n < 0 || n > available) {
                return null;
            }
            length = n;
        }
        boolean sdp = false;
        if (contentType != null && length > 0) {
            String type = contentType.toLowerCase(Locale.ROOT).trim();
            if (type.startsWith("multipart/")) {
                return null;
            }
            sdp = type.startsWith("application/sdp");
        }
        return MessageScanner.compact(payload, pool, startLine, Arrays.copyOf(kept, k), via, to, sdp, problems, null);
    }

    /**
     * The CSeq check of the full scan in its plain form: ASCII digits, one space, a method matching the
     * request's. Other spellings (tabs, several spaces) go to the full scan.
     */
    private static boolean plainCseq(String cseq, String method) {
        int space = cseq.indexOf(' ');
        if (space <= 0 || space == cseq.length() - 1 || cseq.indexOf(' ', space + 1) >= 0 || cseq.indexOf('\t') >= 0) {
            return false;
        }
        for (int i = 0; i < space; i++) {
            if (cseq.charAt(i) < '0' || cseq.charAt(i) > '9') {
                return false;
            }
        }
        return method == null || cseq.regionMatches(space + 1, method, 0, method.length())
                && cseq.length() - space - 1 == method.length() || "ACK".equals(method) || "CANCEL".equals(method);
    }

    private static int kind(byte[] d, int from, int to) {
        int n = to - from;
        if (n == 1) {
            switch (d[from] | 0x20) {
                case 'i':
                    return CALL_ID;
                case 'f':
                    return FROM;
                case 't':
                    return TO;
                case 'v':
                    return VIA;
                case 'l':
                    return CONTENT_LENGTH;
                case 'c':
                    return CONTENT_TYPE;
                default:
                    return OTHER;
            }
        }
        for (int kind = CALL_ID; kind < NAMES.length; kind++) {
            if (NAMES[kind].length() == n && sameIgnoringCase(d, from, NAMES[kind])) {
                return kind;
            }
        }
        int first = d[from] | 0x20;
        return n > 2 && (first == 'x' || first == 'p') && d[from + 1] == '-' ? EXTENSION : OTHER;
    }

    private static boolean sameIgnoringCase(byte[] d, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            int c = d[from + i];
            if (c >= 'A' && c <= 'Z') {
                c |= 0x20;
            }
            int w = name.charAt(i);
            if (w >= 'A' && w <= 'Z') {
                w |= 0x20;
            }
            if (c != w) {
                return false;
            }
        }
        return true;
    }

    /** Index of the line feed ending the line at {@code from}, or {@code end}. */
    private static int lineEnd(byte[] d, int from, int end) {
        int i = indexOf(d, from, end, (byte) '\n');
        return i < 0 ? end : i;
    }

    /** The end of a line's content: a carriage return before its line feed is not content. */
    private static int contentEnd(byte[] d, int from, int lineEnd, int end) {
        return lineEnd < end && lineEnd > from && d[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    }

    private static int indexOf(byte[] d, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int trimStart(byte[] d, int from, int to) {
        int i = from;
        while (i < to && d[i] <= ' ') {
            i++;
        }
        return i;
    }

    private static int trimEnd(byte[] d, int from, int to) {
        int i = to;
        while (i > from && d[i - 1] <= ' ') {
            i--;
        }
        return i;
    }
}
