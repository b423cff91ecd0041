package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.SipPayload;

/**
 * The compact message of the bulk load must say exactly what the full scan says, whichever way it was read
 * (the one-pass byte scan for plain messages, the full scan for the rest).
 */
class CompactMessageTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n";

    private static final List<String> NAMES = List.of("Call-ID", "call-id", "CSeq", "From", "To", "to", "Via",
            "User-Agent", "Server", "RSeq", "X-CID", "x-cid", "X-Call-Sid", "X-Account-Sid", "X-Original-Call-ID",
            "P-Call-Id", "Contact", "Content-Type", "Content-Length", "Max-Forwards", "Allow-Events", "Subject",
            "contact", "m", "Proxy-Authorization", "Session-Expires", "Record-Route", "Reason", "Refer-To",
            "Session-ID", "session-id", "P-Charging-Vector", "Reply-To");

    static Stream<String> messages() {
        String head = "INVITE sip:+4991874350000@lk.sip.livekit.cloud SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK-1, SIP/2.0/UDP 10.9.9.9;branch=z9hG4bK-0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK-older\r\n"
                + "From: \"Caller\" <sip:4930123456@10.0.0.1>;tag=from-1\r\n"
                + "To: <sip:+4991874350000@lk.sip.livekit.cloud>\r\n"
                + "Call-ID: abc-1@10.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n";
        List<String> all = new ArrayList<>();
        all.add(head + "Content-Length: 0\r\n\r\n");
        all.add(head + "User-Agent: Jambonz\r\nX-CID: a-leg@1.2.3.4\r\nX-Call-Sid: 17\r\nX-Account-Sid: 9\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP);
        // compact names, odd case and spacing
        all.add("INVITE sip:bob@b SIP/2.0\r\nv: SIP/2.0/UDP a;BRANCH = z9hG4bKx\r\nf: <sip:a@a>;Tag=t1\r\n"
                + "t: <sip:bob@b>\r\ni:   spaced-id   \r\nCSEQ: 7 INVITE\r\nc: application/SDP\r\nl: " + SDP.length()
                + "\r\n\r\n" + SDP);
        // a response with a To tag, Server, RSeq and a P- correlation header
        all.add("SIP/2.0 183 Session Progress\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK-2\r\nFrom: <sip:a@a>;tag=f\r\n"
                + "To: <sip:b@b>;tag=SCL_abc\r\nCall-ID: r-1\r\nCSeq: 2 INVITE\r\nServer: LiveKit\r\nRSeq: 1\r\n"
                + "P-Call-Id: other-leg\r\nContent-Length: 0\r\n\r\n");
        // repeated kept headers and an LF-only message
        all.add("OPTIONS sip:x SIP/2.0\nVia: SIP/2.0/UDP a;branch=b1\nFrom: <sip:a@a>;tag=1\nTo: <sip:x>\n"
                + "To: <sip:second>\nCall-ID: lf-1\nCSeq: 3 OPTIONS\nX-CID: one\nX-CID: two\n\n");
        // CSeq spellings the fast scan leaves to the full scan
        all.add(head.replace("CSeq: 1 INVITE", "CSeq:  1\tINVITE ") + "Content-Length: 0\r\n\r\n");
        all.add(head.replace("CSeq: 1 INVITE", "CSeq: 1 BYE") + "Content-Length: 0\r\n\r\n");
        // folded header, non-ASCII display name, multipart body
        all.add(head.replace("From: \"Caller\"", "From:\r\n \"Caller\"") + "Content-Length: 0\r\n\r\n");
        all.add(head.replace("\"Caller\"", "\"Müller\"") + "Content-Length: 0\r\n\r\n");
        String multipart = "--b1\r\nContent-Type: application/sdp\r\n\r\n" + SDP + "\r\n--b1--\r\n";
        all.add(head + "Content-Type: multipart/mixed;boundary=b1\r\nContent-Length: " + multipart.length()
                + "\r\n\r\n" + multipart);
        // structural problems: no Call-ID, bad Content-Length, short body, header line without colon, bad start line
        all.add(head.replace("Call-ID: abc-1@10.0.0.1\r\n", "") + "Content-Length: 0\r\n\r\n");
        all.add(head + "Content-Length: x\r\n\r\n");
        all.add(head + "Content-Length: 500\r\n\r\nv=0\r\n");
        all.add(head + "this line has no colon\r\nContent-Length: 0\r\n\r\n");
        all.add("HELLO\r\n" + head.substring(head.indexOf("\r\n") + 2) + "\r\n");
        all.add("SIP/2.0 99 Odd\r\n" + head.substring(head.indexOf("\r\n") + 2) + "\r\n");
        // no blank line after the headers, body beyond Content-Length, leading line breaks
        all.add(head + "Content-Length: 0");
        all.add(head + "Content-Length: 4\r\n\r\nv=0\r\ntrailing");
        all.add("\r\n\r\n" + head + "Content-Length: 0\r\n\r\n");
        // start lines read in one pass: a control byte in the Request-URI or the method, a third space, a tab
        // in a reason phrase; a branch only in the second Via of a line
        String rest = head.substring(head.indexOf("\r\n") + 2) + "Content-Length: 0\r\n\r\n";
        all.add("INVITE sip:a\tb@b SIP/2.0\r\n" + rest);
        all.add("INV\u007fITE sip:b@b SIP/2.0\r\n" + rest);
        all.add("INVITE sip:b@b SIP/2.0 extra\r\n" + rest);
        all.add("INVITE sip:b@b SIP/2.0\u0001\r\n" + rest);
        all.add("SIP/2.0 200 OK\tfine  now\r\n" + rest);
        all.add("SIP/2.0 200\r\n" + rest);
        all.add(head.replace(";rport;branch=z9hG4bK-1,", ";rport,") + "Content-Length: 0\r\n\r\n");
        // the headers that join legs without naming a Call-ID: session keys, a REFER's target (full and compact)
        all.add(head + "Session-Id: AB30317F1A784DC48FF824D0D3715D86;remote=00000000000000000000000000000000\r\n"
                + "P-Charging-Vector: icid-value=1234bc9876e;orig-ioi=home1.net\r\nContent-Length: 0\r\n\r\n");
        all.add("REFER sip:b@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK-5\r\nFrom: <sip:a@a>;tag=f\r\n"
                + "To: <sip:b@b>;tag=t\r\nCall-ID: x-1\r\nCSeq: 5 REFER\r\nRefer-To: <sip:+4915199988877@c>\r\n"
                + "Reply-To: <sip:a@a>\r\nContent-Length: 0\r\n\r\n");
        all.add("REFER sip:b@b SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK-6\r\nFrom: <sip:a@a>;tag=f\r\n"
                + "To: <sip:b@b>;tag=t\r\nCall-ID: x-2\r\nCSeq: 6 REFER\r\nr: <sip:carol@c>\r\n"
                + "Content-Length: 0\r\n\r\n");
        all.addAll(readBackMessages());
        return all.stream();
    }

    /** Headers a diagnosis reads back: compact and odd-case names, empty values, repeats, an SDP per medium. */
    static List<String> readBackMessages() {
        List<String> list = new ArrayList<>();
        String media = SDP + "m=video 5000 RTP/AVP 96\r\nc=IN IP4 192.168.7.7\r\n";
        list.add("SIP/2.0 200 OK\r\nv: SIP/2.0/UDP 172.20.1.1:5060 ;received=198.51.100.9;rport=4000;branch=z9hG4bK-3\r\n"
                + "f: <sip:a@a>;tag=f\r\nt: <sip:b@b>;tag=t\r\ni: r-2\r\nCSeq: 1 INVITE\r\n"
                + "m:  <sip:b@10.1.1.1:5070;transport=udp>  \r\nContact: <sip:second@10.2.2.2>\r\n"
                + "x: 1800;refresher=uac\r\nPROXY-AUTHORIZATION:\r\nReason :  SIP;cause=200 \r\n"
                + "c: APPLICATION/SDP; charset=x\r\nl: 00" + media.length() + "\r\n\r\n" + media);
        list.add("BYE sip:b@b SIP/2.0\r\nVia: SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bK-4\r\nFrom: <sip:a@a>;tag=f\r\n"
                + "To: <sip:b@b>;tag=t\r\nCall-ID: r-3\r\nCSeq: 2 BYE\r\ncontact: sip:c@192.168.0.1\r\n"
                + "Proxy-Authorization: Digest username=\"u\", uri=\"sip:b@b\"\r\n"
                + "Content-Type: application/sdp\r\n\r\n" + SDP);
        return list;
    }

    @ParameterizedTest
    @MethodSource("messages")
    void compactMessageAgreesWithTheFullScan(String text) {
        assertAgree(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Thousands of damaged variants of plain messages (a byte inserted, removed or changed where the one-pass
     * scan makes its decisions): whichever way each is read, the compact message says what the full scan says.
     */
    @Test
    void damagedMessagesStillAgreeWithTheFullScan() {
        byte[] alphabet = " \t\r\n:;,=<>aZ0-/\u007f".getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> plain = Stream.concat(messages().limit(4), readBackMessages().stream())
                .map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
        Random random = new Random(20261124);
        int fast = 0;
        for (int round = 0; round < 6000; round++) {
            byte[] m = plain.get(round % plain.size());
            int at = random.nextInt(m.length);
            byte[] damaged = switch (random.nextInt(3)) {
                case 0 -> insert(m, at, random.nextInt(8) == 0 ? (byte) 0xC3 : alphabet[random.nextInt(alphabet.length)]);
                case 1 -> remove(m, at);
                default -> replace(m, at, alphabet[random.nextInt(alphabet.length)]);
            };
            if (MessageScanner.scan(SipParserTest.payload(damaged), new Problems()).isEmpty()) {
                continue;
            }
            assertAgree(damaged);
            if (FastScan.summary(SipParserTest.payload(damaged), 0, new ScanSession()) != null) {
                fast++;
            }
        }
        assertTrue(fast > 1500, "most damage is harmless to the one-pass scan: " + fast);
    }

    private static byte[] insert(byte[] m, int at, byte b) {
        byte[] out = new byte[m.length + 1];
        System.arraycopy(m, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(m, at, out, at + 1, m.length - at);
        return out;
    }

    private static byte[] remove(byte[] m, int at) {
        byte[] out = new byte[m.length - 1];
        System.arraycopy(m, 0, out, 0, at);
        System.arraycopy(m, at + 1, out, at, m.length - at - 1);
        return out;
    }

    private static byte[] replace(byte[] m, int at, byte b) {
        byte[] out = m.clone();
        out[at] = b;
        return out;
    }

    private static void assertAgree(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "<CR>").replace("\t", "<TAB>")
                .replace("\u007f", "<DEL>");
        SipPayload payload = SipParserTest.payload(bytes);
        SipMessage full = MessageScanner.scan(payload, new Problems()).orElseThrow();
        // one header or the SDP read back from the bytes alone (PlainReadBack), before anything scans it in full
        SipMessage fresh = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow();
        assertEquals(full.sdp(), fresh.sdp(), text);
        for (String name : NAMES) {
            assertEquals(full.header(name), fresh.header(name), name + " in " + text);
        }
        // the same questions from one read of the bytes
        MessageReadBack once = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow().readBack();
        for (String name : NAMES) {
            assertEquals(full.header(name), once.header(name), name + " in " + text);
        }
        assertEquals(full.sdp(), once.sdp(), text);
        // asked in other orders (its header lines are walked as far as each question needs): the same answers
        MessageReadBack viaFirst = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow().readBack();
        assertEquals(full.header("Via"), viaFirst.header("Via"), text);
        assertEquals(full.sdp(), viaFirst.sdp(), text);
        for (int i = NAMES.size() - 1; i >= 0; i--) {
            assertEquals(full.header(NAMES.get(i)), viaFirst.header(NAMES.get(i)), NAMES.get(i) + " in " + text);
        }
        MessageReadBack contactFirst = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow().readBack();
        assertEquals(full.header("Contact"), contactFirst.header("Contact"), text);
        assertEquals(full.header("Via"), contactFirst.header("Via"), text);
        assertEquals(full.header("Reason"), contactFirst.header("Reason"), text);
        assertEquals(full.sdp(), contactFirst.sdp(), text);
        SipMessage compact = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow();
        assertEquals(full.label(), compact.label(), text);
        assertEquals(full.method(), compact.method(), text);
        assertEquals(full.requestUri(), compact.requestUri(), text);
        assertEquals(full.status(), compact.status(), text);
        assertEquals(full.reason(), compact.reason(), text);
        assertEquals(full.callId(), compact.callId(), text);
        assertEquals(full.cseq(), compact.cseq(), text);
        assertEquals(full.cseqNumber(), compact.cseqNumber(), text);
        assertEquals(full.cseqMethod(), compact.cseqMethod(), text);
        assertEquals(full.topViaBranch(), compact.topViaBranch(), text);
        assertEquals(full.toTag(), compact.toTag(), text);
        assertEquals(full.toTag() != null, compact.hasToTag(), text);
        assertTrue(full.sameToTag(compact) && compact.sameToTag(full), text);
        for (String prefix : new String[] {"", "SCL_", "t", "tag"}) {
            assertEquals(full.toTag() != null && full.toTag().startsWith(prefix), compact.toTagStartsWith(prefix), text);
        }
        assertEquals(full.hasOtherKeptHeaders(), compact.hasOtherKeptHeaders(), text);
        if (!compact.hasOtherKeptHeaders()) {
            for (String name : List.of("RSeq", "X-CID", "X-Call-Sid", "X-Account-Sid", "P-Call-Id")) {
                assertNull(compact.header(name), name);
            }
        }
        assertEquals(full.hasSdp(), compact.hasSdp(), text);
        assertEquals(full.malformed(), compact.malformed(), text);
        assertEquals(full.malformedReason(), compact.malformedReason(), text);
        for (String name : NAMES) {
            assertEquals(full.header(name), compact.header(name), name);
            assertEquals(full.headers(name), compact.headers(name), name);
        }
        assertEquals(full.correlationHeaders(), compact.correlationHeaders(), text);
        // the capture read's path (no Optional, a Problems only for the full scan) says the same
        SipMessage read = new SipParser(SipParser.Depth.SCAN).parseOrNull(payload);
        assertEquals(full.label(), read.label(), text);
        assertEquals(full.malformed(), read.malformed(), text);
        assertEquals(full.malformedReason(), read.malformedReason(), text);
        assertEquals(full.headers(), read.headers(), text);
        assertEquals(full.headers(), compact.headers(), text);
        assertArrayEquals(full.body(), compact.body());
        assertEquals(full.sdp(), compact.sdp(), text);
        assertEquals(full.raw(), compact.raw(), text);
    }

    /** A parser reuses its scratch state (the kept headers) from message to message: nothing may carry over. */
    @Test
    void eachMessageOfOneParserKeepsOnlyItsOwnHeaders() {
        List<SipPayload> all = messages().map(SipParserTest::payload).toList();
        for (SipPayload before : all) {
            SipParser parser = new SipParser(SipParser.Depth.SCAN);
            for (SipPayload p : all) {
                parser.parseOrNull(before);
                SipMessage m = parser.parseOrNull(p);
                SipMessage alone = new SipParser(SipParser.Depth.SCAN).parseOrNull(p);
                String text = new String(p.data(), StandardCharsets.ISO_8859_1);
                assertEquals(alone.hasOtherKeptHeaders(), m.hasOtherKeptHeaders(), text);
                assertEquals(alone.correlationHeaders(), m.correlationHeaders(), text);
                for (String name : List.of("Call-ID", "CSeq", "From", "To", "User-Agent", "Server", "RSeq", "X-CID")) {
                    assertEquals(alone.header(name), m.header(name), name + " in " + text);
                }
            }
        }
    }

    @Test
    void toTagsAreComparedWithoutStringsWhereverTheyStandInTheValue() {
        String far = "x".repeat(40_000);
        SipMessage nearA = response("<sip:b@b>;tag=abc");
        SipMessage nearA2 = response("\"Bob\" <sip:bob@example.com;user=phone> ; TAG = abc;x=1");
        SipMessage nearB = response("<sip:b@b>;tag=abd");
        SipMessage farA = response("<sip:" + far + "@b>;tag=abc");
        SipMessage farB = response("<sip:" + far + "@b>;tag=abcd");
        SipMessage none = response("<sip:b@b>");
        SipMessage none2 = response("<sip:" + far + "@b>");
        assertEquals("abc", nearA2.toTag());
        assertEquals("abc", farA.toTag());
        assertEquals("abcd", farB.toTag());
        assertNull(none.toTag());
        assertTrue(nearA.sameToTag(nearA2) && nearA.sameToTag(farA) && farA.sameToTag(nearA2));
        assertTrue(none.sameToTag(none2) && none2.sameToTag(none));
        for (SipMessage[] pair : new SipMessage[][] {{nearA, nearB}, {nearA, farB}, {farA, farB}, {none, nearA},
            {none2, farA}, {nearB, farA}}) {
            assertTrue(!pair[0].sameToTag(pair[1]) && !pair[1].sameToTag(pair[0]),
                    pair[0].toTag() + " / " + pair[1].toTag());
        }
        assertTrue(farA.hasToTag() && !none2.hasToTag());
        assertTrue(farA.toTagStartsWith("ab") && nearA2.toTagStartsWith("abc") && !nearA.toTagStartsWith("abcd"));
        assertTrue(!none.toTagStartsWith("") && !farB.toTagStartsWith("abd"));
    }

    private static SipMessage response(String to) {
        String text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP a;branch=z9hG4bK-9\r\nFrom: <sip:a@a>;tag=f\r\nTo: " + to
                + "\r\nCall-ID: t-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        return new SipParser(SipParser.Depth.SCAN).parse(SipParserTest.payload(text)).orElseThrow();
    }

    @Test
    void plainMessagesAreReadInOnePassAndOthersFallBack() {
        List<String> all = messages().toList();
        assertNotNull(FastScan.summary(SipParserTest.payload(all.get(0)), 0, new ScanSession()));
        assertNotNull(FastScan.summary(SipParserTest.payload(all.get(2)), 0, new ScanSession()));
        assertNull(FastScan.summary(SipParserTest.payload(all.get(7)), 0, new ScanSession()), "folded header");
        assertNull(FastScan.summary(SipParserTest.payload(all.get(8)), 0, new ScanSession()), "non-ASCII");
        assertNull(FastScan.summary(SipParserTest.payload(all.get(9)), 0, new ScanSession()), "multipart");
    }

    @Test
    void branchAndTagFollowTheParameterSyntax() {
        assertEquals("z9hG4bK1", HeaderParameters.branchOf("SIP/2.0/UDP a;rport; branch = z9hG4bK1 ;x"));
        assertEquals("", HeaderParameters.branchOf("SIP/2.0/UDP a;branch=;x, SIP/2.0/UDP b;branch=z9hG4bK2"));
        assertEquals("", HeaderParameters.branchOf("SIP/2.0/UDP a;branches=1"));
        assertEquals("", HeaderParameters.branchOf(null));
        assertEquals("abc", HeaderParameters.tagOf("\"x;tag=no\" <sip:a@b;tag=inside>;tag=abc"));
        assertNull(HeaderParameters.tagOf("<sip:a@b;tag=inside>"));
        assertEquals("t", HeaderParameters.tagOf("sip:a@b;TAG=t"));
    }

    /** The prefix check of a tag says what the tag's text says, wherever and however the tag is written. */
    @Test
    void tagPrefixAgreesWithTheTag() {
        String[] pieces = {"<sip:a@b", ";tag=", ";TAG=", "SCL_", "SC", "\"x;tag=SCL_\" ", ">", ";x=1", " ", "abc", ";tag"};
        Random random = new Random(20261203);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(7); n > 0; n--) {
                value.append(pieces[random.nextInt(pieces.length)]);
            }
            String nameAddr = value.toString();
            String tag = HeaderParameters.tagOf(nameAddr);
            for (String prefix : new String[] {"SCL_", "", "a"}) {
                assertEquals(tag != null && tag.startsWith(prefix), SipMessage.tagStartsWith(nameAddr, prefix),
                        prefix + " in " + nameAddr);
            }
        }
        assertTrue(SipMessage.tagStartsWith("<sip:a@b>;tag=SCL_1", "SCL_"));
        assertTrue(!SipMessage.tagStartsWith(null, "SCL_"));
    }

    @Test
    void equalValuesOfDifferentMessagesAreShared() {
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        String text = messages().findFirst().orElseThrow();
        SipMessage a = parser.parse(SipParserTest.payload(text)).orElseThrow();
        SipMessage b = parser.parse(SipParserTest.payload(text)).orElseThrow();
        assertSame(a.header("From"), b.header("From"));
        assertSame(a.callId(), b.callId());
        // a short branch is packed into each message (no array to share), a long one is shared
        assertArrayEquals(a.keptBranch(), b.keptBranch());
        assertEquals("z9hG4bK-1", a.topViaBranch());
        assertTrue(a.sameBranch(b));
        assertTrue(a.header("From").startsWith("\"Caller\""));
    }
}
