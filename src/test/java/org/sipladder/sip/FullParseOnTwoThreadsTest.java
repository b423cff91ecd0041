package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureReader;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * The full parse (jain-sip's judgement of every header) runs on the caller's thread too, beside the decoding thread's,
 * and judges each message as one parser alone does: the same verdicts and reasons, in capture order.
 */
class FullParseOnTwoThreadsTest {

    @TempDir
    Path dir;

    @Test
    void theCallerParsesFullyTooAndEveryVerdictIsThatOfOneParserAlone() throws Exception {
        ParsingListener probe = new ParsingListener(SipParser.Depth.FULL) {
            @Override
            public void prepared(SipMessage m) {
            }
        };
        assertTrue(probe.preparesOnCaller(), "the full parse is shared with the caller's thread");

        Captures c = Captures.pcap();
        List<String> texts = new ArrayList<>();
        for (int k = 0; k < 3000; k++) {
            String id = "two-" + k;
            String text = switch (k % 6) {
                case 0 -> SipText.invite(id);
                case 1 -> SipText.response(200, "OK", "INVITE", id, 1);
                // headers jain-sip rejects, each a verdict with its reason
                case 2 -> SipText.invite(id).replace("CSeq: 1 INVITE", "CSeq: one INVITE");
                case 3 -> SipText.request("BYE", "sip:bob@10.0.0.2", id, 2, "").replace("From: ", "From: <<bad ");
                case 4 -> SipText.request("OPTIONS", "sip:bob@10.0.0.2", id, 3, "")
                        .replace("Max-Forwards: 70", "Max-Forwards: many");
                default -> SipText.response(486, "Busy Here", "INVITE", id, 1);
            };
            texts.add(text);
            c.udp(1_700_000_000_000_000L + k * 1000L, "10.0.0.1:5060", "10.0.0.2:5060", text);
        }
        Path capture = c.write(dir.resolve("mixed.pcap"));

        List<SipMessage> read = new ArrayList<>();
        new CaptureReader().read(capture, new ParsingListener(SipParser.Depth.FULL) {
            @Override
            public void prepared(SipMessage m) {
                read.add(m);
            }
        });

        assertEquals(texts.size(), read.size());
        SipParser alone = new SipParser(SipParser.Depth.FULL);
        int malformed = 0;
        for (int k = 0; k < texts.size(); k++) {
            SipMessage expected = alone.parse(SipParserTest.payload(texts.get(k).getBytes(StandardCharsets.UTF_8)))
                    .orElseThrow();
            SipMessage got = read.get(k);
            assertEquals(k + 1, got.frame(), "capture order");
            assertEquals(expected.malformed(), got.malformed(), "message " + k);
            assertEquals(expected.malformedReason(), got.malformedReason(), "message " + k);
            malformed += got.malformed() ? 1 : 0;
        }
        assertEquals(1500, malformed, "the three broken kinds of message are all judged malformed");
    }
}
