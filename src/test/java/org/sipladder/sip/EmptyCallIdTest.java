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

/**
 * A Call-ID (or another mandatory header) sent without a value names no dialog (RFC 3261 8.1.1.4, 20.8): the message
 * is kept with its empty Call-ID, as Wireshark lists it, and flagged, by the bulk read and by both parsers.
 */
class EmptyCallIdTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void anEmptyCallIdIsFlaggedAndKeptEmpty() throws CaptureException {
        String invite = SipText.invite("full-1");
        List<String> sent = List.of(
                invite.replace("Call-ID: full-1", "Call-ID:"),
                invite.replace("Call-ID: full-1", "Call-ID:    "),
                invite.replace("Call-ID: full-1", "i: "),
                SipText.response(200, "OK", "INVITE", "", 1));
        Captures capture = Captures.pcap();
        for (int i = 0; i < sent.size(); i++) {
            capture.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", sent.get(i).getBytes(StandardCharsets.US_ASCII));
        }
        List<SipMessage> read = ControlBytesTest.read(capture.write(dir.resolve("empty.pcap")));
        assertEquals(sent.size(), read.size());
        for (SipMessage m : read) {
            assertEquals("", m.callId());
            assertTrue(m.malformed(), "not flagged");
            assertTrue(m.malformedReason().startsWith("empty Call-ID header (RFC 3261 8.1.1.4"), m.malformedReason());
        }
        for (SipParser parser : new SipParser[] {new SipParser(), new SipParser(SipParser.Depth.SCAN)}) {
            SipMessage m = parser.parse(SipParserTest.payload(sent.get(1))).orElseThrow();
            assertTrue(m.malformed() && m.malformedReason().contains("empty Call-ID header"), m.malformedReason());
        }
    }

    @Test
    void anEmptyFromIsFlaggedAndAFilledCallIdIsNot() throws CaptureException {
        String invite = SipText.invite("full-2");
        List<SipMessage> read = ControlBytesTest.read(Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite.replace("From: <sip:alice@example.com>;tag=a1", "From: "))
                .udp(T + 1, "10.0.0.1:5060", "10.0.0.2:5060", invite)
                .write(dir.resolve("from.pcap")));
        assertEquals(2, read.size());
        assertTrue(read.get(0).malformed());
        assertEquals("empty From header (RFC 3261 8.1.1 requires a value)", read.get(0).malformedReason());
        assertFalse(read.get(1).malformed(), read.get(1).malformedReason());
        assertEquals("full-2", read.get(1).callId());
    }
}
