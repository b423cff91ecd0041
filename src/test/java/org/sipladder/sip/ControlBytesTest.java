package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.SipPayload;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * A NUL or other control byte in a start or header line (a C string's end written by a bad stack) is no SIP: the
 * message is kept, read as sent, and flagged, whether the capture's framing noted its line feeds or not.
 */
class ControlBytesTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aControlByteInAHeaderOrStartLineIsFlaggedAndTheMessageKept() throws CaptureException {
        String invite = SipText.invite("ctl-1");
        List<String> sent = List.of(
                invite.replace("Max-Forwards: 70", "User-Agent: bad\0agent"),
                invite.replace("Call-ID: ctl-1", "Call-ID: ctl-\0" + "1"),
                invite.replace("Max-Forwards: 70", "Subject: a\u0001b"),
                SipText.response(486, "Busy\0Here", "INVITE", "ctl-1", 1),
                invite.replace("INVITE sip:", "INVITE\u0007 sip:"));
        Captures capture = Captures.pcap();
        for (int i = 0; i < sent.size(); i++) {
            capture.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", sent.get(i).getBytes(StandardCharsets.ISO_8859_1));
        }
        List<SipMessage> read = read(capture.write(dir.resolve("nul.pcap")));
        assertEquals(sent.size(), read.size());
        String[] where = {"User-Agent header", "Call-ID header", "Subject header", "start line", "start line"};
        for (int i = 0; i < sent.size(); i++) {
            SipMessage m = read.get(i);
            assertTrue(m.malformed(), sent.get(i));
            assertTrue(m.malformedReason().contains("in the " + where[i]), m.malformedReason());
            assertNotNull(m.callId(), m.malformedReason());
        }
        assertTrue(read.get(0).malformedReason().startsWith("a NUL byte in the User-Agent header"),
                read.get(0).malformedReason());
        assertTrue(read.get(2).malformedReason().contains("control byte 0x01"), read.get(2).malformedReason());
        assertEquals("ctl-\0" + "1", read.get(1).callId());
        assertEquals(486, read.get(3).status());
    }

    @Test
    void aTabInAHeaderValueIsNoProblem() throws CaptureException {
        String invite = SipText.invite("tab-1").replace("Max-Forwards: 70", "Subject:\ta\tb");
        List<SipMessage> read = read(Captures.pcap()
                .udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite.getBytes(StandardCharsets.US_ASCII))
                .write(dir.resolve("tab.pcap")));
        assertEquals(1, read.size());
        assertFalse(read.get(0).malformed(), read.get(0).malformedReason());
    }

    @Test
    void aControlByteEscapedInAQuotedStringIsAQuotedPair() throws CaptureException {
        // RFC 3261 25.1: quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F); RFC 4475 3.1.1.2 quotes a BEL, a NUL, a DEL
        String quoted = SipText.invite("qp-1").replace("To: <", "To: \"BEL:\\\u0007 NUL:\\\0 DEL:\\\u007f\" <");
        String bare = SipText.invite("qp-2").replace("To: <", "To: \"BEL:\u0007 NUL\" <");
        String outside = SipText.invite("qp-3").replace("Max-Forwards: 70", "Subject: a\\\u0001b");
        Captures capture = Captures.pcap();
        int i = 0;
        for (String m : List.of(quoted, bare, outside)) {
            capture.udp(T + i++, "10.0.0.1:5060", "10.0.0.2:5060", m.getBytes(StandardCharsets.ISO_8859_1));
        }
        List<SipMessage> read = read(capture.write(dir.resolve("quoted-pair.pcap")));
        assertEquals(3, read.size());
        assertFalse(read.get(0).malformed(), read.get(0).malformedReason());
        assertTrue(read.get(1).malformed(), "a bare control byte in a quoted string is no qdtext");
        assertTrue(read.get(1).malformedReason().contains("in the To header"), read.get(1).malformedReason());
        assertTrue(read.get(2).malformed(), "a backslash outside quotes escapes nothing");
        SipMessage full = new SipParser().parse(SipParserTest.payload(quoted.getBytes(StandardCharsets.ISO_8859_1)))
                .orElseThrow();
        assertFalse(full.malformed(), full.malformedReason());
    }

    /** The messages of a capture as the bulk read makes them: lent payloads (with their line feeds' table), scanned. */
    static List<SipMessage> read(Path file) throws CaptureException {
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        List<SipMessage> out = new ArrayList<>();
        new CaptureReader().read(file, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                parser.parse(p).ifPresent(out::add);
            }

            @Override
            public boolean borrowsPayloads() {
                return true;
            }
        });
        return out;
    }
}
