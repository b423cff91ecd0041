package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.testkit.SipText;

class SipParserTest {

    private final SipParser parser = new SipParser();

    static SipPayload payload(String text) {
        return payload(text.getBytes(StandardCharsets.UTF_8));
    }

    static SipPayload payload(byte[] data) {
        return new SipPayload(7, 1_700_000_000_123_456L, new Endpoint("10.0.0.1", 5060),
                new Endpoint("10.0.0.2", 5060), Transport.UDP, data);
    }

    private SipMessage parse(String text) {
        return parser.parse(payload(text)).orElseThrow();
    }

    @Test
    void requestKeepsStartLineHeadersInOrderAndCaptureFacts() {
        SipMessage m = parse(SipText.request("OPTIONS", "sip:bob@example.com", "c-1", 5, ""));
        assertEquals("OPTIONS", m.method());
        assertEquals("sip:bob@example.com", m.requestUri());
        assertEquals(0, m.status());
        assertNull(m.reason());
        assertEquals(List.of("Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Content-Length"),
                m.headers().stream().map(SipHeader::name).toList());
        assertEquals("c-1", m.callId());
        assertEquals("5 OPTIONS", m.cseq());
        assertEquals(7, m.frame());
        assertEquals(1_700_000_000_123_456L, m.timestampMicros());
        assertFalse(m.malformed(), m.malformedReason());
        assertEquals(0, m.body().length);
        assertNull(m.sdp());
    }

    @Test
    void reasonPhraseIsExactlyAsSent() {
        assertEquals("Try again later", parse(SipText.response(503, "Try again later", "INVITE", "c", 1)).reason());
        assertEquals("Processing", parse(SipText.response(100, "Processing", "INVITE", "c", 1)).reason());
        assertEquals("Session  Progress ", parse(SipText.response(183, "Session  Progress ", "INVITE", "c", 1)).reason());
        SipMessage empty = parse(SipText.response(200, "", "INVITE", "c", 1));
        assertEquals("", empty.reason());
        assertEquals("200", empty.label());
        assertFalse(empty.malformed(), empty.malformedReason());
        SipMessage noSpace = parse(SipText.response(200, "", "INVITE", "c", 1).replace("SIP/2.0 200 \r\n", "SIP/2.0 200\r\n"));
        assertEquals(200, noSpace.status());
        assertEquals("", noSpace.reason());
    }

    @Test
    void compactFormsAreExpandedAndRawKept() {
        String text = "INVITE sip:1@x SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
                + "f: <sip:a@x>;tag=1\r\n"
                + "t: <sip:1@x>\r\n"
                + "i: abc@host\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "m: <sip:a@10.0.0.1>\r\n"
                + "k: timer\r\n"
                + "s: hello\r\n"
                + "e: gzip\r\n"
                + "o: refer\r\n"
                + "u: talk\r\n"
                + "r: <sip:c@x>\r\n"
                + "b: <sip:d@x>\r\n"
                + "x: 1800\r\n"
                + "call-id: second\r\n"
                + "X-Custom: kept\r\n"
                + "c: text/plain\r\n"
                + "l: 0\r\n\r\n";
        SipMessage m = parse(text);
        assertEquals(List.of("Via", "From", "To", "Call-ID", "CSeq", "Contact", "Supported", "Subject",
                        "Content-Encoding", "Event", "Allow-Events", "Refer-To", "Referred-By", "Session-Expires",
                        "Call-ID", "X-Custom", "Content-Type", "Content-Length"),
                m.headers().stream().map(SipHeader::name).toList());
        assertEquals("abc@host", m.callId());
        assertEquals("i: abc@host", m.headers().get(3).raw());
        assertEquals(List.of("abc@host", "second"), m.headers("Call-ID"));
        // the compact forms are fine; only the second Call-ID of another value is a problem
        assertTrue(m.malformedReason().startsWith("Call-ID headers of different values") && !m.malformedReason()
                .contains(";"), m.malformedReason());
    }

    @Test
    void foldedHeaderIsJoinedWithOneSpace() {
        String text = SipText.request("OPTIONS", "sip:b@x", "c", 1, "")
                .replace("Max-Forwards: 70\r\n", "Subject: first\r\n   second\r\nMax-Forwards: 70\r\n");
        SipMessage m = parse(text);
        assertEquals("first second", m.header("Subject"));
        assertEquals("Subject: first\r\n   second", m.headers().get(1).raw());
    }

