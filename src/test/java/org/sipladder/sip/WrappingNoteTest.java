package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.Limits;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;
import org.sipladder.testkit.WebSockets;

/**
 * A message whose wrapping said SIP but held none, or would not inflate, or inflated past the bound, is listed as
 * malformed with the reason.
 */
class WrappingNoteTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final Endpoint SRC = new Endpoint("172.16.0.5", 5060);
    private static final Endpoint DST = new Endpoint("172.16.0.6", 5080);

    @TempDir
    Path dir;

    @Test
    void hepTypedSipHoldingNoSipAndAPayloadThatWillNotInflateAreMalformedWithTheReasonFirst()
            throws CaptureException {
        byte[] notSip = "HELLO world\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] notZip = {(byte) 0xff, 1, 2, 3, 4, 5};
        byte[] invite = SipText.invite("wrap-1").getBytes(StandardCharsets.US_ASCII);
        List<SipMessage> read = ControlBytesTest.read(Captures.pcap()
                .udp(T, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3(SRC, DST, 17, T, Hep.SIP, notSip))
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060",
                        Hep.v3Compressed(SRC, DST, 17, T, new Hep.Compressed(notZip)))
                .udp(T + 2, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3Compressed(SRC, DST, 17, T, Hep.gzip(invite)))
                .write(dir.resolve("w.pcap")));
        assertEquals(3, read.size());
        SipMessage notSipMessage = read.get(0);
        assertTrue(notSipMessage.malformed());
        assertTrue(notSipMessage.malformedReason().startsWith("the HEP packet's protocol type (chunk 0x000b) says "
                + "SIP, but its payload starts with no SIP request or status line: kept as it came"),
                notSipMessage.malformedReason());
        assertEquals(Transport.HEP, notSipMessage.transport());
        assertTrue(read.get(1).malformedReason().startsWith("the HEP packet's compressed payload (chunk 0x0010) is "
                + "neither gzip, zlib nor deflate data: kept as it came, compressed"), read.get(1).malformedReason());
        assertEquals("INVITE", read.get(2).method());
        assertTrue(!read.get(2).malformed(), read.get(2).malformedReason());
        // the inspector's full parse keeps the reason, which is not in the message's bytes
        SipMessage full = new SipParser().fullParse(notSipMessage);
        assertTrue(full.malformedReason().startsWith("the HEP packet's protocol type"), full.malformedReason());
    }

    @Test
    void aWebSocketMessageInflatingBeyondTheBoundIsMalformedWithTheReasonFirst() throws CaptureException {
        String huge = SipText.request("MESSAGE", "sip:bob@10.0.0.2", "wrap-ws", 1,
                "a".repeat(Limits.FRAMED_MESSAGE_BYTES));
        byte[] data = WebSockets.deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), Bytes.ascii(huge));
        byte[] frame = WebSockets.compressed(WebSockets.text(data, null));
        List<SipMessage> read = ControlBytesTest.read(Captures.pcap()
                .tcp(T, "10.0.0.2:8443", "10.0.0.1:51000", 1, Segments.PSH | Segments.ACK,
                        WebSockets.upgradeResponse("permessage-deflate"))
                .tcp(T + 1, "10.0.0.2:8443", "10.0.0.1:51000", 1 + WebSockets.upgradeResponse("permessage-deflate")
                        .length, Segments.PSH | Segments.ACK, frame)
                .write(dir.resolve("w.pcap")));
        assertEquals(1, read.size());
        String cut = "the WebSocket message's compressed payload (permessage-deflate, RFC 7692) inflates to more than "
                + Limits.FRAMED_MESSAGE_BYTES + " bytes (Limits.FRAMED_MESSAGE_BYTES): kept cut at that size";
        assertTrue(read.get(0).malformedReason().startsWith(cut), read.get(0).malformedReason());
        SipMessage full = new SipParser().fullParse(read.get(0));
        assertTrue(full.malformedReason().startsWith(cut), full.malformedReason());
    }
}
