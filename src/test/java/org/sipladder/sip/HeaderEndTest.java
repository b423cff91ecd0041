package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The first empty line ends the headers, whatever the line ends, as the framing reads them. */
class HeaderEndTest {

    private static final String SDP_LF = "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n"
            + "m=audio 5072 RTP/AVP 0\n";

    private static MessageScanner.Parts parts(String text, Problems problems) {
        return MessageScanner.parts(text.getBytes(StandardCharsets.ISO_8859_1), problems);
    }

    @Test
    void aBareLfEmptyLineEndsTheHeadersEvenWhenACrLfPairFollowsLater() {
        // as a HEP generator wrote it: LF line ends, and a CR LF CR LF after the body
        String body = SDP_LF + "\r\n\r\n";
        String invite = "INVITE sip:a@b SIP/2.0\nCall-ID: lf-2\nCSeq: 1 INVITE\nFrom: <sip:x@y>;tag=1\nTo: <sip:a@b>\n"
                + "Via: SIP/2.0/UDP h;branch=z9hG4bK1\nContent-Type: application/sdp\nContent-Length: "
                + body.length() + "\n\n" + body;
        Problems problems = new Problems();
        MessageScanner.Parts p = parts(invite, problems);
        assertNull(problems.summary(), problems.summary());
        assertEquals(7, p.headers().size());
        assertNotNull(p.sdp(), "the SDP body is read");
        assertEquals(body.length(), p.body().length);
    }

    @Test
    void mixedLineEndsFindTheFirstEmptyLine() {
        for (String end : new String[] {"\r\n\r\n", "\n\r\n", "\r\n\n", "\n\n"}) {
            String m = "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: m-1\r\nCSeq: 1 OPTIONS\r\nFrom: <sip:x@y>;tag=1\r\n"
                    + "To: <sip:a@b>\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nContent-Length: 4" + end + "body";
            Problems problems = new Problems();
            MessageScanner.Parts p = parts(m, problems);
            assertNull(problems.summary(), () -> problems.summary() + " for " + end.replace("\r", "\\r").replace("\n", "\\n"));
            assertEquals("body", new String(p.body(), StandardCharsets.ISO_8859_1));
        }
    }
}