    @Test
    void badCseqIsKeptAndFlaggedWithTheReason() {
        SipMessage m = parse(SipText.response(200, "OK", "INVITE", "c", 1).replace("CSeq: 1 INVITE", "CSeq: abc"));
        assertTrue(m.malformed());
        assertTrue(m.malformedReason().contains("CSeq"), m.malformedReason());
        assertEquals("c", m.callId());
        assertEquals("OK", m.reason());
    }

    @Test
    void aWarningWhoseAgentIsAnIpv6ReferenceIsWellFormedThoughJainSipRejectsIt() {
        String answer = SipText.response(488, "Not Acceptable Here", "INVITE", "c", 1);
        for (String warning : new String[] {"Warning: 399 [2001:db8:fc4c::12af] \"x\"",
                "Warning: 399 [2001:db8::1]:5060 \"Incompatible, media\", 370 10.0.0.1 \"y\""}) {
            SipMessage m = parse(answer.replace("Content-Length: 0", warning + "\r\nContent-Length: 0"));
            assertFalse(m.malformed(), warning + ": " + m.malformedReason());
        }
        // what the grammar does not allow stays flagged
        for (String warning : new String[] {"Warning: 399 [zz::1] \"x\"", "Warning: 39 example.com \"x\"",
                "Warning: 399 [2001:db8::1] x"}) {
            SipMessage m = parse(answer.replace("Content-Length: 0", warning + "\r\nContent-Length: 0"));
            assertTrue(m.malformed(), warning);
            assertTrue(m.malformedReason().contains("Warning"), m.malformedReason());
        }
    }

    @Test
    void headerOnlyJainSipRejectsIsFlaggedWhileTheRestIsFilledIn() {
        SipMessage m = parse(SipText.request("INVITE", "sip:1@x", "call-7", 3, "")
                .replace("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-call-7-3", "Via: garbage"));
        assertTrue(m.malformed());
        assertEquals("unparsable Via header \"Via: garbage\"", m.malformedReason());
        assertEquals("call-7", m.callId());
        assertEquals("3 INVITE", m.cseq());
        assertEquals("garbage", m.header("Via"));
    }

    @Test
    void scanDepthDefersTheHeaderSyntaxCheckToFullParse() {
        SipParser scanner = new SipParser(SipParser.Depth.SCAN);
        String text = SipText.request("INVITE", "sip:1@x", "call-7", 3, "")
                .replace("From: <sip:alice@example.com>;tag=a1", "From: <<<");
        SipMessage scanned = scanner.parse(payload(text)).orElseThrow();
        assertFalse(scanned.malformed());
        SipMessage full = scanner.fullParse(scanned);
        assertTrue(full.malformed());
        assertTrue(full.malformedReason().contains("From"), full.malformedReason());
        assertEquals(scanned.raw(), full.raw());
    }

    @Test
    void fullParseOfAnLfOnlyMessageKeepsItsBodyAfterTheFirstEmptyLine() {
        // LF line ends, and a CR LF CR LF inside the body: the headers end at the first empty line
        String body = "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 5072 RTP/AVP 0\n\r\n\r\n";
        String text = "INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKlf1\nFrom: <sip:x@y>;tag=1\n"
                + "To: <sip:a@b>\nCall-ID: lf-full\nCSeq: 1 INVITE\nMax-Forwards: 70\nContent-Type: application/sdp\n"
                + "Content-Length: " + body.length() + "\n\n" + body;
        SipParser scanner = new SipParser(SipParser.Depth.SCAN);
        SipMessage full = scanner.fullParse(scanner.parse(payload(text)).orElseThrow());
        assertNotNull(full.sdp(), full.malformedReason());
        assertFalse(full.malformedReason() != null && full.malformedReason().contains("without a name and colon"),
                full.malformedReason());
    }

    @Test
    void garbageIsKeptAsMalformedMessage() {
        SipMessage m = parse("HELLO WORLD\r\n\r\n");
        assertTrue(m.malformed());
        assertTrue(m.malformedReason().startsWith("not a SIP request or status line: \"HELLO WORLD\""),
                m.malformedReason());
        assertEquals("HELLO", m.label());
    }

