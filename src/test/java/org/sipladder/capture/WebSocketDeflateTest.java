package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.capture.CaptureReaderTest.T;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.Limits;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;
import org.sipladder.testkit.WebSockets;

/** SIP over WebSocket compressed with RFC 7692 permessage-deflate, as browsers offer it and servers agree. */
class WebSocketDeflateTest {

    static final String CLIENT = "10.0.0.1:51000";
    static final String SERVER = "10.0.0.2:8443";
    static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};
    static final String INVITE = SipText.invite("ws-z1");
    static final String TRYING = SipText.response(100, "Trying", "INVITE", "ws-z1", 1);
    static final String OK = SipText.response(200, "OK", "INVITE", "ws-z1", 1);
    static final String ACK = SipText.request("ACK", "sip:bob@10.0.0.2", "ws-z1", 1, "");

    @TempDir
    Path dir;

    /** Both directions of one connection, each with its own sequence numbers. */
    private final class Connection {
        final Captures capture = Captures.pcap();
        long clientSeq = 1;
        long serverSeq = 1;
        long time = T;

        Connection handshake(String extensions) {
            return send(true, WebSockets.upgradeRequest("sip.example.com"))
                    .send(false, WebSockets.upgradeResponse(extensions));
        }

        Connection send(boolean fromClient, byte[] bytes) {
            capture.tcp(time++, fromClient ? CLIENT : SERVER, fromClient ? SERVER : CLIENT,
                    fromClient ? clientSeq : serverSeq, Segments.PSH | Segments.ACK, bytes);
            if (fromClient) {
                clientSeq += bytes.length;
            } else {
                serverSeq += bytes.length;
            }
            return this;
        }

        /** One compressed message in one frame, masked as a client's must be. */
        Connection message(boolean fromClient, Deflater deflater, String text) {
            return send(fromClient, WebSockets.compressed(WebSockets.text(
                    WebSockets.deflate(deflater, Bytes.ascii(text)), fromClient ? MASK : null)));
        }

        RecordingListener read() throws Exception {
            return RecordingListener.read(capture.write(dir.resolve("ws.pcap")));
        }
    }

    private static Deflater deflater() {
        return new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    }

    @Test
    void compressedMessagesOfBothSidesWithoutContextTakeoverAreInflated() throws Exception {
        Deflater client = deflater();
        Deflater server = deflater();
        Connection c = new Connection()
                .handshake("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        c.message(true, client, INVITE);
        client.reset();
        server.reset();
        c.message(false, server, TRYING);
        server.reset();
        c.message(false, server, OK);
        // a compressed message in two frames, RSV1 on the first only, a ping between them
        client.reset();
        byte[] data = WebSockets.deflate(client, Bytes.ascii(ACK));
        byte[] first = WebSockets.compressed(WebSockets.frame(false, WebSockets.TEXT, MASK, Bytes.slice(data, 0, 20)));
        byte[] ping = WebSockets.frame(true, WebSockets.PING, MASK, new byte[2]);
        byte[] rest = WebSockets.frame(true, WebSockets.CONTINUATION, MASK, Bytes.slice(data, 20, data.length));
        c.send(true, Bytes.concat(first, ping, rest));
        RecordingListener r = c.read();
        assertEquals(List.of(INVITE, TRYING, OK, ACK), r.texts());
        assertEquals(Transport.WS, r.payloads.get(0).transport());
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void contextTakeoverKeepsEachDirectionsWindowFromMessageToMessage() throws Exception {
        // the second INVITE and 200 OK are mostly references into the first ones
        String second = SipText.invite("ws-z2");
        String secondOk = SipText.response(200, "OK", "INVITE", "ws-z2", 1);
        Deflater client = deflater();
        Deflater server = deflater();
        RecordingListener r = new Connection().handshake("permessage-deflate; client_max_window_bits=15")
                .message(true, client, INVITE).message(false, server, OK)
                .message(true, client, second).message(false, server, secondOk).read();
        assertEquals(List.of(INVITE, OK, second, secondOk), r.texts());
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void theClientsDirectionFollowsWhatTheServersAnswerAgreed() throws Exception {
        // the answer says the client starts each message afresh: a client that does not is read as agreed, so its
        // second message, which refers to the first, does not inflate; the server's, which may refer, does
        Deflater client = deflater();
        Deflater server = deflater();
        String second = SipText.invite("ws-z2");
        String secondOk = SipText.response(200, "OK", "INVITE", "ws-z2", 1);
        RecordingListener r = new Connection().handshake("permessage-deflate; client_no_context_takeover")
                .message(true, client, INVITE).message(false, server, OK)
                .message(true, client, second).message(false, server, secondOk).read();
        assertEquals(List.of(INVITE, OK, secondOk), r.texts());
        assertEquals(1, r.warnings.size(), r.warnings.toString());
        assertTrue(r.warnings.get(0).startsWith("frame 5: WebSocket stream 10.0.0.1:51000 > 10.0.0.2:8443: a "
                + "compressed message (permessage-deflate, RFC 7692) does not inflate;"), r.warnings.get(0));
    }

    @Test
    void compressionTheAnswerDidNotAgreeIsNotUndone() throws Exception {
        Deflater client = deflater();
        RecordingListener r = new Connection().handshake("x-webkit-deflate-frame").message(true, client, INVITE)
                .send(true, WebSockets.text(Bytes.ascii(ACK), MASK)).read();
        assertEquals(List.of(ACK), r.texts());
    }

    @Test
    void dataThatDoesNotInflateIsWarnedOfOnceAndTheMessagesAfterItAreRead() throws Exception {
        Deflater client = deflater();
        Deflater server = deflater();
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05};
        RecordingListener r = new Connection()
                .handshake("permessage-deflate; server_no_context_takeover; client_no_context_takeover")
                .send(true, WebSockets.compressed(WebSockets.text(garbage, MASK)))
                .send(false, WebSockets.compressed(WebSockets.text(garbage, null)))
                .message(true, client, INVITE).message(false, server, OK).read();
        assertEquals(List.of(INVITE, OK), r.texts());
        assertEquals(1, r.warnings.size(), "once for the connection: " + r.warnings);
        assertTrue(r.warnings.get(0).contains("does not inflate"), r.warnings.get(0));
    }

    @Test
    void aMessageInflatingBeyondTheBoundIsKeptCutAndNoted() throws Exception {
        // a few KB of compressed data that inflate past the bound on one message: a decompression bomb
        String huge = SipText.request("MESSAGE", "sip:bob@10.0.0.2", "ws-big", 1,
                "a".repeat(Limits.FRAMED_MESSAGE_BYTES + 1000));
        Deflater client = deflater();
        Connection c = new Connection().handshake("permessage-deflate").message(true, client, huge);
        client.reset(); // what the reader had of the window is gone with the cut: the next message starts afresh
        RecordingListener r = c.message(true, client, ACK).read();
        SipPayload big = r.payloads.get(0);
        assertEquals(WebSocketDecoder.TOO_LARGE, big.note());
        assertEquals(Limits.FRAMED_MESSAGE_BYTES, big.length());
        assertTrue(r.texts().get(0).startsWith("MESSAGE sip:bob@10.0.0.2 SIP/2.0\r\n"));
        assertEquals(ACK, r.texts().get(1));
        assertEquals(null, r.payloads.get(1).note());
    }

    @Test
    void compressedMessagesOfAStreamJoinedAfterItsHandshakeAreFound() throws Exception {
        Deflater client = deflater();
        Deflater server = deflater();
        Connection c = new Connection();
        c.clientSeq = 5000;
        c.serverSeq = 9000;
        RecordingListener r = c.message(true, client, INVITE).message(false, server, OK).message(true, client, ACK)
                .read();
        assertEquals(List.of(INVITE, OK, ACK), r.texts());
        assertEquals(Transport.WS, r.payloads.get(1).transport());
    }

    @Test
    void aJoinedStreamWhoseMessagesReferToOnesBeforeTheCaptureIsSaidSo() throws Exception {
        // context takeover, and the first message compressed before the capture began: the later ones refer to it,
        // so none inflates alone; a run of well-formed frames still tells WebSocket, and a warning says why no SIP
        Deflater client = deflater();
        WebSockets.deflate(client, Bytes.ascii(INVITE));
        Connection c = new Connection();
        for (int i = 0; i < 20; i++) {
            c.message(true, client, SipText.request("OPTIONS", "sip:bob@10.0.0.2", "ws-o" + i, 1, ""));
        }
        RecordingListener r = c.read();
        assertEquals(List.of(), r.texts());
        assertEquals(1, r.warnings.size(), r.warnings.toString());
        assertTrue(r.warnings.get(0).contains("does not inflate (it may refer to earlier messages that were not "
                + "captured)"), r.warnings.get(0));
    }

    @Test
    void anAckOrByeOverPlainTcpIsNotTakenForACompressedFrame() throws Exception {
        // 'A' and 'B' are also the first byte of a text frame with RSV1 set
        String bye = SipText.request("BYE", "sip:bob@10.0.0.2", "tcp-b", 2, "");
        Captures c = Captures.pcap().tcp(T, "10.0.0.1:40000", "10.0.0.2:5060", 100, ACK)
                .tcp(T + 1, "10.0.0.3:40000", "10.0.0.2:5060", 100, bye);
        RecordingListener r = RecordingListener.read(c.write(dir.resolve("plain.pcap")));
        assertEquals(List.of(ACK, bye), r.texts());
        assertEquals(Transport.TCP, r.payloads.get(0).transport());
    }
}
