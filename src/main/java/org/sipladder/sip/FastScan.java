package org.sipladder.sip;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.sipladder.ByteWords;
import org.sipladder.Limits;
import org.sipladder.capture.HeaderLines;
import org.sipladder.capture.SipPayload;

/**
 * The one-pass reading of a well-formed message with a plain ASCII header section, straight from its bytes:
 * start line, the kept headers, the first Via's branch, the To tag and whether the body is SDP. Only the values
 * a message keeps become strings (shared through the pool, so a repeated value costs no allocation). Anything
 * unusual (non-ASCII, a line not ended by CR LF, folded lines, a structural problem, a multipart body) makes it
 * give up and return null, and the full scan of {@link MessageScanner} takes over; the two agree on every message
 * this one accepts.
 */
final class FastScan {

    /** The largest CSeq number (RFC 3261 8.1.1.5: less than 2**31), as the digits a message spells it with. */
    private static final byte[] CSEQ_BOUND = Long.toString(ScalarFields.CSEQ_MAX).getBytes(StandardCharsets.US_ASCII);

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
    /**
     * An X- or P- header, Session-ID or Refer-To (in full or compact): kept when {@link KeptHeaders#isKept} says so,
     * by the name {@link ScanSession#extensionName} gives it, as the full scan would.
     */
    private static final int EXTENSION = 11;
    /**
     * Headers a diagnosis asks of most messages and most do not have: not kept, but whether the message has one is
     * ({@link KeptHeaders#absentAsked}), so that the question needs no read-back when it has none.
     */
    private static final int CONTACT = 12;
    private static final int REASON = 13;
    private static final int SESSION_EXPIRES = 14;
    private static final int PROXY_AUTHORIZATION = 15;

    /** Names of the kinds; {@link #kind} picks its candidate by length and first letter: keep the two in step. */
    private static final String[] NAMES = {null, "Call-ID", "CSeq", "From", "To", "Via", "Content-Length",
        "Content-Type", "User-Agent", "Server", "RSeq", null, "Contact", "Reason", "Session-Expires",
        "Proxy-Authorization"};
    /** {@link KeptHeaders#fixedSlot} of each kind's name, -1 for none. */
    private static final int[] FIXED_SLOTS = new int[NAMES.length];
    /**
     * Each kind's name compared a word at a time, its letters in either case: the name's first and last eight bytes
     * (four when shorter than eight) in lower case, and masks with 0x20 at the letters' places (OR-ing 0x20 turns only
     * a letter's two cases into its lower case; other bytes must match exactly). Names of two or three bytes are
     * compared byte by byte under the first mask.
     */
    private static final long[] NAME_FIRST = new long[NAMES.length];
    private static final long[] NAME_LAST = new long[NAMES.length];
    private static final long[] MASK_FIRST = new long[NAMES.length];
    private static final long[] MASK_LAST = new long[NAMES.length];
    /** Parameter names and media types looked for, in lower case, as bytes. */
    private static final byte[] BRANCH = lowerAscii("branch");
    private static final byte[] RECEIVED = lowerAscii("received");
    /** The letter of "received" looked for first: its v, which a Via's usual text (protocol, address, branch) lacks. */
    private static final int RECEIVED_ANCHOR = 5;
    private static final byte[] TAG = lowerAscii("tag");
    private static final byte[] MULTIPART = lowerAscii("multipart/");
    private static final byte[] APPLICATION_SDP = lowerAscii("application/sdp");
    /** How a status line and a request line's version begin (compared as bytes: String.charAt is slow under C1). */
    private static final byte[] SIP_SLASH = "SIP/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIP_2 = "SIP/2.0".getBytes(StandardCharsets.US_ASCII);
    private static final int MANDATORY = 1 << VIA | 1 << FROM | 1 << TO | 1 << CALL_ID | 1 << CSEQ;
    /**
     * The kinds of {@link MessageScanner#SINGLE}, allowed once per message, and Call-ID, whose repetition the full scan
     * judges ({@link MessageScanner#checkCallIds}).
     */
    private static final int SINGLE = 1 << FROM | 1 << TO | 1 << CSEQ | 1 << CONTENT_LENGTH | 1 << CALL_ID;

