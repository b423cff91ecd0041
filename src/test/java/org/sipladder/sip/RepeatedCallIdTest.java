package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipladder.testkit.SipText;

/** A second Call-ID of another value makes a message's dialog depend on who reads it: flagged, the first one kept. */
class RepeatedCallIdTest {

    private static final SipParser[] PARSERS = {new SipParser(), new SipParser(SipParser.Depth.SCAN)};

    @Test
    void callIdsOfDifferentValuesAreFlagged() {
        String twice = SipText.invite("dup-1").replace("Max-Forwards: 70", "Call-ID: other@x");
        for (SipParser parser : PARSERS) {
            SipMessage m = parser.parse(SipParserTest.payload(twice)).orElseThrow();
            assertEquals("other@x", m.callId()); // (before the INVITE's own)
            assertTrue(m.malformed());
            assertTrue(m.malformedReason().startsWith("Call-ID headers of different values (\"other@x\", \"dup-1\")"),
                    m.malformedReason());
        }
    }

    @Test
    void theSameCallIdTwiceIsLeftAlone() {
        String twice = SipText.invite("dup-2").replace("Max-Forwards: 70", "i: dup-2");
        for (SipParser parser : PARSERS) {
            SipMessage m = parser.parse(SipParserTest.payload(twice)).orElseThrow();
            assertEquals("dup-2", m.callId());
            assertFalse(m.malformed(), m.malformedReason());
        }
    }
}
