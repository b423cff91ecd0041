package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureException;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Scanned;
import org.sipladder.testkit.SipText;

/**
 * A request whose method is a well-known one in lower case ("invite") is SIP-shaped, listed by Wireshark, and an
 * unknown method to every stack (methods are case-sensitive, RFC 3261 7.1): kept as sent over UDP and TCP, flagged.
 */
class LowerCaseMethodTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aLowerCaseMethodIsKeptAsSentAndFlagged() throws CaptureException {
        String lower = SipText.request("invite", "sip:+15551234567@sip.example.com", "lc-1", 1, "");
        String upper = SipText.request("OPTIONS", "sip:+15551234567@sip.example.com", "lc-2", 1, "");
        Path file = Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", lower)
                .tcp(T + 1, "10.0.0.1:5070", "10.0.0.2:5060", 1000, lower + upper)
                .write(dir.resolve("lower.pcap"));
        List<SipMessage> read = Scanned.messagesOf(file);
        assertEquals(List.of("invite", "invite", "OPTIONS"), read.stream().map(SipMessage::method).toList());
        for (SipMessage m : read.subList(0, 2)) {
            assertEquals("lc-1", m.callId());
            assertTrue(m.malformed());
            assertTrue(m.malformedReason().contains("method invite is INVITE in other letter case"),
                    m.malformedReason());
        }
        assertFalse(read.get(2).malformed(), read.get(2).malformedReason());
    }
}