    static {
        FIXED_SLOTS[OTHER] = -1;
        FIXED_SLOTS[EXTENSION] = -1;
        for (int kind = CALL_ID; kind < NAMES.length; kind++) {
            if (kind == EXTENSION) {
                continue;
            }
            byte[] lower = lowerAscii(NAMES[kind]);
            byte[] mask = new byte[lower.length];
            for (int i = 0; i < lower.length; i++) {
                mask[i] = (byte) (lower[i] >= 'a' && lower[i] <= 'z' ? 0x20 : 0);
            }
            int width = lower.length >= 8 ? 8 : 4;
            NAME_FIRST[kind] = packed(lower, 0, width);
            NAME_LAST[kind] = packed(lower, Math.max(0, lower.length - width), width);
            MASK_FIRST[kind] = packed(mask, 0, width);
            MASK_LAST[kind] = packed(mask, Math.max(0, lower.length - width), width);
            FIXED_SLOTS[kind] = KeptHeaders.fixedSlot(NAMES[kind]);
        }
    }

    private FastScan() {
    }

    /** Up to {@code width} bytes of {@code b} from {@code from}, little-endian, as {@link WordScan#word} reads them. */
    private static long packed(byte[] b, int from, int width) {
        long w = 0;
        for (int i = Math.min(width, b.length - from) - 1; i >= 0; i--) {
            w = w << 8 | (b[from + i] & 0xffL);
        }
        return w;
    }

