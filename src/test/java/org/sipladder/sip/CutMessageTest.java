package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureException;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Link;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

/** A message cut short (a TCP gap, the end of a capture) is listed with what it holds and flagged for what it lacks. */
class CutMessageTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aMessageWithoutTheEmptyLineIsFlaggedAndItsHeadersRead() {
        String invite = SipText.request("BYE", "sip:bob@example.com", "cut-1", 2, "");
        String cut = invite.substring(0, invite.length() - 2); // every header line, but not the empty line
        for (SipParser parser : new SipParser[] {new SipParser(), new SipParser(SipParser.Depth.SCAN)}) {
            SipMessage m = parser.parse(SipParserTest.payload(cut)).orElseThrow();
            assertEquals("cut-1", m.callId());
            assertEquals("BYE", m.method());
            assertTrue(m.malformed());
            assertTrue(m.malformedReason().startsWith("no empty line ends the header section"), m.malformedReason());
        }
    }

    @Test
    void aMessageOfBareCrLineEndsIsReadLineByLineAndFlagged() {
        String invite = SipText.invite("cr-1");
        int body = invite.indexOf("\r\n\r\n") + 4;
        // the header lines end in bare CRs, the SDP body keeps its own line ends (and its Content-Length holds)
        String crOnly = invite.substring(0, body).replace("\r\n", "\r") + invite.substring(body);
        for (SipParser parser : new SipParser[] {new SipParser(), new SipParser(SipParser.Depth.SCAN)}) {
            SipMessage m = parser.parse(SipParserTest.payload(crOnly)).orElseThrow();
            assertEquals("cr-1", m.callId(), "its headers are read as Wireshark reads them");
            assertEquals("1 INVITE", m.cseq());
            assertEquals("<sip:alice@example.com>;tag=a1", m.header("From"));
            assertTrue(m.hasSdp(), "the empty line of two bare CRs ends the headers");
            assertEquals("the start line ends in a bare CR instead of CR LF", m.malformedReason());
        }
    }

    @Test
    void aBareCrCutMessageNamesTheBareCrFirst() {
        String crOnly = SipText.request("BYE", "sip:bob@example.com", "cr-2", 2, "").replace("\r\n", "\r");
        String cut = crOnly.substring(0, crOnly.length() - 1); // no empty line
        for (SipParser parser : new SipParser[] {new SipParser(), new SipParser(SipParser.Depth.SCAN)}) {
            SipMessage m = parser.parse(SipParserTest.payload(cut)).orElseThrow();
            assertEquals("cr-2", m.callId());
            assertTrue(m.malformedReason().startsWith("the start line ends in a bare CR instead of CR LF; no empty line"),
                    m.malformedReason());
        }
    }

    @Test
    void theLineASnapshotLengthCutsIsNoHeader() throws CaptureException {
        // each INVITE recorded with fewer bytes than it had: cut inside its Call-ID value, inside its CSeq value
        String first = SipText.invite("cut-callid-abcdef@host");
        String second = SipText.invite("cut-cseq@x");
        byte[] a = frame(first);
        byte[] b = frame(second);
        int inCallId = at(a, first, "abcdef@host") + 3;
        int inCseq = at(b, second, "CSeq: 1 INV") + "CSeq: 1 INV".length();
        List<SipMessage> read = ControlBytesTest.read(Captures.pcap().snapped(T, a, inCallId)
                .snapped(T + 1, b, inCseq).write(dir.resolve("snap.pcap")));
        assertEquals(2, read.size());
        SipMessage noCallId = read.get(0);
        assertEquals(null, noCallId.callId(), "no Call-ID from a prefix of one");
        assertEquals("INVITE", noCallId.method());
        String note = "the datagram was captured only in part (its first ";
        assertTrue(noCallId.malformedReason().startsWith(note), noCallId.malformedReason());
        assertTrue(noCallId.malformedReason().contains("no empty line ends the header section"),
                noCallId.malformedReason());
        SipMessage noCseq = read.get(1);
        assertEquals("cut-cseq@x", noCseq.callId());
        assertEquals(null, noCseq.cseq(), "no CSeq from a prefix of one");
        // the inspector's full parse keeps the note, which is not in the message's bytes
        SipMessage full = new SipParser().fullParse(noCallId);
        assertTrue(full.malformedReason().startsWith(note), full.malformedReason());
    }

    @Test
    void aSnapshotLengthCuttingTheBodyOrAtALineEndLeavesTheHeadersAlone() throws CaptureException {
        String invite = SipText.invite("cut-body");
        byte[] a = frame(invite);
        int inBody = at(a, invite, "m=audio") + 3;
        int atLineEnd = at(a, invite, "CSeq:");
        List<SipMessage> read = ControlBytesTest.read(Captures.pcap().snapped(T, a, inBody)
                .snapped(T + 1, a, atLineEnd).write(dir.resolve("snap.pcap")));
        assertEquals(List.of("cut-body", "cut-body"), List.of(read.get(0).callId(), read.get(1).callId()));
        for (SipMessage m : read) {
            assertTrue(!m.malformedReason().contains("captured only in part"), m.malformedReason());
        }
    }

    /** Where {@code part} of {@code text} is in {@code frame}, which ends with {@code text}. */
    private static int at(byte[] frame, String text, String part) {
        return frame.length - text.length() + text.indexOf(part);
    }

    /** An Ethernet frame carrying {@code text} in a UDP datagram. */
    private static byte[] frame(String text) {
        return Link.ethernetIp(Ip.packet("10.0.0.1", "10.0.0.2", Ip.UDP, Segments.udp(5060, 5060,
                Bytes.ascii(text))));
    }
}
