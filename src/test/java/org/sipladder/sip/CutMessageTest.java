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
    void aMessageOfBareCrLineEndsNamesTheBareCrFirst() {
        String crOnly = SipText.request("BYE", "sip:bob@example.com", "cr-1", 2, "").replace("\r\n", "\r");
        for (SipParser parser : new SipParser[] {new SipParser(), new SipParser(SipParser.Depth.SCAN)}) {
            SipMessage m = parser.parse(SipParserTest.payload(crOnly)).orElseThrow();
            assertTrue(m.malformedReason().startsWith("the start line ends in a bare CR instead of CR LF; no empty line"),
                    m.malformedReason());
        }
    }
}