    private static byte[] lowerAscii(String s) {
        return s.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    /** The compact message, or null when the full scan must decide. {@code start} is the first non-blank byte. */
    static SipMessage summary(SipPayload payload, int start, ScanSession session) {
        StringPool pool = session.pool();
        byte[] d = payload.array();
        int n = payload.offset() + payload.length();
        // the line feeds its framing found on the way to the empty line, if it noted them: each line's end is read
        // from their table rather than searched for again, and the table promises ASCII after the start line (a
        // table reaching past the message, which the framing never notes, is left unread)
        int table = start == payload.offset() ? payload.headerLines() : -1;
        int feeds = table < 0 ? 0 : HeaderLines.count(d, table);
        if (feeds > 0 && start + HeaderLines.lineFeed(d, table, feeds - 1) >= n) {
            feeds = 0;
        }
        int startLineEnd = feeds > 0 ? ending(d, start, start + HeaderLines.lineFeed(d, table, 0)) : crlf(d, start, n);
        if (startLineEnd <= start || startLineEnd - start > Limits.HEADER_LINE_BYTES) {
            return null; // a long line is a problem that the full scan flags
        }
        // the start line in one pass: its first two spaces, whether a third follows, and whether the method or
        // the Request-URI holds a byte that no token has
        int first = -1;
        int second = -1;
        boolean third = false;
        boolean control = false;
        for (int i = start; i < startLineEnd; i++) {
            byte b = d[i];
            if (b <= ' ' || b == 127) {
                if (b == ' ') {
                    if (first < 0) {
                        first = i;
                    } else if (second < 0) {
                        second = i;
                    } else {
                        third = true;
                    }
                } else if (b == '\r') {
                    return null; // a bare CR inside is a line end that the full scan flags
                } else if (b < 0) {
                    return null; // not ASCII (crlf stops there; a line table does not look at the start line)
                } else if (second < 0 || b != '\t') {
                    control = true; // a NUL or other control byte (a tab only in a reason phrase): the full scan's
                }
            }
        }
        String method = null;
        String requestUri = null;
        int status = 0;
        String reason = null;
        if (WordScan.startsWith(d, start, startLineEnd, SIP_SLASH)) {
            status = status(d, first, startLineEnd);
            if (status == 0 || control || second < 0 || first != start + SIP_2.length
                    || !WordScan.startsWith(d, start, first, SIP_2)) {
                return null; // no space after the code (RFC 3261 7.2 wants one before even an empty reason): flagged
            }
            reason = second < 0 ? "" : pool.share(d, second + 1, startLineEnd);
        } else {
            if (first <= start || second <= first + 1 || third || control
                    || startLineEnd - (second + 1) != SIP_2.length
                    || !WordScan.startsWith(d, second + 1, startLineEnd, SIP_2)) {
                return null; // another version (the full scan flags it) or none
            }
            method = Methods.known(d, start, first);
            if (method == null) {
                method = new String(d, start, first - start, StandardCharsets.ISO_8859_1);
                if (Methods.inOtherCase(method) != null) {
                    return null; // "invite": the full scan flags it
                }
            }
            requestUri = pool.share(d, first + 1, second);
        }
        KeptHeaders kept = session.emptyKeptHeaders();
        long branchAt = -1;
        int toTagSpan = HeaderParameters.NO_TAG;
        int contentLength = -1;
        int contentType = -1;
        int contentTypeEnd = -1;
        int cseqStart = -1;
        int cseqEnd = -1;
        int seen = 0;
        int pos = startLineEnd + 2;
        int lineEnd;
        for (int k = 1; (lineEnd = k < feeds ? ending(d, pos, start + HeaderLines.lineFeed(d, table, k))
                : crlf(d, pos, n)) != pos; k++) {
            if (lineEnd < 0 || d[pos] == ' ' || d[pos] == '\t' || lineEnd - pos > Limits.HEADER_LINE_BYTES) {
                return null;
            }
            int colon = ByteWords.indexOf(d, pos, lineEnd, (byte) ':');
            if (colon <= pos) {
                return null;
            }
            int ns = trimStart(d, pos, colon);
            int ne = trimEnd(d, ns, colon);
            int vs = trimStart(d, colon + 1, lineEnd);
            int ve = trimEnd(d, vs, lineEnd);
            int kind = kind(d, ns, ne);
            int bit = 1 << kind;
            if ((seen & bit & SINGLE) != 0) {
                return null; // a second To, From, CSeq, Content-Length or Call-ID: the full scan flags it
            }
            if (vs == ve && (bit & MANDATORY) != 0) {
                return null; // an empty Call-ID, From, To, Via or CSeq: the full scan flags it
            }
            switch (kind) {
                case VIA -> {
                    if ((seen & bit) == 0) {
                        branchAt = branch(d, vs, ve);
                        // a Via that does not name "received" has no such parameter: a diagnosis need not read it back
                        kept.viaWithoutReceived = !WordScan.containsIgnoringCase(d, vs, ve, RECEIVED, RECEIVED_ANCHOR);
                    }
                }
                case CONTENT_LENGTH -> {
                    if ((seen & bit) == 0) {
                        contentLength = digits(d, vs, ve);
                        if (contentLength < 0) {
                            return null;
                        }
                    }
                }
                case CONTENT_TYPE -> {
                    if ((seen & bit) == 0) {
                        contentType = vs;
                        contentTypeEnd = ve;
                    }
                }
                case EXTENSION -> {
                    String name = session.extensionName(d, ns, ne);
                    if (!name.isEmpty()) {
                        kept.add(name, pool.share(d, vs, ve));
                    }
                }
                case OTHER, CONTACT, REASON, SESSION_EXPIRES, PROXY_AUTHORIZATION -> {
                    // not needed in memory: scanned again from the bytes when asked for
                }
                default -> {
                    String value = pool.share(d, vs, ve);
                    if (kind == TO && (seen & bit) == 0) {
                        toTagSpan = tagSpan(d, vs, ve);
                    }
                    if (kind == CSEQ) {
                        cseqStart = vs;
                        cseqEnd = ve;
                    }
                    kept.add(FIXED_SLOTS[kind], NAMES[kind], value);
                }
            }
            seen |= bit;
            pos = lineEnd + 2;
        }
        if ((seen & MANDATORY) != MANDATORY || !plainCseq(d, cseqStart, cseqEnd, method, start, first)) {
            return null;
        }
        kept.absentAsked = absentAsked(seen);
        int bodyStart = pos + 2;
        int length = n - bodyStart;
        if (contentLength >= 0) {
            if (contentLength > length) {
                return null;
            }
            length = contentLength;
        }
        boolean sdp = false;
        if (contentType >= 0 && length > 0) {
            if (startsWithIgnoringCase(d, contentType, contentTypeEnd, MULTIPART)) {
                return null;
            }
            sdp = startsWithIgnoringCase(d, contentType, contentTypeEnd, APPLICATION_SDP);
        }
        // the kept branch: a short one packed into the message, a longer one shared through the pool
        byte[] branch = null;
        long branchLow = 0;
        long branchHigh = 0;
        if (branchAt >= 0) {
            int from = (int) (branchAt >>> 32);
            int to = (int) branchAt;
            int mark = HeaderParameters.branchMark(d, from, to);
            if (HeaderParameters.keptLength(mark, from, to) <= HeaderParameters.PACKED_BRANCH) {
                branchLow = HeaderParameters.packedLow(mark, d, from, to);
                branchHigh = HeaderParameters.packedHigh(mark, d, from, to);
            } else {
                branch = HeaderParameters.keptBranch(d, from, to, pool);
            }
        }
        SipMessage message = new SipMessage(payload.frame(), payload.timestampMicros(), payload.src(), payload.dst(),
                payload.transport(), method, requestUri, status, reason, kept, branch, branchLow, branchHigh,
                toTagSpan, sdp, false, null,
                payload.file(), payload.fileOffset(), d, payload.offset(), payload.length(), null, session.recent(),
                true);
        return payload.fileRanges() == null ? message
                : message.keptAsRanges(payload.rangesFile(), payload.fileRanges(), d, payload.offset(), payload.length());
    }

    /** The {@link KeptHeaders#absentAsked} bits of the asked headers that no line of kinds {@code seen} names. */
    private static int absentAsked(int seen) {
        return ((seen & 1 << CONTACT) == 0 ? KeptHeaders.CONTACT_ABSENT : 0)
                | ((seen & 1 << REASON) == 0 ? KeptHeaders.REASON_ABSENT : 0)
                | ((seen & 1 << SESSION_EXPIRES) == 0 ? KeptHeaders.SESSION_EXPIRES_ABSENT : 0)
                | ((seen & 1 << PROXY_AUTHORIZATION) == 0 ? KeptHeaders.PROXY_AUTHORIZATION_ABSENT : 0);
    }

    /**
     * Index of the CR of the CR LF ending the line at {@code from}; -1 when a byte is not ASCII, the line ends in
     * a bare LF or the data ends first. A line of only CR LF gives {@code from}.
     */
    static int crlf(byte[] d, int from, int n) {
        int i = ByteWords.plainEnd(d, from, n);
        return i < n && d[i] == '\n' && i > from && d[i - 1] == '\r' ? i - 1 : -1;
    }

    /**
     * As {@link #crlf} for the line at {@code from} whose line feed is known to be at {@code lf}, with no byte above
     * 127 before it.
     */
    private static int ending(byte[] d, int from, int lf) {
        return lf > from && d[lf - 1] == '\r' ? lf - 1 : -1;
    }

    /**
     * The status of a status line {@code SIP/x SP code [SP reason]} whose first space is at {@code space} (-1: none),
     * or 0 when it has no valid one.
     */
    private static int status(byte[] d, int space, int to) {
        int code = space + 1;
        if (code == 0 || to - code < 3 || code + 3 < to && d[code + 3] != ' ') {
            return 0;
        }
        int status = 0;
        for (int i = code; i < code + 3; i++) {
            if (d[i] < '0' || d[i] > '9') {
                return 0;
            }
            status = status * 10 + d[i] - '0';
        }
        return status >= 100 && status <= 699 ? status : 0;
    }

    /** The decimal number of up to 9 digits at {@code d[from, to)}, or -1 (other spellings go to the full scan). */
    private static int digits(byte[] d, int from, int to) {
        if (to == from || to - from > 9) {
            return -1;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            if (d[i] < '0' || d[i] > '9') {
                return -1;
            }
            n = n * 10 + d[i] - '0';
        }
        return n;
    }

    /**
     * Where the branch of {@link HeaderParameters#branchOf} on the Via value at {@code d[from, to)} is (start << 32 |
     * end), or -1 when it has none.
     */
    private static long branch(byte[] d, int from, int to) {
        // the parameters of the first Via only, up to its comma, in one pass (a value stops at a comma anyway)
        for (int i = WordScan.parameterEnd(d, from, to, false); i < to && d[i] == ';';
                i = WordScan.parameterEnd(d, i + 1, to, false)) {
            long at = valueAfter(d, i, to, BRANCH, false);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    /** As {@link HeaderParameters#tagSpan} on the To value at {@code d[from, to)} (ASCII: byte and character offsets agree). */
    private static int tagSpan(byte[] d, int from, int to) {
        int close = -1;
        for (int i = to - 1; i >= from; i--) {
            if (d[i] == '>') {
                close = i;
                break;
            }
        }
        long at = parameter(d, close < 0 ? from : close, to, TAG, true);
        return at < 0 ? HeaderParameters.NO_TAG : HeaderParameters.tagSpan((int) (at >>> 32) - from, (int) at - from);
    }

    /**
     * Where the first non-empty value of {@code ;name=value} in {@code d[from, end)} is, as start << 32 | end, or
     * -1: the byte form of {@code HeaderParameters.parameterAt}, which it must match.
     */
    private static long parameter(byte[] d, int from, int end, byte[] name, boolean stopAtAngle) {
        for (int semi = indexOf(d, from, end, (byte) ';'); semi >= 0; semi = indexOf(d, semi + 1, end, (byte) ';')) {
            long at = valueAfter(d, semi, end, name, stopAtAngle);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    /** Where the value of {@code ;name=value} starting at the semicolon {@code d[semi]} is, as {@link #parameter}. */
    private static long valueAfter(byte[] d, int semi, int end, byte[] name, boolean stopAtAngle) {
        int i = skipSpace(d, semi + 1, end);
        if (i + name.length > end || !WordScan.sameIgnoringCase(d, i, name)) {
            return -1;
        }
        i = skipSpace(d, i + name.length, end);
        if (i >= end || d[i] != '=') {
            return -1;
        }
        i = skipSpace(d, i + 1, end);
        int stop = i;
        if (!stopAtAngle) {
            // a semicolon, comma or white space ends it; the words' step finds those and other bytes up to a space
            stop = WordScan.parameterEnd(d, i, end, true);
            while (stop < end && d[stop] != ';' && d[stop] != ',' && !isSpace(d[stop])) {
                stop = WordScan.parameterEnd(d, stop + 1, end, true);
            }
            return stop > i ? (long) i << 32 | stop : -1;
        }
        while (stop < end) {
            byte c = d[stop];
            if (c == ';' || c == ',' || c <= ' ' && isSpace(c) || c == '>') {
                break;
            }
            stop++;
        }
        return stop > i ? (long) i << 32 | stop : -1;
    }

    private static int skipSpace(byte[] d, int from, int end) {
        int i = from;
        while (i < end && d[i] <= ' ' && isSpace(d[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /**
     * The CSeq check of the full scan in its plain form: ASCII digits, one space, a method matching the request's
     * at {@code d[methodFrom, methodTo)} (any for ACK and CANCEL; {@code method} null for a response). Other
     * spellings (tabs, several spaces, any other white space) go to the full scan.
     */
    private static boolean plainCseq(byte[] d, int from, int to, String method, int methodFrom, int methodTo) {
        int space = indexOf(d, from, to, (byte) ' ');
        if (space <= from || space == to - 1 || indexOf(d, space + 1, to, (byte) ' ') >= 0) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte c = d[i];
            if (i < space ? c < '0' || c > '9' : c >= 0 && c < ' ') {
                return false;
            }
        }
        if (space - from > 9 && cseqBeyondBound(d, from, space)) {
            return false; // 2**31 or more: the full scan flags it (RFC 3261 8.1.1.5)
        }
        return method == null || WordScan.same(d, space + 1, to, d, methodFrom, methodTo) || "ACK".equals(method)
                || "CANCEL".equals(method);
    }

    /** Whether the ASCII digits {@code d[from, to)} stand for 2**31 or more, read without a String or a number. */
    private static boolean cseqBeyondBound(byte[] d, int from, int to) {
        int i = from;
        while (i < to - 1 && d[i] == '0') {
            i++;
        }
        int n = to - i;
        if (n != CSEQ_BOUND.length) {
            return n > CSEQ_BOUND.length;
        }
        for (int k = 0; k < n; k++, i++) {
            if (d[i] != CSEQ_BOUND[k]) {
                return d[i] > CSEQ_BOUND[k];
            }
        }
        return false;
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
                case 'r':
                    return EXTENSION;
                case 'm':
                    return CONTACT;
                case 'x':
                    return SESSION_EXPIRES;
                default:
                    return OTHER;
            }
        }
        int first = d[from] | 0x20;
        // the one name of this length and first letter, if any, compared in full: every header line of a large
        // capture comes here
        int candidate = switch (n) {
            case 2 -> TO;
            case 3 -> VIA;
            case 4 -> first == 'c' ? CSEQ : first == 'f' ? FROM : first == 'r' ? RSEQ : OTHER;
            case 6 -> first == 's' ? SERVER : first == 'r' ? REASON : OTHER;
            // Call-ID and Contact by their second letter
            case 7 -> first == 'c' && (d[from + 1] | 0x20) == 'o' ? CONTACT : CALL_ID;
            case 10 -> USER_AGENT;
            case 12 -> CONTENT_TYPE;
            case 14 -> CONTENT_LENGTH;
            case 15 -> SESSION_EXPIRES;
            // its bytes 8-10 are not compared (named() compares the first and last eight): a name differing only
            // there counts as present, which costs a read-back, never a wrong answer
            case 19 -> PROXY_AUTHORIZATION;
            default -> OTHER;
        };
        if (candidate != OTHER && named(d, from, n, candidate)) {
            return candidate;
        }
        // Session-ID and Refer-To by length and first letter too: their rare namesakes are looked up and not kept
        return n > 2 && (first == 'x' || first == 'p') && d[from + 1] == '-' || n == 10 && first == 's'
                || n == 8 && first == 'r' ? EXTENSION : OTHER;
    }

    /** True when {@code d[from, from+n)} is the name of {@code kind} in any ASCII case ({@link #NAME_FIRST}). */
    private static boolean named(byte[] d, int from, int n, int kind) {
        if (n >= 8) {
            return (WordScan.word(d, from) | MASK_FIRST[kind]) == NAME_FIRST[kind]
                    && (WordScan.word(d, from + n - 8) | MASK_LAST[kind]) == NAME_LAST[kind];
        }
        if (n >= 4) {
            return (WordScan.quad(d, from) | (int) MASK_FIRST[kind]) == (int) NAME_FIRST[kind]
                    && (WordScan.quad(d, from + n - 4) | (int) MASK_LAST[kind]) == (int) NAME_LAST[kind];
        }
        long name = NAME_FIRST[kind];
        long mask = MASK_FIRST[kind];
        for (int k = 0; k < n; k++) {
            if (((d[from + k] | mask >>> 8 * k) & 0xff) != (name >>> 8 * k & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoringCase(byte[] d, int from, int to, byte[] lower) {
        return to - from >= lower.length && WordScan.sameIgnoringCase(d, from, lower);
    }

    static int indexOf(byte[] d, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static int trimStart(byte[] d, int from, int to) {
        int i = from;
        while (i < to && d[i] <= ' ') {
            i++;
        }
        return i;
    }

    static int trimEnd(byte[] d, int from, int to) {
        int i = to;
        while (i > from && d[i - 1] <= ' ') {
            i--;
        }
        return i;
    }
}
