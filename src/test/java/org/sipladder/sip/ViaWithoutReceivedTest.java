package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A scanned message knows from the read that its first Via has no {@code received} parameter, and a diagnosis then
 * does not read it back to ask: the flag must never be set where the Via read back names "received".
 */
class ViaWithoutReceivedTest {

    private static final String[] VIAS = {
        "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1;rport",
        "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1;received=203.0.113.9;rport=5060",
        "SIP/2.0/UDP 10.0.0.1;RECEIVED=203.0.113.9;branch=z9hG4bK-2",
        "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-3 ; Received = 203.0.113.9",
        "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-4, SIP/2.0/UDP 10.9.9.9;received=1.2.3.4;branch=z9hG4bK-0",
        "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKreceive;rport",
        "SIP/2.0/UDP received.example.com;branch=z9hG4bK-5",
        "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-6;receivedx=1",
    };

    @Test
    void theFlagIsSetExactlyWhenTheFirstViaLineNamesNoReceived() {
        for (String via : VIAS) {
            for (String name : new String[] {"Via", "v", "VIA"}) {
                String text = "SIP/2.0 100 Trying\r\n" + name + ": " + via + "\r\nVia: SIP/2.0/UDP 10.0.0.5;received=9.9.9.9"
                        + ";branch=z9hG4bK-older\r\nFrom: <sip:a@a>;tag=f\r\nTo: <sip:b@b>\r\nCall-ID: r-1\r\n"
                        + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
                SipMessage m = new SipParser(SipParser.Depth.SCAN).parseOrNull(SipParserTest.payload(text));
                boolean named = m.header("Via").toLowerCase(Locale.ROOT).contains("received");
                assertEquals(!named, m.viaWithoutReceived(), name + ": " + via);
            }
        }
    }

    @Test
    void containsIgnoringCaseFindsTheWordInAnyRangeWhateverItsNeighbours() {
        Random random = new Random(13);
        byte[] word = "received".getBytes(StandardCharsets.US_ASCII);
        // neighbours that fool a word-at-a-time test: zero bytes, letters one off, high bytes that fold onto 'r' or 'v'
        byte[] alphabet = {'r', 'R', 'e', 'E', 'c', 'i', 'v', 'V', 'd', 'D', 0, (byte) 0xD2, (byte) 0xF2, (byte) 0xD6,
            (byte) 0xF6, 'q', 's', 'u', 'w', ';'};
        for (int round = 0; round < 50_000; round++) {
            byte[] d = new byte[random.nextInt(40)];
            for (int i = 0; i < d.length; i++) {
                d[i] = alphabet[random.nextInt(alphabet.length)];
            }
            if (d.length >= word.length && random.nextInt(4) == 0) {
                int at = random.nextInt(d.length - word.length + 1);
                for (int k = 0; k < word.length; k++) {
                    d[at + k] = random.nextBoolean() ? word[k] : (byte) (word[k] - 0x20);
                }
            }
            int from = random.nextInt(d.length + 1);
            int to = from + random.nextInt(d.length - from + 1);
            for (int anchor = 0; anchor < word.length; anchor++) {
                assertEquals(asciiCaseOnly(d, from, to, word), WordScan.containsIgnoringCase(d, from, to, word, anchor),
                        Arrays.toString(d) + " [" + from + ", " + to + ") anchor " + anchor);
            }
        }
    }

    /** True when the word occurs in {@code d[from, to)} with only ASCII letters folded. */
    private static boolean asciiCaseOnly(byte[] d, int from, int to, byte[] word) {
        for (int i = from; i + word.length <= to; i++) {
            int k = 0;
            while (k < word.length && (d[i + k] == word[k] || d[i + k] == word[k] - 0x20)) {
                k++;
            }
            if (k == word.length) {
                return true;
            }
        }
        return false;
    }
}
