package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipladder.testkit.SipText;

/** SIP text is UTF-8 (RFC 3261 25.1): a reason phrase in UTF-8 is fine, one of bytes that are not UTF-8 is flagged. */
class HeaderEncodingTest {

    private static final SipParser[] PARSERS = {new SipParser(), new SipParser(SipParser.Depth.SCAN)};

    @Test
    void aReasonPhraseOfInvalidUtf8IsFlaggedAndKept() {
        byte[] sent = SipText.response(486, "Busy \u00ff\u00fe\u00c3", "INVITE", "enc-1", 1)
                .getBytes(StandardCharsets.ISO_8859_1);
        for (SipParser parser : PARSERS) {
            SipMessage m = parser.parse(SipParserTest.payload(sent)).orElseThrow();
            assertEquals(486, m.status());
            assertEquals("enc-1", m.callId());
            assertEquals("Busy \u00ff\u00fe\u00c3", m.reason());
            assertTrue(m.malformed());
            assertTrue(m.malformedReason().startsWith("the start line or headers are not valid UTF-8"),
                    m.malformedReason());
        }
    }

    @Test
    void aReasonPhraseInUtf8IsNoProblem() {
        byte[] sent = SipText.response(486, "Besetzt \u2013 sp\u00e4ter", "INVITE", "enc-2", 1)
                .getBytes(StandardCharsets.UTF_8);
        for (SipParser parser : PARSERS) {
            SipMessage m = parser.parse(SipParserTest.payload(sent)).orElseThrow();
            assertEquals("Besetzt \u2013 sp\u00e4ter", m.reason());
            assertFalse(m.malformed(), m.malformedReason());
        }
    }
}
