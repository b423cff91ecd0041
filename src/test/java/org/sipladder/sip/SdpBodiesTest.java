package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Content-Types that make a body SDP: the usual "application/sdp" (taken by identity once seen equal) and every
 * other spelling the comparison ignoring case and leading blanks took before.
 */
class SdpBodiesTest {

    private static final String BODY = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 10.0.0.1\r\n"
            + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    @Test
    void everySpellingOfTheSdpTypeGivesItsParse() {
        byte[] d = ("xx" + BODY + "yy").getBytes(StandardCharsets.ISO_8859_1);
        Sdp expected = Sdp.parse(BODY);
        for (String type : new String[] {"application/sdp", new String("application/sdp"), "Application/SDP",
            " application/sdp", "application/sdp; charset=utf-8", "APPLICATION/SDP", "application/sdpx"}) {
            assertEquals(expected, SdpBodies.find(type, d, 2, BODY.length()), type);
            assertEquals(expected, SdpBodies.find(type, d, 2, BODY.length(), new SdpMemo()), type);
        }
        for (String type : new String[] {"application/sd", "text/plain", "application/isup", ""}) {
            assertNull(SdpBodies.find(type, d, 2, BODY.length()), type);
        }
    }

    @Test
    void theUsualTypeFindsTheBodyKeptUnderAnEqualText() {
        byte[] d = BODY.getBytes(StandardCharsets.ISO_8859_1);
        SdpMemo memo = new SdpMemo();
        Sdp first = SdpBodies.find(new String("application/sdp"), d, 0, d.length, memo);
        assertNotNull(first);
        assertSame(first, SdpBodies.find(new String("application/sdp"), d.clone(), 0, d.length, memo));
        // another spelling is another type to the memo, as before: parsed again, to an equal SDP
        assertEquals(first, SdpBodies.find("Application/SDP", d, 0, d.length, memo));
    }
}