    @Test
    void missingMandatoryHeadersAreFlagged() {
        SipMessage m = parse("INVITE sip:x@y SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n\r\n");
        assertTrue(m.malformed());
        assertEquals("no Via header; no From header; no To header", m.malformedReason());
    }

    @Test
    void crlfKeepAliveIsNotAMessage() {
        assertEquals(Optional.empty(), parser.parse(payload("\r\n\r\n")));
        assertEquals(Optional.empty(), parser.parse(payload("\r\n")));
        SipParser scan = new SipParser(SipParser.Depth.SCAN);
        assertNull(scan.parseOrNull(payload("\r\n\r\n")));
        assertNull(parser.parseOrNull(payload("\r\n")));
    }

    @Test
    void leadingKeepAliveBeforeAMessageIsSkipped() {
        SipMessage m = parse("\r\n\r\n" + SipText.response(180, "Ringing", "INVITE", "c", 1));
        assertEquals(180, m.status());
        assertTrue(m.raw().startsWith("SIP/2.0 180 Ringing\r\n"));
    }

    @Test
    void bodyIsCutAtContentLengthAndShortBodyIsFlagged() {
        String sdp = "v=0\r\n";
        String text = SipText.request("MESSAGE", "sip:b@x", "c", 1, sdp).replace("application/sdp", "text/plain");
        SipMessage m = parse(text + "trailing junk");
        assertArrayEquals(sdp.getBytes(StandardCharsets.US_ASCII), m.body());
        assertFalse(m.malformed(), m.malformedReason());
        SipMessage cut = parse(text.substring(0, text.length() - 2));
        assertTrue(cut.malformed());
        assertEquals("Content-Length 5 but only 3 body bytes were captured", cut.malformedReason());
        assertEquals("v=0", new String(cut.body(), StandardCharsets.US_ASCII));
    }

    @Test
    void sdpWithSessionAndMediaConnectionsCodecsAndDirection() {
        String sdp = "v=0\r\no=jambonz 1 2 IN IP4 172.20.11.236\r\ns=-\r\nc=IN IP4 172.20.11.236\r\nt=0 0\r\n"
                + "a=sendonly\r\n"
                + "m=audio 40000 RTP/AVP 0 8 18 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
                + "m=audio 40002 RTP/SAVP 9 111\r\nc=IN IP4 203.0.113.9/127\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=recvonly\r\n";
        SipMessage m = parse(SipText.request("INVITE", "sip:1@x", "c", 1, sdp));
        Sdp s = m.sdp();
        assertEquals("jambonz 1 2 IN IP4 172.20.11.236", s.origin());
        assertEquals("172.20.11.236", s.connection());
        assertEquals(2, s.media().size());
        SdpMedia first = s.media().get(0);
        assertEquals(new SdpMedia("audio", 40000, "RTP/AVP",
                List.of("0 PCMU/8000", "8 PCMA/8000", "18 G729/8000", "101 telephone-event/8000"), null, "sendonly"), first);
        SdpMedia second = s.media().get(1);
        assertEquals(List.of("9 G722/8000", "111 opus/48000/2"), second.codecs());
        assertEquals("203.0.113.9", second.connection());
        assertEquals("recvonly", second.direction());
    }

    @Test
    void sdpInsideMultipartBodyIsFound() {
        String body = "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 8\r\n"
                + "--b1\r\nContent-Type: application/isup\r\n\r\nxx\r\n--b1--\r\n";
        SipMessage m = parse(SipText.request("INVITE", "sip:1@x", "c", 1, body)
                .replaceFirst("Content-Type: application/sdp", "Content-Type: multipart/mixed;boundary=\"b1\""));
        assertEquals("1.2.3.4", m.sdp().connection());
        assertEquals(List.of("8 PCMA/8000"), m.sdp().media().get(0).codecs());
    }

    @Test
    void nonUtf8BytesSurviveAsLatin1() {
        byte[] text = SipText.request("MESSAGE", "sip:b@x", "c", 1, "").replace("Max-Forwards: 70", "Subject: caf\u00e9")
                .getBytes(StandardCharsets.ISO_8859_1);
        SipMessage m = parser.parse(payload(text)).orElseThrow();
        assertEquals("caf\u00e9", m.header("Subject"));
    }
}
