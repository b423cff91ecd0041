package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.SipPayload;

/**
 * The read-back's walk notes the first line of each name a diagnosis asks of most messages, and reads the body's
 * Content-Length from the bytes: both must answer as the full scan does whatever the spelling, order and repeats of
 * those headers, and never from the body.
 */
class PlainReadBackTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n";
    private static final String HEAD = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-1\r\n"
            + "From: <sip:a@a>;tag=f\r\nTo: <sip:b@b>;tag=t\r\nCall-ID: k-1\r\nCSeq: 1 INVITE\r\n";

    /** The names asked by the constants the diagnosis uses, and other spellings of them. */
    private static final List<String> NAMES = List.of("Contact", "Via", "Content-Type", "Content-Length",
            "Proxy-Authorization", "Session-Expires", "Reason", "Record-Route", "Route", "contact", "CONTENT-LENGTH",
            "m", "l", "Call-ID", "Authorization");

    @Test
    void bodyLengthIsReadAsTheFullScanReadsIt() {
        List<String> declared = List.of("", "x", "+" + SDP.length(), "-0", "-3", "000" + SDP.length(), "1 2",
                "99999999999", "2147483648", "-2147483648", "2147483647", "0", "12", SDP.length() + "  ",
                "0x10", "+", "-", "٣");
        List<String> messages = new ArrayList<>();
        for (String length : declared) {
            messages.add(HEAD + "Content-Type: application/sdp\r\nContent-Length: " + length + "\r\n\r\n" + SDP);
            // the compact form first: the first of either spelling is the one
            messages.add(HEAD + "Content-Type: application/sdp\r\nl: " + length + "\r\nContent-Length: "
                    + SDP.length() + "\r\n\r\n" + SDP);
        }
        messages.add(HEAD + "Content-Type: application/sdp\r\n\r\n" + SDP); // none: the whole body
        for (String text : messages) {
            // most of these the one-pass scan leaves to the full scan: the read-back's own reading, asked directly
            PlainReadBack.HeaderLines h = PlainReadBack.lines(text.getBytes(StandardCharsets.UTF_8));
            String value = PlainReadBack.first(h, "Content-Length");
            for (int available : new int[] {0, 3, SDP.length(), 1000, Integer.MAX_VALUE}) {
                assertEquals(parsedLength(value, available), PlainReadBack.bodyLength(h, available), text);
            }
        }
        assertAgree(messages, 5); // the one-pass scan takes only plain lengths (leading zeros, blanks after)
    }

    @Test
    void askedNamesAreFoundAtTheirFirstLineInAnySpellingAndNeverInTheBody() {
        List<String> messages = List.of(
                // Call-ID has Contact's length and first letter; the compact form before the full one
                HEAD + "m: <sip:compact@10.1.1.1>\r\nContact: <sip:full@10.2.2.2>\r\nContent-Length: 0\r\n\r\n",
                HEAD + "CONTACT: <sip:upper@10.1.1.1>\r\nm: <sip:second@10.2.2.2>\r\nContent-Length: 0\r\n\r\n",
                HEAD + "Contact :  <sip:spaced@10.1.1.1>  \r\nx: 90\r\nSession-Expires: 1800\r\n"
                        + "REASON: Q.850;cause=16\r\nContent-Length: 0\r\n\r\n",
                HEAD + "Contect: <sip:typo@10.1.1.1>\r\nContent-Length: 0\r\n\r\n",
                HEAD + "Contact:\r\nRecord-Route: <sip:rr@10.3.3.3;lr>\r\nRoute: <sip:r@10.4.4.4;lr>\r\n"
                        + "Content-Length: 0\r\n\r\n",
                // after the blank line: a body's text, not a header
                HEAD + "Content-Type: text/plain\r\nContent-Length: 62\r\n\r\nContact: <sip:body@10.9.9.9>\r\n"
                        + "Session-Expires: 1\r\nReason: no\r\n",
                HEAD + "c: application/sdp\r\nProxy-Authorization: Digest username=\"u\"\r\n"
                        + "Content-Type: text/plain\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP,
                HEAD + "Content-Type: multipart/mixed;boundary=b1\r\nContent-Length: 100\r\n\r\n--b1\r\n"
                        + "Content-Type: application/sdp\r\n\r\n" + SDP + "\r\n--b1--\r\n");
        assertAgree(messages, messages.size() - 1);
    }

    /** The length as Integer.parseInt reads the trimmed value, as the full scan cuts a body. */
    private static int parsedLength(String declared, int available) {
        if (declared == null) {
            return available;
        }
        try {
            int length = Integer.parseInt(declared.trim());
            return length < 0 || length > available ? available : length;
        } catch (NumberFormatException e) {
            return available;
        }
    }

    private static void assertAgree(List<String> messages, int plainAtLeast) {
        int plain = 0;
        for (String text : messages) {
            SipPayload payload = SipParserTest.payload(text);
            SipMessage full = MessageScanner.scan(payload, new Problems()).orElseThrow();
            SipMessage compact = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow();
            if (compact.plain()) {
                plain++;
            }
            // the SDP first walks every header line; a header first walks only as far as it needs
            MessageReadBack sdpFirst = compact.readBack();
            assertEquals(full.sdp(), sdpFirst.sdp(), text);
            assertHeadersAgree(full, sdpFirst, text);
            MessageReadBack headersFirst = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow().readBack();
            assertHeadersAgree(full, headersFirst, text);
            assertEquals(full.sdp(), headersFirst.sdp(), text);
        }
        // the read-back is what is under test: these are read in one pass, so read back from their bytes
        assertTrue(plain >= plainAtLeast, plain + " of " + messages.size() + " read back from their bytes");
    }

    private static void assertHeadersAgree(SipMessage full, MessageReadBack readBack, String text) {
        for (String name : NAMES) {
            assertEquals(full.header(name), readBack.header(name), name + " in " + text);
        }
    }

    @Test
    void aBodyIsCutAtItsDeclaredLength() {
        SipMessage m = new SipParser(SipParser.Depth.SCAN).parse(SipParserTest.payload(HEAD
                + "Content-Type: application/sdp\r\nContent-Length: +" + SDP.length() + "\r\n\r\n" + SDP
                + "m=video 5000 RTP/AVP 96\r\n")).orElseThrow();
        assertNotNull(m.readBack().sdp());
        assertEquals(1, m.readBack().sdp().media().size(), "the m=video line lies beyond Content-Length");
        assertNull(m.readBack().header("Contact"));
    }
}
