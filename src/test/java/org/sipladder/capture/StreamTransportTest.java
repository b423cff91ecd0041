package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.capture.CaptureReaderTest.T;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;
import org.sipladder.testkit.WebSockets;

/** TCP reassembly and what rides on it: SIP framing, WebSocket, TLS. */
class StreamTransportTest {

    static final String A = "10.0.0.1:40000";
    static final String B = "10.0.0.2:5060";
    static final String INVITE = SipText.invite("tcp-1");
    static final String TRYING = SipText.response(100, "Trying", "INVITE", "tcp-1", 1);
    static final String RINGING = SipText.response(180, "Ringing", "INVITE", "tcp-1", 1);
    static final String OK = SipText.response(200, "OK", "INVITE", "tcp-1", 1);

    @TempDir
    Path dir;

    private RecordingListener read(Captures c) throws Exception {
        return RecordingListener.read(c.write(dir.resolve("s.pcap")));
    }

    @Test
    void twoMessagesInOneSegment() throws Exception {
        RecordingListener r = read(Captures.pcap().tcp(T, B, A, 1000, TRYING + RINGING));
        assertEquals(List.of(TRYING, RINGING), r.texts());
        assertEquals(Transport.TCP, r.payloads.get(0).transport());
    }

    @Test
    void oneMessageInFiveSegmentsGetsTheLastFrame() throws Exception {
        Captures c = Captures.pcap().tcp(T, A, B, 0, Segments.SYN, new byte[0]);
        int step = INVITE.length() / 5 + 1;
        long seq = 1;
        for (int i = 0; i < INVITE.length(); i += step) {
            String piece = INVITE.substring(i, Math.min(INVITE.length(), i + step));
            c.tcp(T + i, A, B, seq, piece);
            seq += piece.length();
        }
        RecordingListener r = read(c);
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(List.of(6L), r.frames());
        assertEquals(T + 4 * step, r.payloads.get(0).timestampMicros());
    }

    @Test
    void outOfOrderRetransmittedAndOverlappingSegments() throws Exception {
        String stream = INVITE + OK;
        int cut1 = 100;
        int cut2 = INVITE.length() + 20;
        Captures c = Captures.pcap()
                .tcp(T, A, B, 5000, stream.substring(0, cut1))                          // 1
                .tcp(T, A, B, 5000 + cut2, stream.substring(cut2))                      // 2: early
                .tcp(T, A, B, 5000, stream.substring(0, cut1))                          // 3: retransmission
                .tcp(T, A, B, 5000 + cut1 - 10, stream.substring(cut1 - 10, cut2 + 5)); // 4: overlaps both sides
        RecordingListener r = read(c);
        assertEquals(List.of(INVITE, OK), r.texts());
        assertEquals(List.of(4L, 4L), r.frames());
    }

