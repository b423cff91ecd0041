package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipladder.testkit.SipText;

/** A message cut short (a TCP gap, the end of a capture) is listed with what it holds and flagged for what it lacks. */
class CutMessageTest {

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
}
