package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipladder.ByteWords;

/** Start-line recognition and Content-Length framing, the only SIP the capture layer knows. */
class SipFramingTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int startLine(String s) {
        byte[] a = b(s);
        return SipFraming.startLine(a, 0, a.length);
    }

    private static int length(String s) {
        byte[] a = b(s);
        return SipFraming.messageLength(a, 0, a.length, 65536);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVITE sip:bob@example.com SIP/2.0\r\n", "OPTIONS sips:h:5061;transport=tls SIP/2.0\n",
        "INFO tel:+15551234 SIP/2.0\r\n", "SIP/2.0 200 OK\r\n", "SIP/2.0 100\r\n", "SIP/2.0 503 Try again later\r\n",
        "X-CUSTOM urn:x:y SIP/2.0\r\n", "BYE sip:499187\u0017350008@example.com SIP/2.0\r\n",
        "INVITE sip:a b SIP/2.0\r\n", "ACK sip:\u0000x@h SIP/2.0\r\n", "INVITE sip:b\u00e9@h SIP/2.0\r\n",
        "BY\u00c5 sip:a@h SIP/2.0\r\n", "B\u0005E sip:a@h SIP/2.0\r\n",
        // RFC 4475's shapes: a method of token characters, blanks after the version, another version, a long code
        "!odd%41_method`~ sip:a@h SIP/2.0\r\n", "%INVITE sip:a@h SIP/2.0\r\n", "OPTIONS sip:a@h SIP/2.0  \r\n",
        "INVITE sip:bob SIP/3.0\r\n", "OPTIONS sip:a@h SIP/7.10\r\n", "SIP/2.0 2000 OK\r\n",
        "SIP/2.0 4294967301 better not break\r\n", "SIP/3.0 200 OK\r\n"})
    void startLines(String line) {
        assertEquals(line.length(), startLine(line + "Via: x\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n", "INVITE sip:bob SIP/x.0\r\n",
        "INVITE  SIP/2.0\r\n", "SIP/2.0 20 OK\r\n", "SIP/2.0 2x0 OK\r\n", "invite nocolon SIP/2.0\r\n",
        "\r\n", "RTP\u0080\u0001 x\n", "BYE \u0017 SIP/2.0\r\n", "INVITE sip:bob SIP/2.\r\n",
        "(INVITE sip:a@h SIP/2.0\r\n", "SIP/.0 200 OK\r\n"})
    void notStartLines(String line) {
        assertEquals(SipFraming.NO, startLine(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "INV", "INVITE sip:bob@exa", "SIP/2", "SIP/2.0 20"})
    void prefixesNeedMore(String prefix) {
        assertEquals(SipFraming.NEED_MORE, startLine(prefix));
    }

    @Test
    void framingByContentLengthInAnyForm() {
        String head = "MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n";
        for (String lengthHeader : new String[] {"Content-Length:   5", "l : 5", "content-length: 5"}) {
            String message = head + lengthHeader + "\r\n\r\nhello";
            assertEquals(message.length(), length(message + "+more"), lengthHeader);
        }
        assertEquals(head.length() + 2, length(head + "\r\nbody without length"), "no Content-Length: no body");
        assertEquals(SipFraming.NEED_MORE, length(head + "Content-Length: 50\r\n\r\nshort"));
        assertEquals(SipFraming.NEED_MORE, length(head + "Content-Length: 5\r\n"));
    }

    @Test
    void aContentLengthValueFoldedOntoTheNextLine() {
        // RFC 3261 7.3.1 and 25.1: "Content-Length" HCOLON 1*DIGIT, HCOLON ending in LWS, which may break the line
        String head = "MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n";
        for (String lengthHeader : new String[] {"Content-Length:\r\n 5", "Content-Length: \r\n\t  5",
            "l:\r\n \r\n 5"}) {
            String message = head + lengthHeader + "\r\nVia: v\r\n\r\nhello";
            assertEquals(message.length(), length(message + "+more"), lengthHeader);
            byte[] a = b(message);
            assertTrue(SipFraming.declaresLength(a, 0, a.length), lengthHeader);
        }
        // a value on its own line but without the blank that folds it is a header line of its own: no length
        String unfolded = head + "Content-Length:\r\n5: x\r\n\r\n";
        assertEquals(unfolded.length(), length(unfolded + "hello"));
        String notDigits = head + "Content-Length: x\r\n 5\r\n\r\n";
        assertEquals(notDigits.length(), length(notDigits + "hello"));
        assertEquals(SipFraming.NEED_MORE, length(head + "Content-Length:\r\n 5\r\n\r\nhel"));
    }

    @Test
    void bareLineFeedsAndHeadersThatOnlyLookLikeContentLength() {
        String msg = "SIP/2.0 200 OK\nLocation: x\nContent-Length: 2\n\nok";
        assertEquals(msg.length(), length(msg + "trailing"));
        String lookalike = "SIP/2.0 200 OK\r\nContent-Length-Extra: 9\r\nl: 1\r\n\r\nxy";
        assertEquals(lookalike.length() - 1, length(lookalike));
    }

    @Test
    void wordAtATimeSearchAgreesWithAPlainLoop() {
        java.util.Random r = new java.util.Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] a = new byte[r.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (r.nextInt(4) == 0 ? '\n' : r.nextInt(256));
            }
            int from = a.length == 0 ? 0 : r.nextInt(a.length);
            int end = from + (a.length == from ? 0 : r.nextInt(a.length - from + 1));
            int expected = -1;
            for (int i = from; i < end; i++) {
                if (a[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, ByteWords.indexOf(a, from, end, (byte) '\n'));
        }
    }

    @Test
    void endlessHeadersAreNotSip() {
        StringBuilder s = new StringBuilder("INVITE sip:a@b SIP/2.0\r\n");
        while (s.length() < 70_000) {
            s.append("X-Filler: 0123456789\r\n");
        }
        assertEquals(SipFraming.NO, length(s.toString()));
    }

    @Test
    void startLineEndsAtItsLineFeedOrABareCr() {
        assertEquals(16, startLine("SIP/2.0 200 OK\r\nVia: x"));
        assertEquals(15, startLine("SIP/2.0 200 OK\nVia: x"));
        assertEquals(15, startLine("SIP/2.0 200 OK\rVia: x\r\n"), "a bare CR ends it");
        assertEquals(SipFraming.NEED_MORE, startLine("SIP/2.0 200 OK\r"), "the LF may follow");
        assertEquals(SipFraming.NO, startLine("SIP/2.0 20x OK\rVia: x\r\n"));
    }

    /**
     * Start lines and lengths of messages made of pieces that stress the eight-bytes-a-step walks (line feeds next to
     * vertical tabs, bare CRs, lines of every length, Content-Length in both forms) agree with a walk a byte at a time.
     */
    @Test
    void stepWalksAgreeWithAByteWalk() {
        java.util.Random r = new java.util.Random(2026_12_04L);
        String[] pieces = {"\r\n", "\r\n", "\n", "\r", "\u000b", "\n\u000b\u000b", "Content-Length: 3", "l:1",
            "content-length:12", "Via: x", "X", "0123456789", "SIP/2.0 200 OK", "INVITE sip:a@b SIP/2.0", " ", "c"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder m = new StringBuilder(r.nextBoolean() ? "SIP/2.0 180 Ringing" : "INVITE sip:b@h SIP/2.0");
            for (int k = r.nextInt(16); k > 0; k--) {
                m.append(pieces[r.nextInt(pieces.length)]);
            }
            byte[] a = b(m.toString());
            int end = r.nextInt(a.length + 1);
            int max = r.nextBoolean() ? end : r.nextInt(end + 1);
            String where = m.toString().replace("\r", "\\r").replace("\n", "\\n") + " to " + end + " max " + max;
            assertEquals(byteWalkLength(a, end, max), SipFraming.messageLength(a, 0, end, max), where);
            int line = SipFraming.startLine(a, 0, end);
            if (line > 0) {
                int whole = byteWalkLength(a, end, end);
                // without Content-Length, a datagram's message runs to its end (RFC 3261 18.3)
                boolean declared = byteWalkContentLength(a, end) >= 0;
                assertEquals(whole > 0 && (whole == end || declared) ? whole : end,
                        TransportDecoder.datagramMessageLength(a, 0, end, line), where);
            }
        }
    }

    /**
     * A datagram's framing notes where its body starts and every header line whose first word may be Call-ID, i or
     * CSeq (by its first letter and the place of a colon, space or tab), as a walk a byte at a time finds them; none
     * when the header block does not end or more such lines come than fit.
     */
    @Test
    void framingNotesTheBodyAndTheLinesThatMayNameTheDialog() {
        java.util.Random r = new java.util.Random(2026_12_04_2L);
        String[] pieces = {"Call-ID: a@b", "call-id :x", "i:x", "I\t: y", "CSeq: 1 INVITE", "cseq\t:2 BYE",
            "Contact: <sip:x>", "Content-Length: 3", "Content-Type: application/sdp", "Via: x", "ix", "c", "CSeqx: 1",
            "Call-IDx: 1", "c: x", "l:0"};
        int noted = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder m = new StringBuilder(r.nextBoolean() ? "SIP/2.0 180 Ringing" : "INVITE sip:b@h SIP/2.0");
            String eol = r.nextInt(4) == 0 ? "\n" : "\r\n";
            m.append(eol);
            for (int k = r.nextInt(7); k > 0; k--) {
                m.append(pieces[r.nextInt(pieces.length)]).append(eol);
            }
            if (r.nextInt(8) > 0) {
                m.append(eol).append(r.nextBoolean() ? "v=0" + eol : "");
            }
            byte[] a = b(m.toString());
            long[] marks = {-1};
            int line = SipFraming.startLine(a, 0, a.length);
            int length = TransportDecoder.datagramMessageLength(a, 0, a.length, line, marks);
            String where = m.toString().replace("\r", "\\r").replace("\n", "\\n");
            assertEquals(TransportDecoder.datagramMessageLength(a, 0, a.length, line), length, where);
            assertEquals(byteWalkMarks(a), marks[0], where);
            noted += marks[0] != HeaderMarks.NONE && HeaderMarks.line(marks[0], 0) > 0 ? 1 : 0;
        }
        assertEquals(true, noted > 5_000, "lines noted often enough to test: " + noted);
    }

    /**
     * A datagram's framing notes every line feed of its header block ({@link HeaderLines}) as a walk a byte at a time
     * finds them, when the block ends in the datagram, has at most {@link HeaderLines#MAX} lines and no byte above 127
     * after its first line feed, and none otherwise; noting them changes neither the length nor the marks.
     */
    @Test
    void framingNotesTheLineFeedsOfTheHeaderBlock() {
        java.util.Random r = new java.util.Random(2026_12_05L);
        String[] pieces = {"Via: SIP/2.0/UDP a;branch=z9hG4bK1", "Call-ID: a@b", "i:x", "CSeq: 1 INVITE", "l: 3",
            "Content-Length: 4", "X-Long: " + "0123456789".repeat(30), "c", "", " folded", "\u00e9t\u00e9", "x\ry",
            "\u000b", "To: <sip:b@h>"};
        int noted = 0;
        int none = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder m = new StringBuilder(r.nextInt(8) == 0 ? "INVITE sip:b\u00e9@h SIP/2.0"
                    : r.nextBoolean() ? "SIP/2.0 180 Ringing" : "INVITE sip:b@h SIP/2.0");
            m.append(r.nextInt(10) == 0 ? "\rVia: x\r\n" : "\r\n");
            int lines = r.nextInt(5) == 0 ? HeaderLines.MAX - 3 + r.nextInt(6) : r.nextInt(12);
            for (int k = 0; k < lines; k++) {
                // an empty piece ends the header block early (a rare one: the long blocks must reach the limit)
                String piece = pieces[r.nextInt(pieces.length)];
                m.append(piece.isEmpty() && r.nextInt(20) > 0 ? "Max-Forwards: 70" : piece)
                        .append(r.nextInt(30) == 0 ? "\n" : "\r\n");
            }
            if (r.nextInt(8) > 0) {
                m.append(r.nextInt(20) == 0 ? "\n" : "\r\n").append(r.nextBoolean() ? "v=0\r\ns=\u00e9\r\n" : "");
            }
            byte[] a = b(m.toString());
            int line = SipFraming.startLine(a, 0, a.length);
            if (line <= 0) {
                continue;
            }
            String where = m.toString().replace("\r", "\\r").replace("\n", "\\n");
            long[] marks = {-1};
            long[] alone = {-1};
            HeaderLines feeds = new HeaderLines();
            int length = TransportDecoder.datagramMessageLength(a, 0, a.length, line, marks, feeds);
            assertEquals(TransportDecoder.datagramMessageLength(a, 0, a.length, line, alone), length, where);
            assertEquals(alone[0], marks[0], where);
            int[] expected = byteWalkLineFeeds(a);
            int count = HeaderLines.count(feeds.table, 0);
            int[] found = new int[count];
            for (int k = 0; k < count; k++) {
                found[k] = HeaderLines.lineFeed(feeds.table, 0, k);
            }
            assertArrayEquals(expected, found, where);
            assertEquals(1 + 2 * count, feeds.bytes(), where);
            noted += count > 0 ? 1 : 0;
            none += count == 0 ? 1 : 0;
        }
        assertEquals(true, noted > 7_000 && none > 3_000, "tables noted " + noted + ", none " + none);
    }

    /**
     * The line feeds {@link HeaderLines} notes for the datagram {@code a}, from a walk a byte at a time: all up to the
     * one ending the empty line, when there is one, at most {@link HeaderLines#MAX}, with no byte above 127 or control
     * byte up to 11 but a tab (and the line feeds) after the first; none otherwise.
     */
    private static int[] byteWalkLineFeeds(byte[] a) {
        java.util.List<Integer> feeds = new java.util.ArrayList<>();
        boolean plain = true;
        int line = 0;
        for (int i = 0; i < a.length; i++) {
            if (!feeds.isEmpty() && (a[i] < 0 || a[i] <= 0x0B && a[i] != '\t' && a[i] != '\n')) {
                plain = false;
            }
            if (a[i] != '\n') {
                continue;
            }
            feeds.add(i);
            if (line > 0 && (i == line || i == line + 1 && a[line] == '\r')) {
                return plain && feeds.size() <= HeaderLines.MAX
                        ? feeds.stream().mapToInt(Integer::intValue).toArray() : new int[0];
            }
            line = i + 1;
        }
        return new int[0];
    }

    /** The {@link HeaderMarks} of the message {@code a}, from a walk a byte at a time. */
    private static long byteWalkMarks(byte[] a) {
        java.util.List<Integer> lines = new java.util.ArrayList<>();
        int line = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != '\n') {
                continue;
            }
            if (line > 0 && (i == line || i == line + 1 && a[line] == '\r')) {
                if (lines.size() > HeaderMarks.LINES) {
                    return HeaderMarks.NONE;
                }
                long marks = (long) (i + 1) << 48;
                for (int k = 0; k < lines.size(); k++) {
                    marks |= (long) lines.get(k) << 16 * k;
                }
                return marks;
            }
            String text = new String(a, line, i - line, StandardCharsets.ISO_8859_1);
            if (line > 0 && text.matches("(?is)(i[:\t ].*|c...[:\t ].*|c......[:\t ].*)")) {
                lines.add(line);
            }
            line = i + 1;
        }
        return HeaderMarks.NONE;
    }

    /** {@link SipFraming#messageLength} of {@code a[0, end)} a byte at a time. */
    private static int byteWalkLength(byte[] a, int end, int max) {
        int contentLength = -1;
        int line = 0;
        for (int i = 0; i < end; i++) {
            if (a[i] != '\n') {
                continue;
            }
            if (line > 0 && (i == line || i == line + 1 && a[line] == '\r')) {
                long total = (long) i + 1 + Math.max(0, contentLength);
                return total <= end ? (int) total : SipFraming.NEED_MORE;
            }
            if (contentLength < 0) {
                contentLength = contentLengthOf(a, line, i + 1);
            }
            line = i + 1;
            if (line > max) {
                return SipFraming.NO;
            }
        }
        return end > max ? SipFraming.NO : SipFraming.NEED_MORE;
    }

    /** The first Content-Length of the header block of {@code a[0, end)} a byte at a time, -1 when none comes. */
    private static int byteWalkContentLength(byte[] a, int end) {
        int line = 0;
        for (int i = 0; i < end; i++) {
            if (a[i] != '\n') {
                continue;
            }
            if (line > 0 && (i == line || i == line + 1 && a[line] == '\r')) {
                return -1;
            }
            int value = line > 0 ? contentLengthOf(a, line, i + 1) : -1;
            if (value >= 0) {
                return value;
            }
            line = i + 1;
        }
        return -1;
    }

    /** The value of the Content-Length (or l) header line {@code a[line, next)}, -1 when it is none or not digits. */
    private static int contentLengthOf(byte[] a, int line, int next) {
        String text = new String(a, line, next - line, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?i)(content-length|l)[ \t]*:[ \t]*([0-9]{1,10})")
                .matcher(text);
        return value.lookingAt() && Long.parseLong(value.group(2)) <= Integer.MAX_VALUE
                ? Integer.parseInt(value.group(2)) : -1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/2.0 401 Unauthorized WWW-Authenticate: Digest nonce= 5678970349", "SIP/2.0 404",
        "OPTIONS sip:bob@example.com SIP/2.0", "INVITE sip:a@b SIP/2.0\r", "SIP/2.0 180 Ringing\r",
        "REGIST\u00c5R sip:r SIP/2.0"})
    void aWholeUnitThatIsOneStartLineWithNoLineEndIsOne(String unit) {
        byte[] a = b(unit);
        assertEquals(unit.length(), SipFraming.wholeStartLine(a, 0, a.length));
        // in a stream more may come: no start line there yet
        assertTrue(SipFraming.startLine(a, 0, a.length) <= 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP is a signalling protocol", "INVITE", "SIP/2.0 4O4 Not Found", "OPTIONS sip:bob@example.com"})
    void aWholeUnitOfOneLineThatIsNoStartLineIsNone(String unit) {
        byte[] a = b(unit);
        assertTrue(SipFraming.wholeStartLine(a, 0, a.length) <= 0, unit);
    }

    @Test
    void aWholeUnitWithItsLineEndIsReadAsAStreamIs() {
        byte[] a = b("SIP/2.0 200 OK\r\nVia: x\r\n");
        assertEquals(SipFraming.startLine(a, 0, a.length), SipFraming.wholeStartLine(a, 0, a.length));
    }
}