    @Test
    void sequenceNumbersWrapAround() throws Exception {
        long seq = 0xffffffffL - 50;
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, seq, INVITE.substring(0, 120))
                .tcp(T, A, B, (seq + 120) & 0xffffffffL, INVITE.substring(120)));
        assertEquals(List.of(INVITE), r.texts());
    }

    /**
     * tshark 4.0 hands TCP port 6060 to its X11 dissector before any SIP heuristic runs, so it reports none of
     * the 406 messages of heplify's sip_ipv4_tcp_fragmented.pcap (all of them with {@code -d tcp.port==6060,sip}).
     * SIP is recognised by content here, so the port does not matter.
     */
    @Test
    void sipOnAPortTsharkGivesToX11() throws Exception {
        String server = "10.186.205.131:6060";
        String client = "10.186.207.1:37398";
        RecordingListener r = read(Captures.pcap().tcp(T, client, server, 1, INVITE.substring(0, 200))
                .tcp(T, client, server, 201, INVITE.substring(200)).tcp(T, server, client, 1, TRYING));
        assertEquals(List.of(INVITE, TRYING), r.texts());
        assertEquals(List.of(2L, 3L), r.frames());
    }

    @Test
    void compactContentLengthAndKeepAlives() throws Exception {
        String body = "v=0\r\n";
        String compact = "MESSAGE sip:bob@b SIP/2.0\r\ni: c1\r\nl: " + body.length() + "\r\n\r\n" + body;
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 1, "\r\n\r\n" + compact + "\r\n" + TRYING)
                .tcp(T, A, B, 1 + 4 + compact.length() + 2 + TRYING.length(), "\r\n\r\n"));
        assertEquals(List.of(compact, TRYING), r.texts());
    }

    @Test
    void aContentLengthFoldedOntoTheNextLineFramesTheBody() throws Exception {
        String body = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n";
        String folded = SipText.request("INVITE", "sip:bob@10.0.0.2", "tcp-f", 1, body)
                .replace("Content-Length: " + body.length(), "Content-Length:\r\n " + body.length());
        assertTrue(folded.contains("Content-Length:\r\n "), folded);
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 1, folded + TRYING));
        assertEquals(List.of(folded, TRYING), r.texts());
    }

    @Test
    void captureStartingMidStreamResynchronisesAtTheNextSegment() throws Exception {
        // as tshark reads it: a segment that starts inside a message is a continuation to its end
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 77, INVITE.substring(60) + OK)
                .tcp(T, A, B, 77 + INVITE.length() - 60 + OK.length(), OK));
        assertEquals(List.of(OK), r.texts());
        assertEquals(List.of(2L), r.frames());
    }

    @Test
    void lostSegmentIsSkippedAtEndOfFileWithWarning() throws Exception {
        String second = SipText.response(180, "Ringing", "INVITE", "tcp-1", 1);
        RecordingListener r = read(Captures.pcap()
                .tcp(T, A, B, 1, INVITE.substring(0, 50))
                .tcp(T, A, B, 1 + INVITE.length(), second));
        // the INVITE's first 50 bytes are kept, cut short, for the SIP layer to list and flag
        assertEquals(List.of(INVITE.substring(0, 50), second), r.texts());
        assertEquals(List.of(2L), r.frames().subList(1, 2), "delivered in the frame that carried it");
        assertEquals(List.of("frame 2: TCP stream 10.0.0.1:40000 > 10.0.0.2:5060 misses "
                + (INVITE.length() - 50) + " bytes; continuing after the gap"), r.warnings);
    }

    @Test
    void gapsInTcpStreamsThatNeverCarrySipAreNotWarnedOf() throws Exception {
        // as in PcapPlusPlus's pcapng-example.pcapng: X11 and HTTP streams with lost segments, beside a SIP stream
        byte[] x11 = new byte[40];
        x11[0] = 'l';
        x11[2] = 11;
        String http = "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(100);
        RecordingListener r = read(Captures.pcap()
                .tcp(T, "10.0.0.3:45000", "10.0.0.4:6000", 1, Segments.ACK, x11)
                .tcp(T + 1, "10.0.0.3:45000", "10.0.0.4:6000", 1 + 40 + 500, Segments.ACK, x11)
                .tcp(T + 2, "10.0.0.4:80", "10.0.0.3:45001", 1, http)
                .tcp(T + 3, "10.0.0.4:80", "10.0.0.3:45001", 1 + http.length() + 1000, "x".repeat(100))
                .tcp(T + 4, A, B, 1, INVITE.substring(0, 50))
                .tcp(T + 5, A, B, 1 + INVITE.length(), OK));
        assertEquals(List.of(INVITE.substring(0, 50), OK), r.texts());
        assertEquals(List.of("frame 6: TCP stream 10.0.0.1:40000 > 10.0.0.2:5060 misses "
                + (INVITE.length() - 50) + " bytes; continuing after the gap"), r.summary.allWarnings());
    }

    @Test
    void gapsBeforeAStreamShowsSipAreWarnedOfOnceItDoes() throws Exception {
        // joined inside a message: two gaps pass before the first start line, then one line tells of both
        RecordingListener r = read(Captures.pcap()
                .tcp(T, A, B, 1, INVITE.substring(60, 110))
                .tcp(T + 1, A, B, 1 + 50 + 100, INVITE.substring(210, 260))
                .tcp(T + 2, A, B, 1 + 50 + 100 + 50 + 30, OK));
        assertEquals(List.of(OK), r.texts());
        assertEquals(List.of("frame 2: TCP stream 10.0.0.1:40000 > 10.0.0.2:5060 misses 130 bytes in 2 gaps;"
                + " continuing after each"), r.warnings);
    }

    @Test
    void messageCutByEndOfStreamIsReportedAndKept() throws Exception {
        // of the segment that carried its last byte, as tshark numbers a reassembled message, not of the FIN's
        String cut = INVITE.substring(0, INVITE.length() - 10);
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 1, cut)
                .tcp(T + 5, A, B, 1 + INVITE.length() - 10, Segments.FIN | Segments.ACK, new byte[0]));
        assertEquals(List.of(cut), r.texts());
        assertEquals(List.of(1L), r.frames());
        assertEquals(T, r.payloads.get(0).timestampMicros());
        assertEquals(1, r.warnings.size());
        assertTrue(r.warnings.get(0).startsWith("frame 1: TCP stream 10.0.0.1:40000 > 10.0.0.2:5060 ends inside"),
                r.warnings.get(0));
        assertTrue(r.warnings.get(0).endsWith("kept as a message cut short)"), r.warnings.get(0));
    }

    @Test
    void messageCutByTheEndOfTheCaptureIsOfItsLastSegment() throws Exception {
        // nothing more ever comes on the connection; the capture goes on for ten seconds with other traffic
        String cut = INVITE.substring(0, 150);
        Captures c = Captures.pcap().tcp(T, A, B, 1, Segments.SYN, new byte[0])
                .tcp(T + 1_000, A, B, 2, INVITE.substring(0, 100))
                .tcp(T + 2_000, A, B, 102, INVITE.substring(100, 150));
        for (int i = 1; i <= 10; i++) {
            c.udp(T + i * 1_000_000L, "10.0.0.7:5060", "10.0.0.8:5060",
                    SipText.request("OPTIONS", "sip:x@10.0.0.8", "udp-" + i, 1, ""));
        }
        RecordingListener r = read(c);
        SipPayload last = r.payloads.get(r.payloads.size() - 1);
        assertEquals(cut, new String(last.data(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(3L, last.frame());
        assertEquals(T + 2_000, last.timestampMicros());
        assertTrue(r.warnings.get(0).startsWith("frame 3: TCP stream 10.0.0.1:40000 > 10.0.0.2:5060 ends inside"),
                r.warnings.toString());
    }

    @Test
    void aResetFromTheReceiverEndsTheSendersDirectionToo() throws Exception {
        // RFC 9293 3.10.7.4: a reset aborts the connection in both directions, whichever side sends it
        String cut = INVITE.substring(0, 150);
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 1000, Segments.SYN, new byte[0])
                .tcp(T + 1, B, A, 5000, Segments.SYN | Segments.ACK, new byte[0])
                .tcp(T + 2, A, B, 1001, cut)
                .tcp(T + 3, B, A, 5001, Segments.RST | Segments.ACK, new byte[0])
                .udp(T + 4, "10.0.0.7:5060", "10.0.0.8:5060",
                        SipText.request("OPTIONS", "sip:x@10.0.0.8", "u", 1, "")));
        assertEquals(List.of(3L, 5L), r.frames(), "the cut INVITE when the reset comes, before later messages");
        assertEquals(cut, r.texts().get(0));
        assertEquals(T + 2, r.payloads.get(0).timestampMicros());
    }

    @Test
    void aResetOutOfSequenceEndsNothing() throws Exception {
        String cut = INVITE.substring(0, 150);
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 1000, Segments.SYN, new byte[0])
                .tcp(T + 1, B, A, 5000, Segments.SYN | Segments.ACK, new byte[0])
                .tcp(T + 2, A, B, 1001, cut)
                .tcp(T + 3, B, A, 7777, Segments.RST | Segments.ACK, new byte[0])
                .tcp(T + 4, A, B, 1151, INVITE.substring(150)));
        assertEquals(List.of(INVITE), r.texts());
    }

    @Test
    void aGapInsideAMessageKeepsItsHeadAndTheMessagesAfterTheGap() throws Exception {
        // segments of 90 bytes, the fourth lost: the first INVITE is cut, the second starts inside a later segment
        String second = SipText.invite("tcp-2");
        String both = INVITE + second;
        Captures c = Captures.pcap();
        for (int at = 0, k = 0; at < both.length(); at += 90, k++) {
            if (k != 3) {
                c.tcp(T + k, A, B, 1 + at, both.substring(at, Math.min(both.length(), at + 90)));
            }
        }
        RecordingListener r = read(c);
        assertEquals(List.of(INVITE.substring(0, 270), second), r.texts());
        assertEquals(1, r.warnings.size(), r.warnings.toString());
    }

    @Test
    void messagesHeldAtAGapAreListedInFrameOrderWithTheirOwnFrames() throws Exception {
        // the fourth 90-byte segment lost: the stream's later segments wait for it until the end of the file, while
        // a UDP message (frame 9) and the answer on the other direction (frame 10) come after the second INVITE's
        String second = SipText.invite("tcp-2");
        String both = INVITE + second;
        Captures c = Captures.pcap();
        int frames = 0;
        for (int at = 0, k = 0; at < both.length(); at += 90, k++) {
            if (k != 3) {
                c.tcp(T + k, A, B, 1 + at, both.substring(at, Math.min(both.length(), at + 90)));
                frames++;
            }
        }
        c.udp(T + 20, "10.0.0.7:5060", "10.0.0.8:5060", SipText.request("OPTIONS", "sip:x@10.0.0.8", "udp-1", 1, ""));
        c.tcp(T + 21, B, A, 1, SipText.response(100, "Trying", "INVITE", "tcp-2", 1));
        RecordingListener r = read(c);
        assertEquals(List.of(4L, (long) frames, frames + 1L, frames + 2L), r.frames(),
                "the cut INVITE when its gap shows, the second by the segment that ends it, then the later frames");
        assertEquals(second, r.texts().get(1));
        // the same read lending payloads from reused blocks, as the bulk read does: those that waited kept their bytes
        List<String> lent = new java.util.ArrayList<>();
        new CaptureReader().read(dir.resolve("s.pcap"), new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                lent.add(p.frame() + " " + new String(p.data(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }

            @Override
            public boolean borrowsPayloads() {
                return true;
            }
        });
        List<String> owned = new java.util.ArrayList<>();
        for (int i = 0; i < r.payloads.size(); i++) {
            owned.add(r.frames().get(i) + " " + r.texts().get(i));
        }
        assertEquals(owned, lent);
    }

    @Test
    void retransmissionAfterFinIsNotANewMessage() throws Exception {
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 1, INVITE)
                .tcp(T, A, B, 1 + INVITE.length(), Segments.FIN | Segments.ACK, new byte[0])
                .tcp(T, A, B, 1, INVITE));
        assertEquals(List.of(1L), r.frames());
    }

    @Test
    void webSocketMaskedFramesAfterUpgradeOnAnyPort() throws Exception {
        String client = "10.0.0.1:51000";
        String server = "10.0.0.2:8443";
        byte[] req = WebSockets.upgradeRequest("sip.example.com");
        byte[] res = WebSockets.upgradeResponse();
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] invite = WebSockets.text(Bytes.ascii(INVITE), mask);
        byte[] first = WebSockets.frame(false, WebSockets.TEXT, mask, Bytes.ascii(OK.substring(0, 30)));
        byte[] ping = WebSockets.frame(true, WebSockets.PING, mask, new byte[2]);
        byte[] rest = WebSockets.frame(true, WebSockets.CONTINUATION, mask, Bytes.ascii(OK.substring(30)));
        byte[] trying = WebSockets.text(Bytes.ascii(TRYING), null);
        long cseq = 1 + req.length + invite.length;
        RecordingListener r = read(Captures.pcap()
                .tcp(T, client, server, 1, Segments.PSH | Segments.ACK, req)
                .tcp(T, server, client, 1, Segments.PSH | Segments.ACK, res)
                .tcp(T, client, server, 1 + req.length, Segments.PSH | Segments.ACK, invite)
                .tcp(T, server, client, 1 + res.length, Segments.PSH | Segments.ACK, trying)
                .tcp(T, client, server, cseq, Segments.PSH | Segments.ACK, Bytes.concat(first, ping, rest)));
        assertEquals(List.of(INVITE, TRYING, OK), r.texts());
        assertEquals(Transport.WS, r.payloads.get(0).transport());
        assertEquals(new Endpoint("10.0.0.2", 8443), r.payloads.get(0).dst());
    }

    @Test
    void aGapInSipOverWebSocketIsWarnedOf() throws Exception {
        byte[] req = WebSockets.upgradeRequest("h");
        byte[] mask = {1, 2, 3, 4};
        byte[] invite = WebSockets.text(Bytes.ascii(INVITE), mask);
        byte[] lost = WebSockets.text(Bytes.ascii(SipText.invite("tcp-2")), mask);
        byte[] third = WebSockets.text(Bytes.ascii(SipText.invite("tcp-3")), mask);
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 1, Segments.PSH | Segments.ACK, req)
                .tcp(T + 1, A, B, 1 + req.length, Segments.PSH | Segments.ACK, invite)
                .tcp(T + 2, A, B, 1 + req.length + invite.length + lost.length, Segments.PSH | Segments.ACK, third));
        assertEquals(List.of(INVITE, SipText.invite("tcp-3")), r.texts());
        assertEquals(List.of("frame 3: TCP stream 10.0.0.1:40000 > 10.0.0.2:5060 misses " + lost.length
                + " bytes; continuing after the gap"), r.warnings);
    }

    @Test
    void aGapInAHepFeedOverTcpIsWarnedOf() throws Exception {
        Endpoint src = new Endpoint("172.16.0.5", 5060);
        Endpoint dst = new Endpoint("172.16.0.6", 5060);
        byte[] first = Hep.v3(src, dst, 17, T, Bytes.ascii(INVITE));
        byte[] lost = Hep.v3(src, dst, 17, T + 1, Bytes.ascii(TRYING));
        byte[] third = Hep.v3(dst, src, 17, T + 2, Bytes.ascii(OK));
        String agent = "10.0.0.9:40000";
        String collector = "10.0.0.10:9060";
        RecordingListener r = read(Captures.pcap().tcp(T, agent, collector, 1, Segments.PSH | Segments.ACK, first)
                .tcp(T + 2, agent, collector, 1 + first.length + lost.length, Segments.PSH | Segments.ACK, third));
        assertEquals(List.of(INVITE, OK), r.texts());
        assertEquals(List.of("frame 2: TCP stream 10.0.0.9:40000 > 10.0.0.10:9060 misses " + lost.length
                + " bytes; continuing after the gap"), r.warnings);
    }

    @Test
    void webSocketMessageSplitOverSegments() throws Exception {
        byte[] req = WebSockets.upgradeRequest("h");
        byte[] frame = WebSockets.text(Bytes.ascii(INVITE), new byte[] {1, 2, 3, 4});
        RecordingListener r = read(Captures.pcap().tcp(T, A, B, 1, Segments.PSH | Segments.ACK, req)
                .tcp(T, A, B, 1 + req.length, Segments.PSH | Segments.ACK, Bytes.slice(frame, 0, 3))
                .tcp(T, A, B, 1 + req.length + 3, Segments.PSH | Segments.ACK, Bytes.slice(frame, 3, frame.length)));
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(List.of(3L), r.frames());
    }

    @Test
    void webSocketCapturedAfterTheUpgrade() throws Exception {
        byte[] masked = WebSockets.text(Bytes.ascii(INVITE), new byte[] {9, 8, 7, 6});
        byte[] plain = WebSockets.text(Bytes.ascii(TRYING), null);
        byte[] notSip = WebSockets.text(Bytes.ascii("{\"hello\": \"json over websocket\"}"), null);
        RecordingListener r = read(Captures.pcap()
                .tcp(T, A, B, 100, Segments.PSH | Segments.ACK, masked)
                .tcp(T, B, A, 900, Segments.PSH | Segments.ACK, plain)
                .tcp(T, "10.0.0.3:1", "10.0.0.4:2", 5, Segments.PSH | Segments.ACK, notSip));
        assertEquals(List.of(INVITE, TRYING), r.texts());
        assertEquals(Transport.WS, r.payloads.get(1).transport());
    }

    @Test
    void webSocketCapturedAfterTheUpgradeStartingWithControlFrames() throws Exception {
        // keep-alives come at any time (RFC 6455 5.5): each direction's first frames are a ping, a pong, a close
        byte[] mask = {9, 8, 7, 6};
        byte[] ping = WebSockets.frame(true, WebSockets.PING, mask, Bytes.ascii("ping"));
        byte[] pong = WebSockets.frame(true, WebSockets.PONG, null, Bytes.ascii("ping"));
        byte[] close = WebSockets.frame(true, WebSockets.CLOSE, null, new byte[] {3, (byte) 0xe8});
        byte[] invite = WebSockets.text(Bytes.ascii(INVITE), mask);
        byte[] trying = WebSockets.text(Bytes.ascii(TRYING), null);
        RecordingListener r = read(Captures.pcap()
                .tcp(T, A, B, 100, Segments.PSH | Segments.ACK, ping)
                .tcp(T + 1, B, A, 900, Segments.PSH | Segments.ACK, Bytes.concat(pong, close))
                .tcp(T + 2, A, B, 100 + ping.length, Segments.PSH | Segments.ACK, invite)
                .tcp(T + 3, B, A, 900 + pong.length + close.length, Segments.PSH | Segments.ACK, trying));
        assertEquals(List.of(INVITE, TRYING), r.texts());
        assertEquals(Transport.WS, r.payloads.get(0).transport());
        assertEquals(List.of(3L, 4L), r.frames());
    }

    @Test
    void tlsIsCountedNeverDecoded() throws Exception {
        byte[] clientHello = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0};
        byte[] appData = Bytes.concat(new byte[] {0x17, 0x03, 0x03, 0x00, (byte) INVITE.length()},
                Bytes.ascii(INVITE).clone());
        RecordingListener r = read(Captures.pcap().tcp(T, A, "10.0.0.2:5061", 1, Segments.PSH | Segments.ACK,
                clientHello).tcp(T, A, "10.0.0.2:5061", 1 + clientHello.length, Segments.PSH | Segments.ACK, appData));
        assertEquals(List.of(), r.payloads, "even readable text inside TLS records is not taken for SIP");
        assertEquals(2, r.summary.tlsPackets());
        assertTrue(r.summary.allWarnings().contains("2 TLS packets on port 5061 could not be decrypted; SIP over TLS is"
                + " not shown"), r.summary.allWarnings().toString());
    }

    @Test
    void tlsOffTheSipsPortIsNotCalledSipOverTls() throws Exception {
        // a desktop capture: the softphone's SIP over UDP beside the browser's HTTPS and mail's IMAPS (peafowl's
        // whatsapp_login_call.pcap): the warnings name the ports and do not say SIP went over TLS there
        byte[] clientHello = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 1, 0};
        RecordingListener r = read(Captures.pcap()
                .tcp(T, A, "10.0.0.2:443", 1, Segments.PSH | Segments.ACK, clientHello)
                .tcp(T, "10.0.0.2:993", "10.0.0.1:49199", 1, Segments.PSH | Segments.ACK, clientHello));
        List<String> warnings = r.summary.allWarnings();
        assertEquals(List.of(443, 993), r.summary.tlsPorts());
        assertTrue(warnings.contains("2 TLS packets on ports 443, 993 could not be decrypted (none on 5061, the SIP over"
                + " TLS port; SIP in them, if any, is not shown)"), warnings.toString());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("SIP over TLS, as on port 5061, is encrypted")),
                warnings.toString());
    }
}
