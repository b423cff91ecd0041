package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sipladder.testkit.SipText;

/**
 * A NUL inside an SDP body (RFC 4566 9 allows none in a field) is flagged where the SDP is parsed: by the full SDP
 * parser, which the full parse of a message ('messages', the inspector) runs; the body is still read as sent.
 */
class SdpNulTest {

    private static final String INVITE = SipText.invite("sdp-nul-1");

    @Test
    void theFullParseFlagsANulInTheSdpAndStillReadsItsMedia() {
        String withNul = INVITE.replace("s=-", "s=\0-");
        Sdp sdp = Sdp.parse(withNul.substring(withNul.indexOf("v=0")));
        assertEquals("a NUL byte in its s= line (RFC 4566 9 allows none in a field): readers disagree on what follows "
                + "it", sdp.problem());
        assertEquals(40000, sdp.media().get(0).port());
        SipMessage m = new SipParser().parse(SipParserTest.payload(withNul)).orElseThrow();
        assertTrue(m.malformed());
        assertEquals("the SDP body holds " + sdp.problem(), m.malformedReason());
        SipMessage scanned = new SipParser(SipParser.Depth.SCAN).parse(SipParserTest.payload(withNul)).orElseThrow();
        assertEquals(m.malformedReason(), new SipParser().fullParse(scanned).malformedReason(),
                "the inspector's full parse of a message read in bulk says it");
    }

    @Test
    void aCleanBodyAndOneBeyondAsciiHaveNoProblem() {
        assertNull(new SipParser().parse(SipParserTest.payload(INVITE)).orElseThrow().malformedReason());
        String named = INVITE.replace("s=-", "s=Sitzung \u00fc");
        Sdp sdp = new SipParser().parse(SipParserTest.payload(named.getBytes(StandardCharsets.UTF_8)))
                .orElseThrow().sdp();
        assertNull(sdp.problem());
        assertEquals(40000, sdp.media().get(0).port());
    }
}
