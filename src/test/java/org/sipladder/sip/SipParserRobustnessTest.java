package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.testkit.SipText;

/** Thousands of mutated and random messages: the parser and the flow builder must never throw. */
class SipParserRobustnessTest {

    private static final byte[][] SEEDS = {
        SipText.invite("seed-1").getBytes(StandardCharsets.US_ASCII),
        SipText.response(503, "Try again later", "INVITE", "seed-1", 1).getBytes(StandardCharsets.US_ASCII),
        ("SIP/2.0 200 OK\r\nv: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK1\r\nf: <sip:a@b>;tag=1\r\nt: <sip:c@d>;tag=2\r\n"
                + "i: x\r\nCSeq: 1 INVITE\r\nc: multipart/mixed;boundary=zz\r\nl: 60\r\n\r\n--zz\r\n"
                + "Content-Type: application/sdp\r\n\r\nv=0\r\nm=audio 1 RTP/AVP 0\r\n--zz--\r\n")
                .getBytes(StandardCharsets.US_ASCII),
    };
    private static final byte[] NASTY = "\r\n:; <>@=\0\t,\"/".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void mutatedMessagesAreParsedOrFlaggedNeverThrown() {
        Random random = new Random(20261123L);
        SipParser full = new SipParser();
        SipParser scan = new SipParser(SipParser.Depth.SCAN);
        List<SipMessage> parsed = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] data = i % 10 == 9 ? randomBytes(random) : mutate(SEEDS[i % SEEDS.length], random);
            Optional<SipMessage> m = assertDoesNotThrow(() -> full.parse(SipParserTest.payload(data)), () -> hex(data));
            assertDoesNotThrow(() -> scan.parse(SipParserTest.payload(data)).ifPresent(scan::fullParse), () -> hex(data));
            m.ifPresent(message -> {
                assertNotNull(message.label());
                assertTrue(message.malformed() == (message.malformedReason() != null));
                parsed.add(message);
            });
        }
        assertDoesNotThrow(() -> new FlowBuilder().build(parsed));
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] data = seed.clone();
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(data.length);
            switch (random.nextInt(4)) {
                case 0 -> data[at] = (byte) random.nextInt(256);
                case 1 -> data[at] = NASTY[random.nextInt(NASTY.length)];
                case 2 -> data = java.util.Arrays.copyOf(data, Math.max(1, at));
                default -> {
                    byte[] longer = new byte[data.length + 1];
                    System.arraycopy(data, 0, longer, 0, at);
                    longer[at] = NASTY[random.nextInt(NASTY.length)];
                    System.arraycopy(data, at, longer, at + 1, data.length - at);
                    data = longer;
                }
            }
        }
        return data;
    }

    private static byte[] randomBytes(Random random) {
        byte[] data = new byte[1 + random.nextInt(300)];
        random.nextBytes(data);
        return data;
    }

    private static String hex(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }
}
