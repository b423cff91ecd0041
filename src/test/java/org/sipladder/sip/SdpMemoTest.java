package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.SipPayload;

/**
 * A call's messages read back with one {@link SdpMemo} give the SDP of the full scan, message by message: a body
 * seen before (same Content-Type, same bytes) is not parsed again, one that differs in a byte, in its length or in
 * its Content-Type is; also past the bodies the memo keeps.
 */
class SdpMemoTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
    private static final String[] TYPES = {"application/sdp", "APPLICATION/SDP", "text/plain",
        "multipart/mixed;boundary=b1"};

    @Test
    void everyMessageGetsTheSdpOfTheFullScan() {
        Random random = new Random(1803);
        for (int call = 0; call < 300; call++) {
            SdpMemo memo = new SdpMemo();
            List<String> bodies = new ArrayList<>();
            for (int k = 0; k < 14; k++) {
                String body = !bodies.isEmpty() && random.nextInt(3) > 0
                        ? bodies.get(random.nextInt(bodies.size())) : mutated(random);
                bodies.add(body);
                String type = TYPES[random.nextInt(4) == 0 ? random.nextInt(TYPES.length) : 0];
                String content = type.startsWith("multipart")
                        ? "--b1\r\nContent-Type: application/sdp\r\n\r\n" + body + "\r\n--b1--\r\n" : body;
                byte[] bytes = message(k, type, content);
                SipPayload payload = SipParserTest.payload(bytes);
                Sdp full = MessageScanner.scan(payload, new Problems()).orElseThrow().sdp();
                MessageReadBack once = new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow()
                        .readBack(null, memo);
                assertEquals(full, once.sdp(), type + "\n" + content);
            }
        }
    }

    @Test
    void aBodySeenBeforeIsNotParsedAgain() {
        SdpMemo memo = new SdpMemo();
        Sdp first = readBack(0, SDP, memo);
        assertNotNull(first);
        assertSame(first, readBack(1, SDP, memo));
        Sdp other = readBack(2, SDP.replace("40000", "40002"), memo);
        assertEquals("10.0.0.1", other.connection());
        assertEquals(40002, other.media().get(0).port());
    }

    private static Sdp readBack(int k, String body, SdpMemo memo) {
        SipPayload payload = SipParserTest.payload(message(k, "application/sdp", body));
        return new SipParser(SipParser.Depth.SCAN).parse(payload).orElseThrow().readBack(null, memo).sdp();
    }

    /** The SDP with one byte or a line changed, or as it is. */
    private static String mutated(Random random) {
        StringBuilder s = new StringBuilder(SDP);
        switch (random.nextInt(4)) {
            case 0 -> s.setCharAt(random.nextInt(s.length()), "0123456789 .=/\r\nax".charAt(random.nextInt(18)));
            case 1 -> s.append("m=video 5000 RTP/AVP 96\r\nc=IN IP4 10.0.0.").append(random.nextInt(3)).append("\r\n");
            case 2 -> s.setLength(s.length() - 1 - random.nextInt(12));
            default -> {
            }
        }
        return s.toString();
    }

    private static byte[] message(int k, String type, String body) {
        String text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + k + "\r\n"
                + "From: <sip:a@10.0.0.1>;tag=1\r\nTo: <sip:b@10.0.0.2>;tag=2\r\nCall-ID: memo-" + k + "\r\n"
                + "CSeq: 1 INVITE\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
