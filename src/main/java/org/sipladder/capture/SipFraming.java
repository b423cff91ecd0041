package org.sipladder.capture;

import static org.sipladder.ByteWords.HIGHS;
import static org.sipladder.ByteWords.ONES;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.sipladder.ByteWords;
import org.sipladder.Limits;
import org.sipladder.SipToken;

/**
 * Recognises a SIP start line and finds where a message ends, which is all the capture layer knows of SIP:
 * {@code METHOD uri SIP/2.0} or {@code SIP/2.0 NNN reason}, headers up to an empty line, then Content-Length
 * (or its compact form {@code l}) bytes of body.
 */
final class SipFraming {

    /** The bytes seen so far could still become a start line. */
    static final int NEED_MORE = -2;
    /** The bytes cannot begin a start line. */
    static final int NO = -1;

    /**
     * How far a start line is followed: past {@link Limits#HEADER_LINE_BYTES} (where the SIP layer flags it) up to
     * {@link Limits#STREAM_HEADER_BYTES}, so that a request with a 9 KB Request-URI is kept and flagged, not lost.
     */
    private static final int MAX_LINE = Limits.STREAM_HEADER_BYTES;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] VERSION = {'S', 'I', 'P', '/', '2', '.', '0'};
    private static final byte[] SIP_SLASH = {'S', 'I', 'P', '/'};
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final long CRS = '\r' * ONES;
    private static final long LFS = '\n' * ONES;

    private SipFraming() {
    }

    /**
     * Cheap first-byte test: every start line begins with a token character (RFC 3261 25.1: a method is a token, so
     * "!odd%method" is one, as RFC 4475 3.1.1.2 shows; "SIP/2.0" starts with a letter), in either letter case (a
     * method sent in lower case, "invite", is listed by Wireshark and flagged by the SIP layer).
     */
    static boolean mayStart(byte first) {
        return SipToken.isTokenChar(first);
    }

    /** The length of the start line at {@code off} including its line end, {@link #NO} or {@link #NEED_MORE}. */
    static int startLine(byte[] a, int off, int end) {
        if (off >= end) {
            return NEED_MORE;
        }
        if (!mayStart(a[off])) {
            return NO;
        }
        int limit = Math.min(end, off + MAX_LINE);
        // the first CR or LF, in one pass: a CR followed by anything but LF ends the line too (as Wireshark reads
        // it), so that the message is found and the SIP layer flags the bare CR, instead of the message vanishing
        int first = crOrLf(a, off, limit);
        if (first < 0 || a[first] == '\r' && first + 1 == limit) {
            return limit - off >= MAX_LINE || !plausiblePrefix(a, off, limit) ? NO : NEED_MORE;
        }
        if (a[first] == '\r' && a[first + 1] != '\n') {
            return isStatusLine(a, off, first) || isRequestLine(a, off, first) ? first + 1 - off : NO;
        }
        int lf = a[first] == '\n' ? first : first + 1;
        return isStatusLine(a, off, first) || isRequestLine(a, off, first) ? lf + 1 - off : NO;
    }

    /**
     * As {@link #startLine} for a message that ends at {@code end} whatever it holds (a UDP datagram, an SCTP chunk, a
     * WebSocket message, a HEP payload): there no more bytes can come, so a unit with no line end at all that is a
     * status or request line from end to end is one (a home-made user agent's "SIP/2.0 401 Unauthorized ..." on one
     * line): its length is the whole unit's, and the SIP layer flags the missing line end, as Wireshark lists it.
     */
    static int wholeStartLine(byte[] a, int off, int end) {
        int line = startLine(a, off, end);
        if (line > 0 || off >= end || end - off >= MAX_LINE || !mayStart(a[off])) {
            return line;
        }
        // a CR that ends the unit ends the line: the LF a stream might still bring cannot come
        int lineEnd = a[end - 1] == '\r' ? end - 1 : end;
        if (crOrLf(a, off, lineEnd) >= 0) {
            return line; // a line end within: the start line's verdict stands
        }
        // judged whole, as the request line of a stream is once its line end came (startLine's waiting for more
        // also gives up on a method with a byte no token has, which a whole line lets the SIP layer flag)
        return isStatusLine(a, off, lineEnd) || isRequestLine(a, off, lineEnd) ? end - off : line;
    }

    /**
     * The total length of the message starting at {@code off} (start line checked by the caller), or
     * {@link #NEED_MORE} when the headers or body are not all there yet, or {@link #NO} when the header block
     * is too long to be SIP.
     */
    static int messageLength(byte[] a, int off, int end, int maxHeaderBytes) {
        return messageLength(a, off, end, maxHeaderBytes, ByteWords.indexOf(a, off, end, (byte) '\n'));
    }

    /**
     * As {@link #messageLength(byte[], int, int, int)}, with the first line feed at or after {@code off} found
     * already ({@code firstLineFeed}, -1 when there is none before {@code end}): the start line is not read again.
     */
    static int messageLength(byte[] a, int off, int end, int maxHeaderBytes, int firstLineFeed) {
        return messageLength(a, off, end, maxHeaderBytes, firstLineFeed, null);
    }

    /**
     * As {@link #messageLength(byte[], int, int, int, int)}, noting in {@code marks[0]} the message's
     * {@link HeaderMarks} when {@code marks} is not null (0 when the header block has no end or does not fit them).
     */
    static int messageLength(byte[] a, int off, int end, int maxHeaderBytes, int firstLineFeed, long[] marks) {
        return messageLength(a, off, end, maxHeaderBytes, firstLineFeed, marks, null);
    }

    /**
     * As {@link #messageLength(byte[], int, int, int, int, long[])}, noting in {@code feeds} the header block's line
     * feeds ({@link HeaderLines}) when it is not null: none unless the empty line is found.
     */
    static int messageLength(byte[] a, int off, int end, int maxHeaderBytes, int firstLineFeed, long[] marks,
                             HeaderLines feeds) {
        // one pass over the header lines: find the empty line and the first Content-Length on the way
        int contentLength = -1;
        int lf = firstLineFeed;
        long noted = 0;
        int lines = 0;
        if (marks != null) {
            marks[0] = HeaderMarks.NONE;
        }
        // the line feeds' table (see HeaderLines): the entries written so far, -1 when none are to be (no table, a
        // message too long for it, more lines than it takes, a byte above 127 or a control byte after the first line feed)
        int entries = -1;
        if (feeds != null) {
            feeds.noted(0);
            if (end - off <= HeaderLines.LONGEST) {
                entries = 0;
            }
        }
        for (int line = off; ; ) {
            if (lf < 0) {
                return end - off > maxHeaderBytes ? NO : NEED_MORE;
            }
            int next = lf + 1;
            if (entries >= 0) {
                entries = entries < HeaderLines.MAX ? feeds.put(entries, lf - off) : -1;
            }
            if (line > off && (lf == line || (lf == line + 1 && a[line] == '\r'))) {
                if (marks != null && lines >= 0 && next - off <= HeaderMarks.MAX_OFFSET) {
                    marks[0] = HeaderMarks.withBody(noted, next - off);
                }
                if (entries >= 0) {
                    feeds.noted(entries);
                }
                long total = (long) next - off + Math.max(0, contentLength);
                if (total > Integer.MAX_VALUE) {
                    return NO;
                }
                return off + total <= end ? (int) total : NEED_MORE;
            }
            // the lines that matter start with C, I or L (Content-Length and its compact form, Call-ID and CSeq)
            int first = a[line] | 0x20;
            if (first == 'c' || first == 'i' || first == 'l') {
                if (contentLength < 0) {
                    int value = headerValue(a, line, next);
                    if (value >= 0) {
                        contentLength = lengthValue(a, value, next, end);
                    }
                }
                // (HeaderMarks.mayNameDialog written out: a call per such line cost more than the walk saves)
                if (marks != null && line > off && lines >= 0
                        && (first == 'i' ? line + 1 < lf && HeaderMarks.separates(a[line + 1])
                        : first == 'c' && (line + 7 < lf && HeaderMarks.separates(a[line + 7])
                        || line + 4 < lf && HeaderMarks.separates(a[line + 4])))) {
                    // a line that may be Call-ID or CSeq: noted while there is room, else none are (lines < 0)
                    if (lines < HeaderMarks.LINES && line - off <= HeaderMarks.MAX_OFFSET) {
                        noted = HeaderMarks.withLine(noted, lines++, line - off);
                    } else {
                        lines = -1;
                    }
                }
            }
            line = next;
            if (line - off > maxHeaderBytes) {
                return NO;
            }
            lf = ByteWords.plainEnd(a, line, end);
            if (lf == end) {
                lf = -1;
            } else if (a[lf] != '\n') {
                // a byte above 127 or a control byte (ByteWords.plainEnd): the table will not be whole
                entries = -1;
                lf = ByteWords.indexOf(a, lf + 1, end, (byte) '\n');
            }
        }
    }

    /** The offset just after the empty line ending the headers, or -1. */
    static int headerEnd(byte[] a, int off, int end) {
        for (int i = ByteWords.indexOf(a, off, end, (byte) '\n'); i >= 0;
                i = ByteWords.indexOf(a, i + 1, end, (byte) '\n')) {
            if (i + 1 < end && a[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < end && a[i + 1] == '\r' && a[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /**
     * True when a header line of the message {@code a[off, end)} (start line first, its header block ending before
     * {@code end}) is a Content-Length or {@code l} of digits, as {@link #messageLength} takes one.
     */
    static boolean declaresLength(byte[] a, int off, int end) {
        for (int line = ByteWords.indexOf(a, off, end, (byte) '\n') + 1; line > 0 && line < end; ) {
            int next = ByteWords.indexOf(a, line, end, (byte) '\n') + 1;
            if (next <= 0 || next == line + 1 || next == line + 2 && a[line] == '\r') {
                return false; // the empty line (or the end) comes first
            }
            int value = headerValue(a, line, next);
            if (value >= 0 && lengthValue(a, value, next, end) >= 0) {
                return true;
            }
            line = next;
        }
        return false;
    }

    /** Where the value of a Content-Length or {@code l} header on this line starts, or -1. */
    private static int headerValue(byte[] a, int line, int end) {
        int name;
        byte first = a[line];
        if (first != 'c' && first != 'C' && first != 'l' && first != 'L') {
            return -1;
        }
        // the byte after the name first: of the headers starting with C (Call-ID, CSeq, Contact...), only this
        // one has its colon or a blank there
        if (line + 14 < end && (a[line + 14] == ':' || a[line + 14] == ' ' || a[line + 14] == '\t')
                && regionMatchesIgnoreCase(a, line, end, CONTENT_LENGTH)) {
            name = line + 14;
        } else if (line < end && (a[line] == 'l' || a[line] == 'L')) {
            name = line + 1;
        } else {
            return -1;
        }
        while (name < end && (a[name] == ' ' || a[name] == '\t')) {
            name++;
        }
        return name < end && a[name] == ':' ? name + 1 : -1;
    }

    /**
     * The Content-Length whose value starts at {@code value} on the line that ends before {@code next}: its digits,
     * or, when that line holds only blanks, the digits of the line folded onto it (RFC 3261 7.3.1 and 25.1: HCOLON
     * ends in optional whitespace, which may be a line break followed by blanks: {@code Content-Length:\r\n 147});
     * -1 when there are none. The folded line is only looked for on that rare path.
     */
    private static int lengthValue(byte[] a, int value, int next, int end) {
        int digits = parseDigits(a, value, next);
        if (digits >= 0) {
            return digits;
        }
        for (int line = next, from = value; blank(a, from, line); ) {
            if (line >= end || a[line] != ' ' && a[line] != '\t') {
                return -1; // no line folded onto it
            }
            int lf = ByteWords.indexOf(a, line, end, (byte) '\n');
            int lineEnd = lf < 0 ? end : lf + 1;
            digits = parseDigits(a, line, lineEnd);
            if (digits >= 0) {
                return digits;
            }
            from = line; // a folded line of blanks only: the value may come on the next
            line = lineEnd;
        }
        return -1;
    }

    /** True when {@code a[from, to)} holds only spaces, tabs and line breaks. */
    private static boolean blank(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != ' ' && a[i] != '\t' && a[i] != '\r' && a[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private static int parseDigits(byte[] a, int from, int end) {
        int i = from;
        while (i < end && (a[i] == ' ' || a[i] == '\t')) {
            i++;
        }
        long v = 0;
        int digits = 0;
        while (i < end && a[i] >= '0' && a[i] <= '9' && digits < 10) {
            v = v * 10 + (a[i] - '0');
            i++;
            digits++;
        }
        return digits == 0 || v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /**
     * {@code SIP/x.y NNN reason}: any SIP version and three digits or more, so that another version (RFC 4475
     * 3.1.2.16) or an overlarge code (3.1.2.18) is listed and flagged by the SIP layer, not lost.
     */
    private static boolean isStatusLine(byte[] a, int off, int lineEnd) {
        int space = versionEnd(a, off, lineEnd);
        if (space < 0 || space >= lineEnd || a[space] != ' ') {
            return false;
        }
        int i = space + 1;
        while (i < lineEnd && a[i] >= '0' && a[i] <= '9') {
            i++;
        }
        return i - (space + 1) >= 3 && (i == lineEnd || a[i] == ' ');
    }

    /** Where the version {@code SIP/1*DIGIT.1*DIGIT} that starts at {@code at} ends, or -1 when none starts there. */
    private static int versionEnd(byte[] a, int at, int end) {
        if (end - at < VERSION.length || !startsWith(a, at, SIP_SLASH)) {
            return -1;
        }
        int i = digitsEnd(a, at + SIP_SLASH.length, end);
        if (i == at + SIP_SLASH.length || i >= end || a[i] != '.') {
            return -1;
        }
        int minor = digitsEnd(a, i + 1, end);
        return minor == i + 1 ? -1 : minor;
    }

    private static int digitsEnd(byte[] a, int from, int end) {
        int i = from;
        while (i < end && a[i] >= '0' && a[i] <= '9') {
            i++;
        }
        return i;
    }

    private static boolean isRequestLine(byte[] a, int off, int lineEnd) {
        int i = off;
        // any byte but a space or tab in the method, not only a token's (a changed letter, non-ASCII or a control
        // byte): the line's shape tells SIP, and the SIP layer lists the request as malformed, as Wireshark lists it
        while (i < lineEnd && a[i] != ' ' && a[i] != '\t') {
            i++;
        }
        if (i == off || i >= lineEnd || a[i] != ' ') {
            return false;
        }
        int uriStart = i + 1;
        // blanks after the version (RFC 4475 3.1.2.9) and another version (3.1.2.16) are the SIP layer's to flag
        int versionTo = lineEnd;
        while (versionTo > uriStart && (a[versionTo - 1] == ' ' || a[versionTo - 1] == '\t')) {
            versionTo--;
        }
        int versionAt = versionTo;
        while (versionAt > uriStart && a[versionAt - 1] != ' ') {
            versionAt--;
        }
        if (versionAt <= uriStart + 1 || versionEnd(a, versionAt, versionTo) != versionTo) {
            return false;
        }
        // Any byte is let through in the Request-URI (above 127, a control byte, a space): the method, the version at
        // the end and a scheme's colon already tell SIP from other traffic, and such a request is listed and flagged
        // by the SIP layer as malformed, as Wireshark lists it, instead of vanishing from the capture.
        for (int u = uriStart; u < versionAt - 1; u++) {
            if (a[u] == ':') {
                return true;
            }
        }
        return false;
    }

    /** While no line end is there: a method token, or a prefix of "SIP/2.0 ". */
    private static boolean plausiblePrefix(byte[] a, int off, int end) {
        int i = off;
        while (i < end && SipToken.isTokenChar(a[i])) {
            i++;
        }
        if (i == end) {
            return true;
        }
        if (a[i] == '/') {
            // "SIP/" and then the version's digits and dot
            int n = Math.min(end - off, SIP_SLASH.length);
            if (!startsWith(a, off, java.util.Arrays.copyOf(SIP_SLASH, n))) {
                return false;
            }
            int v = off + n;
            while (v < end && (a[v] >= '0' && a[v] <= '9' || a[v] == '.')) {
                v++;
            }
            if (v == end) {
                return true;
            }
            if (a[v] != ' ') {
                return false;
            }
            i = v;
        }
        if (a[i] != ' ') {
            return false;
        }
        for (int u = i + 1; u < end; u++) {
            if (a[u] >= 0 && a[u] < 0x20 && a[u] != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the first CR or LF in {@code a[from, end)}, or -1; eight bytes a step as {@link ByteWords#indexOf}.
     */
    static int crOrLf(byte[] a, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(a, i);
            long cr = w ^ CRS;
            long lf = w ^ LFS;
            // the lowest flag of each test is exact (a false one only follows a true one of its own), so is theirs
            long found = ((cr - ONES) & ~cr | (lf - ONES) & ~lf) & HIGHS;
            if (found != 0) {
                return i + ByteWords.firstFlagged(found);
            }
        }
        for (; i < end; i++) {
            if (a[i] == '\r' || a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static boolean startsWith(byte[] a, int off, byte[] prefix) {
        if (off + prefix.length > a.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code a[off, end)} starts with the lower-case ASCII {@code lowerAscii} in any case. */
    static boolean regionMatchesIgnoreCase(byte[] a, int off, int end, byte[] lowerAscii) {
        if (end - off < lowerAscii.length) {
            return false;
        }
        for (int i = 0; i < lowerAscii.length; i++) {
            int c = a[off + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerAscii[i]) {
                return false;
            }
        }
        return true;
    }
}
