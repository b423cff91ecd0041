package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;
import org.sipladder.testkit.WebSockets;

/**
 * Where a message in a UDP datagram (or another message-oriented carrier: WebSocket, SCTP, HEP) ends (RFC 3261
 * 18.3): at its Content-Length, else at the datagram's end.
 */
class DatagramLengthTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private List<SipMessage> read(String... datagrams) throws CaptureException {
        Captures capture = Captures.pcap();
        for (int i = 0; i < datagrams.length; i++) {
            capture.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", datagrams[i].getBytes(StandardCharsets.US_ASCII));
        }
        return ControlBytesTest.read(capture.write(dir.resolve("d.pcap")));
    }

    @Test
    void aMessageWithoutContentLengthKeepsItsBodyToTheDatagramsEnd() throws CaptureException {
        String invite = SipText.invite("no-cl-1").replaceFirst("Content-Length: \\d+\r\n", "");
        String sdp = invite.substring(invite.indexOf("\r\n\r\n") + 4);
        SipMessage m = read(invite).get(0);
        assertTrue(m.hasSdp(), "the SDP body is read, as tshark reads it");
        assertEquals(sdp, new String(m.body(), StandardCharsets.US_ASCII));
        assertEquals(40000, m.sdp().media().get(0).port());
        assertFalse(m.malformed(), m.malformedReason());
    }

    @Test
    void aSecondMessageInTheDatagramIsDiscardedAndNamed() throws CaptureException {
        String invite = SipText.invite("two-1");
        List<SipMessage> read = read(invite + SipText.response(100, "Trying", "INVITE", "two-1", 1));
        assertEquals(1, read.size(), "one message per datagram, as tshark lists it");
        SipMessage m = read.get(0);
        assertEquals("INVITE", m.method());
        assertTrue(m.hasSdp());
        String reason = (invite.length() - invite.indexOf("\r\n\r\n") - 4) + "";
        assertEquals(SipText.response(100, "Trying", "INVITE", "two-1", 1).length()
                + " bytes of the datagram follow the body that Content-Length " + reason + " ends: a second SIP message "
                + "(\"SIP/2.0 100 Trying\"), discarded, as RFC 3261 18.3 requires (a datagram carries one message)",
                m.malformedReason());
        assertEquals(m.malformedReason(), new SipParser().fullParse(m).malformedReason(),
                "the full parse of the message's own bytes keeps what its datagram held");
    }

    @Test
    void bytesAfterASmallContentLengthAreFlaggedAndLineBreaksAreNot() throws CaptureException {
        String invite = SipText.invite("small-1");
        String small = invite.replaceFirst("Content-Length: \\d+", "Content-Length: 10");
        int body = invite.length() - invite.indexOf("\r\n\r\n") - 4;
        List<SipMessage> read = read(small, invite + "\r\n\r\n");
        assertEquals((body - 10) + " bytes of the datagram follow the body that Content-Length 10 ends: discarded, "
                + "as RFC 3261 18.3 requires (a datagram carries one message)", read.get(0).malformedReason());
        assertEquals(10, read.get(0).body().length);
        assertFalse(read.get(1).malformed(), read.get(1).malformedReason());
    }

    /** An INVITE followed by a 100 Trying, as one carrier unit holds them, and the flag that names the second. */
    private static final String INVITE = SipText.invite("two-2");
    private static final String TRYING = SipText.response(100, "Trying", "INVITE", "two-2", 1);

    private static byte[] inviteAndTrying() {
        return (INVITE + TRYING).getBytes(StandardCharsets.US_ASCII);
    }

    private static void secondMessageNamed(List<SipMessage> read, Transport transport, String unit) {
        assertEquals(1, read.size(), "one message per " + unit);
        SipMessage m = read.get(0);
        assertEquals(transport, m.transport());
        assertEquals("INVITE", m.method());
        int body = INVITE.length() - INVITE.indexOf("\r\n\r\n") - 4;
        assertEquals(TRYING.length() + " bytes of the " + unit + " follow the body that Content-Length " + body
                + " ends: a second SIP message (\"SIP/2.0 100 Trying\"), discarded, as RFC 3261 18.3 requires ("
                + (transport == Transport.SCTP ? "an " : "a ") + unit + " carries one message)", m.malformedReason());
        assertEquals(m.malformedReason(), new SipParser().fullParse(m).malformedReason());
    }

    private List<SipMessage> read(Captures capture) throws CaptureException {
        return ControlBytesTest.read(capture.write(dir.resolve("c.pcap")));
    }

    @Test
    void aSecondMessageInAWebSocketMessageIsNamed() throws CaptureException {
        byte[] req = WebSockets.upgradeRequest("sip.example.com");
        byte[] res = WebSockets.upgradeResponse();
        byte[] frame = WebSockets.text(inviteAndTrying(), new byte[] {1, 2, 3, 4});
        int flags = Segments.PSH | Segments.ACK;
        secondMessageNamed(read(Captures.pcap().tcp(T, "10.0.0.1:51000", "10.0.0.2:8443", 1, flags, req)
                .tcp(T, "10.0.0.2:8443", "10.0.0.1:51000", 1, flags, res)
                .tcp(T + 1, "10.0.0.1:51000", "10.0.0.2:8443", 1 + req.length, flags, frame)),
                Transport.WS, "WebSocket message");
    }

    @Test
    void aSecondMessageInAnSctpUserMessageIsNamed() throws CaptureException {
        secondMessageNamed(read(Captures.pcap().sctp(T, "10.0.0.1:5060", "10.0.0.2:5060",
                Segments.sctpData(1, 0, 0, 0, inviteAndTrying()))), Transport.SCTP, "SCTP user message");
    }

    @Test
    void aSecondMessageInAHepPacketIsNamedInBothVersions() throws CaptureException {
        Endpoint src = new Endpoint("172.16.0.5", 5060);
        Endpoint dst = new Endpoint("172.16.0.6", 5060);
        secondMessageNamed(read(Captures.pcap().udp(T, "10.0.0.1:47000", "10.0.0.2:9060",
                Hep.v3(src, dst, 17, T, inviteAndTrying()))), Transport.HEP, "HEP packet");
        secondMessageNamed(read(Captures.pcap().udp(T, "10.0.0.1:47000", "10.0.0.2:9060",
                Hep.v2(src, dst, 17, T, inviteAndTrying()))), Transport.HEP, "HEP packet");
    }

    @Test
    void lineBreaksAfterAMessageInASctpOrHepCarrierAreNotFlagged() throws CaptureException {
        byte[] padded = (INVITE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<SipMessage> read = read(Captures.pcap().sctp(T, "10.0.0.1:5060", "10.0.0.2:5060",
                        Segments.sctpData(1, 0, 0, 0, padded))
                .udp(T + 1, "10.0.0.1:47000", "10.0.0.2:9060", Hep.v3(new Endpoint("172.16.0.5", 5060),
                        new Endpoint("172.16.0.6", 5060), 17, T, padded)));
        assertEquals(2, read.size());
        assertFalse(read.get(0).malformed(), read.get(0).malformedReason());
        assertFalse(read.get(1).malformed(), read.get(1).malformedReason());
    }
}
