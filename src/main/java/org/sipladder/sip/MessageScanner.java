package org.sipladder.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sipladder.ByteWords;
import org.sipladder.Limits;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;

/**
 * A tolerant line-based reader of one SIP message: start line, headers in order (folded lines joined,
 * compact names expanded), body cut at Content-Length, SDP. It never throws on bad input; what it finds
 * wrong goes into {@link Problems}. Cheap enough to run on every message of a large capture.
 */
final class MessageScanner {

    private static final List<String> MANDATORY = List.of("Via", "From", "To", "Call-ID", "CSeq");
    /**
     * Headers that RFC 3261 allows once only and whose second copy makes the message ambiguous (who is called,
     * which transaction, where the body ends). A repeated Call-ID is flagged only when the copies differ
     * ({@link #checkCallIds}).
     */
    static final List<String> SINGLE = List.of("From", "To", "CSeq", "Content-Length");
    /** The words of {@link #flagAfterMessage}'s problem that {@link #afterMessageProblem} finds it by. */
    private static final String AFTER_MESSAGE = " follow the body that Content-Length ";
    /** The subject of {@link #flagNote}'s problem, and the words the notes of the capture layer start with. */
    private static final String NOTE_SUBJECT = "wrapping";
    private static final List<String> NOTE_MARKS = List.of("the HEP packet's ", "the WebSocket message's ",
            "the datagram was captured only in part");
    /** Compiled once: String.split compiles a multi-character pattern on every call. */
    /**
     * As {@code Pattern.compile("\r?\n").split(text, keepTrailingEmpty ? -1 : 0)}, written out: every message of
     * a diagnosis is read back and split into lines, and the regular expression was a third of that work.
     */
    static String[] lines(String text, boolean keepTrailingEmpty) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
            int end = nl > from && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            lines.add(text.substring(from, end));
            from = nl + 1;
        }
        if (lines.isEmpty()) {
            return new String[] {text};
        }
        lines.add(text.substring(from));
        int size = lines.size();
        while (!keepTrailingEmpty && size > 0 && lines.get(size - 1).isEmpty()) {
            size--;
        }
        return lines.subList(0, size).toArray(new String[0]);
    }

    /** As {@code Pattern.compile("\\s+").split(text)}, written out (see {@link #lines}). */
    static String[] blanks(String text) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        int start = 0;
        while (i < n) {
            if (isWhitespace(text.charAt(i))) {
                int end = i;
                while (i < n && isWhitespace(text.charAt(i))) {
                    i++;
                }
                parts.add(text.substring(start, end));
                start = i;
            } else {
                i++;
            }
        }
        if (parts.isEmpty()) {
            return new String[] {text};
        }
        parts.add(text.substring(start));
        int size = parts.size();
        while (size > 0 && parts.get(size - 1).isEmpty()) {
            size--;
        }
        return parts.subList(0, size).toArray(new String[0]);
    }

    /** The characters of the regular expression class {@code \\s}. */
    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** {@link #isWhitespace(char)} of the ISO-8859-1 character that byte {@code b} stands for. */
    static boolean isWhitespace(byte b) {
        return isWhitespace((char) (b & 0xff));
    }

    private MessageScanner() {
    }

    /** What a full scan finds: start line, headers, body, SDP and the raw text. */
    record Parts(StartLine startLine, List<SipHeader> headers, byte[] body, Sdp sdp, String raw) {
    }

    /** Scans {@code payload} into a message holding all its parts; empty when it holds only line breaks. */
    static Optional<SipMessage> scan(SipPayload payload, Problems problems) {
        flagNote(payload, problems);
        Parts p = parts(payload.data(), problems);
        if (p == null) {
            return Optional.empty();
        }
        flagAfterMessage(payload, p.headers(), problems);
        StartLine s = p.startLine();
        return Optional.of(new SipMessage(payload.frame(), payload.timestampMicros(), payload.src(), payload.dst(),
                payload.transport(), s.method(), s.requestUri(), s.status(), s.reason(), p.headers(), p.body(),
                p.sdp(), p.raw(), !problems.isEmpty(), problems.summary()));
    }

    /**
     * Scans {@code payload} into a compact message (see {@link SipMessage}): a message whose header section is
     * plain ASCII and well formed is read in one pass over its bytes without building its other headers; any
     * other goes through the full scan, so that both give the same message. Empty for line breaks only.
     */
    static Optional<SipMessage> summarize(SipPayload payload, ScanSession session, Problems problems) {
        return Optional.ofNullable(summary(payload, session, problems));
    }

    /**
     * As {@link #summarize}, null for line breaks only; with {@code problems} null, the full scan records into a
     * Problems of its own: a plain message then costs neither (every message of a capture read comes here).
     */
    static SipMessage summary(SipPayload payload, ScanSession session, Problems problems) {
        byte[] a = payload.array();
        int end = payload.offset() + payload.length();
        int start = firstNonBlank(a, payload.offset(), end);
        if (start == end) {
            return null;
        }
        // bytes after the message in its datagram, a note on how it came: only the full scan says so
        SipMessage quick = payload.afterMessage() == null && payload.note() == null
                ? FastScan.summary(payload, start, session) : null;
        if (quick != null) {
            return quick;
        }
        Problems found = problems != null ? problems : new Problems();
        flagNote(payload, found);
        byte[] data = payload.data();
        Parts p = parts(data, found);
        flagAfterMessage(payload, p.headers(), found);
        return compact(payload, data, session, p.startLine(), KeptHeaders.keptOf(p.headers(), session.pool()),
                first(p.headers(), "Via"), first(p.headers(), "To"), p.sdp() != null, found,
                SipMessage.weakDetail(p.headers(), p.body(), p.sdp(), p.raw()));
    }

    /**
     * The compact message of {@code payload} (its bytes: {@code data}) from what a scan found in it, equal values
     * shared through {@code pool}: {@code kept} holds name/value pairs of the kept headers, {@code via} and {@code to} the first
     * Via and To values, {@code detail} what {@link SipMessage} holds of the full scan (or null).
     */
    static SipMessage compact(SipPayload payload, byte[] data, ScanSession session, StartLine s, String[] kept,
                              String via, String to, boolean hasSdp, Problems problems, Object detail) {
        StringPool pool = session.pool();
        SipMessage message = new SipMessage(payload.frame(), payload.timestampMicros(), payload.src(), payload.dst(),
                payload.transport(), s.method() == null ? null : Methods.canonical(s.method()),
                pool.share(s.requestUri()), s.status(), pool.share(s.reason()), kept,
                pool.shareBytes(HeaderParameters.branchBytes(HeaderParameters.branchOf(via))),
                HeaderParameters.tagSpan(to), hasSdp, !problems.isEmpty(), problems.summary(), payload.file(),
                payload.fileOffset(), data, detail, session.recent());
        return payload.fileRanges() == null ? message
                : message.keptAsRanges(payload.rangesFile(), payload.fileRanges(), data, 0, data.length);
    }

    /** Index of the first byte that is no line break, space, tab or NUL; the length when there is none. */
    static int firstNonBlank(byte[] data) {
        return firstNonBlank(data, 0, data.length);
    }

    /** Index of the first byte of {@code a[from, to)} that is no line break, space, tab or NUL; {@code to} when none. */
    static int firstNonBlank(byte[] a, int from, int to) {
        int start = from;
        while (start < to && isBlank(a[start])) {
            start++;
        }
        return start;
    }

    /** The full scan of {@code data}; null when it holds only line breaks. */
    static Parts parts(byte[] data, Problems problems) {
        int start = firstNonBlank(data);
        if (start == data.length) {
            return null;
        }
        // the first empty line ends the headers, whichever line ends it and the line before use (CR LF or a bare
        // LF, as the framing reads them; a bare CR too after a start line ending in one): a body's own CR LF CR LF
        // must not be taken for it
        boolean bareCrs = startLineEndsInBareCr(data, start);
        int emptyLine = bareCrs ? emptyLineOfAnyEnds(data, start) : emptyLine(data, start);
        int headerEnd = emptyLine < 0 ? data.length : emptyLine;
        int bodyStart = emptyLine < 0 ? data.length : afterEmptyLine(data, emptyLine);
        String headerSection = MessageText.utf8(data, start, headerEnd - start);
        if (headerSection == null) {
            // RFC 3261 7.1 and 25.1: the text of a start or header line (a reason phrase, a display name) is UTF-8
            problems.add("encoding", "the start line or headers are not valid UTF-8 (RFC 3261 25.1); read as "
                    + "ISO-8859-1");
            headerSection = new String(data, start, headerEnd - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        String[] lines = bareCrs ? linesOfAnyEnds(headerSection) : lines(headerSection, true);
        if (bareCrs) {
            // a bare CR ends the start line as Wireshark reads it (tvb_find_line_end: CR, LF or CR LF), and then
            // every header line too: a stack that sends one sends them all so, and the Call-ID is read as tshark does
            problems.add("start line", "the start line ends in a bare CR instead of CR LF");
        }
        // named after a bare CR, which leaves no empty line either: the cause first
        if (emptyLine < 0) {
            problems.add("empty line", "no empty line ends the header section (RFC 3261 7): the message is cut short "
                    + "or its body follows the headers directly");
        }
        if (lines[0].length() > Limits.HEADER_LINE_BYTES) {
            problems.add("start line", "start line of " + lines[0].length() + " characters (longer than "
                    + Limits.HEADER_LINE_BYTES + ")");
        }
        flagControl(lines[0], "start line", problems);
        StartLine startLine = StartLine.parse(lines[0], problems);
        List<SipHeader> headers = headers(lines, problems);
        byte[] body = body(data, bodyStart, headers, problems);
        String raw = MessageText.decode(data, start, bodyStart - start + body.length);
        checkMandatory(startLine, headers, problems);
        Sdp sdp = SdpBodies.find(first(headers, "Content-Type"), body);
        flagSdp(sdp, problems);
        return new Parts(startLine, List.copyOf(headers), body, sdp, raw);
    }

    /**
     * Flags the bytes that the message's datagram (WebSocket message, SCTP user message, HEP packet) held after the
     * end its Content-Length sets ({@link SipPayload#afterMessage}, null: none), which RFC 3261 18.3 discards on a
     * message-oriented transport; naming a second message when they hold one (two messages in one datagram:
     * Wireshark lists the first only, as we do).
     */
    private static void flagAfterMessage(SipPayload payload, List<SipHeader> headers, Problems problems) {
        byte[] after = payload.afterMessage();
        if (after == null) {
            return;
        }
        int from = firstNonBlank(after);
        int to = from;
        while (to < after.length && after[to] != '\r' && after[to] != '\n' && to - from < 120) {
            to++;
        }
        String line = MessageText.decode(after, from, to - from);
        Problems probe = new Problems();
        StartLine.parse(line, probe);
        String unit = carrier(payload.transport());
        problems.add("datagram", after.length + " bytes of the " + unit + AFTER_MESSAGE
                + first(headers, "Content-Length") + " ends: "
                + (probe.isEmpty() ? "a second SIP message (\"" + line + "\"), " : "") + "discarded, as RFC 3261 18.3 "
                + "requires (" + (unit.startsWith("SCTP") ? "an " : "a ") + unit + " carries one message)");
    }

    /**
     * Flags what the capture layer noted on how the message came ({@link SipPayload#note}), first: it says why the
     * rest of what is wrong with the message is wrong.
     */
    private static void flagNote(SipPayload payload, Problems problems) {
        if (payload.note() != null) {
            problems.add(NOTE_SUBJECT, payload.note());
        }
    }

    /** The sentence of {@link #flagNote} in {@code reason} (a message's problems), or null. */
    static String noteProblem(String reason) {
        for (String mark : NOTE_MARKS) {
            String note = sentence(reason, mark);
            if (note != null) {
                return note;
            }
        }
        return null;
    }

    /** What one message arrives in over {@code transport}, which frames messages (RFC 7118 5, RFC 4168 5). */
    private static String carrier(Transport transport) {
        switch (transport) {
            case WS:
            case WSS:
                return "WebSocket message";
            case SCTP:
                return "SCTP user message";
            case HEP:
                return "HEP packet";
            default:
                return "datagram";
        }
    }

    /** The sentence of {@link #flagAfterMessage} in {@code reason} (a message's problems), or null. */
    static String afterMessageProblem(String reason) {
        return sentence(reason, AFTER_MESSAGE);
    }

    /** The sentence of {@code reason} (sentences joined by "; ") that holds {@code mark}, or null. */
    private static String sentence(String reason, String mark) {
        int at = reason == null ? -1 : reason.indexOf(mark);
        if (at < 0) {
            return null;
        }
        int start = reason.lastIndexOf("; ", at);
        int end = reason.indexOf("; ", at);
        return reason.substring(start < 0 ? 0 : start + 2, end < 0 ? reason.length() : end);
    }

    /** Flags what the SDP parser found wrong with the text of {@code sdp} (null: no SDP). */
    static void flagSdp(Sdp sdp, Problems problems) {
        if (sdp != null && sdp.problem() != null) {
            problems.add("SDP", "the SDP body holds " + sdp.problem());
        }
    }

    /** Where what follows the empty line at {@code emptyLine} ({@link #emptyLine}) starts: the body. */
    static int afterEmptyLine(byte[] data, int emptyLine) {
        int next = emptyLine + 1;
        return data[emptyLine] == '\r' && next < data.length && data[next] == '\n' ? next + 1 : next;
    }

    /** Where the empty line ending the headers of the message at {@code start} begins, as the full scan finds it. */
    static int headerEnd(byte[] data, int start) {
        return startLineEndsInBareCr(data, start) ? emptyLineOfAnyEnds(data, start) : emptyLine(data, start);
    }

    /** True when the first line end after {@code start} is a CR not followed by a line feed. */
    private static boolean startLineEndsInBareCr(byte[] data, int start) {
        for (int i = start; i < data.length; i++) {
            if (data[i] == '\n') {
                return false;
            }
            if (data[i] == '\r') {
                return i + 1 == data.length || data[i + 1] != '\n';
            }
        }
        return false;
    }

    /**
     * As {@link #emptyLine} with a bare CR ending a line as well as CR LF and a bare LF: the empty line is a line end
     * right after another one.
     */
    private static int emptyLineOfAnyEnds(byte[] data, int start) {
        for (int i = start; i < data.length; i++) {
            if (data[i] != '\r' && data[i] != '\n') {
                continue;
            }
            int next = data[i] == '\r' && i + 1 < data.length && data[i + 1] == '\n' ? i + 2 : i + 1;
            if (next < data.length && (data[next] == '\r' || data[next] == '\n')) {
                return next;
            }
            i = next - 1;
        }
        return -1;
    }

    /** As {@link #lines}{@code (text, true)} with a bare CR ending a line as well as CR LF and a bare LF. */
    private static String[] linesOfAnyEnds(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                lines.add(text.substring(from, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                from = i + 1;
            }
        }
        lines.add(text.substring(from));
        return lines.toArray(new String[0]);
    }

    /**
     * Where the first empty line after {@code start} begins (its CR, or its LF when bare), the preceding line's line
     * feed excluded; -1 when the headers do not end.
     */
    static int emptyLine(byte[] data, int start) {
        for (int i = start; i < data.length; i++) {
            if (data[i] != '\n') {
                continue;
            }
            int next = i + 1;
            if (next < data.length && data[next] == '\n') {
                return next;
            }
            if (next + 1 < data.length && data[next] == '\r' && data[next + 1] == '\n') {
                return next;
            }
        }
        return -1;
    }

    private static List<SipHeader> headers(String[] lines, Problems problems) {
        List<SipHeader> headers = new ArrayList<>(lines.length);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                if (!line.isBlank()) {
                    problems.add("line " + (i + 1), "header line without a name and colon: \"" + line + "\"");
                }
                continue;
            }
            String name = HeaderNames.expand(line.substring(0, colon).trim());
            flagControl(line, name + " header", problems);
            if (line.length() > Limits.HEADER_LINE_BYTES) {
                problems.add(name, name + " header line of " + line.length() + " characters (longer than "
                        + Limits.HEADER_LINE_BYTES + ")");
            }
            int folded = i + 1;
            while (folded < lines.length && isContinuation(lines[folded])) {
                folded++;
            }
            if (folded == i + 1) {
                // one line, as almost every header is: no builders
                headers.add(new SipHeader(name, line.substring(colon + 1).trim(), line));
                continue;
            }
            StringBuilder value = new StringBuilder(line.substring(colon + 1));
            StringBuilder raw = new StringBuilder(line);
            for (int k = i + 1; k < folded; k++) {
                flagControl(lines[k], name + " header", problems);
                value.append(' ').append(lines[k].trim());
                raw.append("\r\n").append(lines[k]);
            }
            headers.add(new SipHeader(name, value.toString().trim(), raw.toString()));
            i = folded - 1;
        }
        return headers;
    }

    /**
     * Flags the first control byte up to 11 of {@code line} but a tab (a NUL most often: a C string's end written by a
     * bad stack): RFC 3261 25.1 allows none in a start or header line but escaped in a header's quoted string (a
     * quoted-pair), and readers disagree on such a value (Wireshark ends it at a NUL, a stack may reject the message).
     * Those are the bytes the one-pass scan gives up on ({@link ByteWords#plainEnd}), so that both scans agree on every
     * message.
     */
    private static void flagControl(String line, String where, Problems problems) {
        boolean header = !where.equals("start line");
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (header && c == '"') {
                quoted = !quoted;
            } else if (quoted && c == '\\') {
                // a quoted-pair (RFC 3261 25.1: "\" and any byte but CR and LF, RFC 4475 3.1.1.2 quotes a NUL)
                i++;
            } else if (c <= 0x0B && c != '\t') {
                String what = c == 0 ? "a NUL byte" : String.format("control byte 0x%02X", (int) c);
                problems.add(where + " control byte", what + " in the " + where + " at character " + (i + 1));
                return;
            }
        }
    }

    /** A line that continues the header above it (starts with a space or tab). */
    private static boolean isContinuation(String line) {
        return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
    }


    private static byte[] body(byte[] data, int bodyStart, List<SipHeader> headers, Problems problems) {
        int available = data.length - bodyStart;
        int length = available;
        String declared = first(headers, "Content-Length");
        if (declared != null) {
            try {
                int n = Integer.parseInt(declared.trim());
                if (n < 0) {
                    problems.add("Content-Length", "negative Content-Length " + n);
                } else if (n > available) {
                    problems.add("Content-Length", "Content-Length " + n + " but only " + available
                            + " body bytes were captured");
                } else {
                    length = n;
                }
            } catch (NumberFormatException e) {
                String digits = declared.trim();
                boolean number = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
                // a number too large for any capture: said as for any other Content-Length beyond the bytes
                problems.add("Content-Length", number ? "Content-Length " + ScalarFields.shown(digits) + " but only "
                        + available + " body bytes were captured" : "Content-Length \"" + declared + "\" is not a number");
            }
        }
        byte[] body = new byte[length];
        System.arraycopy(data, bodyStart, body, 0, length);
        return body;
    }

    private static void checkMandatory(StartLine startLine, List<SipHeader> headers, Problems problems) {
        for (String name : MANDATORY) {
            String value = first(headers, name);
            if (value == null) {
                problems.add(name, "no " + name + " header");
            } else if (value.isEmpty()) {
                problems.add(name, emptyMandatory(name));
            }
        }
        for (String name : SINGLE) {
            long count = headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).count();
            if (count > 1) {
                problems.add(name, count + " " + name + " headers (a message has one)");
            }
        }
        checkCallIds(headers, problems);
        String cseq = first(headers, "CSeq");
        if (cseq != null) {
            String[] parts = blanks(cseq.trim());
            if (parts.length != 2 || !parts[0].chars().allMatch(Character::isDigit)) {
                problems.add("CSeq", "CSeq \"" + cseq + "\" is not \"number METHOD\"");
            } else if (ScalarFields.cseqProblem(parts[0]) != null) {
                problems.add("CSeq", ScalarFields.cseqProblem(parts[0]));
            } else if (startLine.method() != null && !startLine.method().equals(parts[1])
                    && !"ACK".equals(startLine.method()) && !"CANCEL".equals(startLine.method())) {
                problems.add("CSeq", "CSeq method " + parts[1] + " differs from request method " + startLine.method());
            }
        }
    }

    /** The problem of a mandatory header sent without a value (RFC 3261 8.1.1 and 20: none of them may be empty). */
    private static String emptyMandatory(String name) {
        if (name.equals("Call-ID")) {
            return "empty Call-ID header (RFC 3261 8.1.1.4 and 20.8 require a value): the message names no dialog, and "
                    + "a stack rejects it or files it with every other message of an empty Call-ID";
        }
        return "empty " + name + " header (RFC 3261 8.1.1 requires a value)";
    }

    /**
     * Flags Call-ID headers of different values: stacks read the first, Wireshark lists them all, so the message's
     * dialog depends on the reader. The same value sent twice changes nothing and is left alone.
     */
    private static void checkCallIds(List<SipHeader> headers, Problems problems) {
        String first = null;
        for (SipHeader h : headers) {
            if (!h.name().equalsIgnoreCase("Call-ID")) {
                continue;
            }
            if (first == null) {
                first = h.value();
            } else if (!first.equals(h.value())) {
                problems.add("Call-ID", "Call-ID headers of different values (\"" + first + "\", \"" + h.value()
                        + "\"): a stack reads the first, so which dialog this message belongs to depends on the reader");
                return;
            }
        }
    }

    static String first(List<SipHeader> headers, String name) {
        for (SipHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    private static boolean isBlank(byte b) {
        return b == '\r' || b == '\n' || b == ' ' || b == '\t' || b == 0;
    }


    /** The first line of a message, split into its parts exactly as sent. */
    record StartLine(String method, String requestUri, int status, String reason) {

        static StartLine parse(String line, Problems problems) {
            if (line.startsWith("SIP/")) {
                return response(line, problems);
            }
            String trimmed = withoutTrailingBlanks(line);
            String[] parts = trimmed.split(" ", -1);
            if (trimmed.length() < line.length()) {
                // RFC 4475 3.1.2.9: a liberal reader ignores them, a strict one answers 400
                problems.add("start line", "blanks after the SIP version at the end of the request line \"" + line
                        + "\" (RFC 3261 7.1: Method SP Request-URI SP SIP-Version CRLF)");
            }
            String[] words = blanks(trimmed.trim());
            boolean sipShaped = words.length >= 3 && words[words.length - 1].startsWith("SIP/") && isToken(words[0]);
            if (parts.length != 3 && sipShaped && words.length == 3) {
                // RFC 4475 3.1.2.8: the parts are still plain, so they are read as such
                problems.add("start line", "more than a single space between the parts of the request line \""
                        + line + "\" (RFC 3261 7.1: Method SP Request-URI SP SIP-Version)");
                parts = words;
            } else if (parts.length != 3 && sipShaped) {
                // RFC 4475 3.1.2.7: a space inside the Request-URI, which it may not hold unescaped
                problems.add("start line", "the Request-URI holds a space (RFC 3261 7.1 and 19.1.1: it may not, not "
                        + "even as LWS; a space is %20): \"" + line + "\"");
                String uri = String.join(" ", java.util.Arrays.asList(words).subList(1, words.length - 1));
                parts = new String[] {words[0], uri, words[words.length - 1]};
            } else if (parts.length != 3 || !parts[2].startsWith("SIP/") || parts[0].isEmpty() || parts[1].isEmpty()
                    || !isToken(parts[0])) {
                problems.add("start line", "not a SIP request or status line: \"" + line + "\"");
            }
            if (parts.length == 3 && parts[2].startsWith("SIP/")) {
                flagVersion(parts[2], problems);
            }
            String method = parts[0].isEmpty() ? line : parts[0];
            String known = Methods.inOtherCase(method);
            if (known != null) {
                problems.add("method", "method " + method + " is " + known + " in other letter case: SIP methods are "
                        + "case-sensitive (RFC 3261 7.1), so a stack takes it for an unknown method");
            }
            String uri = parts.length > 1 ? parts[1] : "";
            if (!isToken(uri.replace(' ', 'x'))) {
                problems.add("Request-URI", "the Request-URI holds a byte that is not visible ASCII (RFC 3261 "
                        + "wants it %-escaped): \"" + uri + "\"");
            }
            return new StartLine(method, uri, 0, null);
        }

        /** Flags a version other than SIP/2.0 (RFC 4475 3.1.2.16): an RFC 3261 element answers it 505. */
        private static void flagVersion(String version, Problems problems) {
            if (!version.equals("SIP/2.0")) {
                problems.add("version", "SIP version " + version + " instead of SIP/2.0 (RFC 3261 7.1): an RFC 3261 "
                        + "element answers 505 Version Not Supported");
            }
        }

        private static String withoutTrailingBlanks(String line) {
            int end = line.length();
            while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
                end--;
            }
            return line.substring(0, end);
        }

        /** Visible ASCII only, as a method name must be. */
        private static boolean isToken(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) <= ' ' || s.charAt(i) >= 127) {
                    return false;
                }
            }
            return true;
        }

        private static StartLine response(String line, Problems problems) {
            int space = line.indexOf(' ');
            flagVersion(space < 0 ? line : line.substring(0, space), problems);
            String rest = space < 0 ? "" : line.substring(space + 1);
            int codeEnd = rest.indexOf(' ');
            String code = codeEnd < 0 ? rest : rest.substring(0, codeEnd);
            String reason = codeEnd < 0 ? "" : rest.substring(codeEnd + 1);
            int status = 0;
            if (code.length() == 3 && Character.isDigit(code.charAt(0)) && Character.isDigit(code.charAt(1))
                    && Character.isDigit(code.charAt(2))) {
                status = Integer.parseInt(code);
            }
            if (status < 100 || status > 699) {
                boolean digits = !code.isEmpty() && code.chars().allMatch(c -> c >= '0' && c <= '9');
                problems.add("start line", (digits ? "status code " + code + " is not one of 100 to 699 (RFC 3261 "
                        + "7.2: three digits; an element drops such a response): " : "status line without a valid status "
                        + "code: ") + "\"" + line + "\"");
            } else if (codeEnd < 0) {
                // Wireshark does not take such a line for SIP at all
                problems.add("start line", "status line without the space after its status code: \"" + line
                        + "\" (RFC 3261 7.2: SIP-Version SP Status-Code SP Reason-Phrase; the phrase may be empty, the "
                        + "space may not)");
            }
            return new StartLine(null, null, status, reason);
        }
    }
}
