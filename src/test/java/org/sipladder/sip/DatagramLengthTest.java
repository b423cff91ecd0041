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
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/** Where a message in a UDP datagram ends (RFC 3261 18.3): at its Content-Length, else at the datagram's end. */
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
}
