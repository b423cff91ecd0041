package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A c= line's address is read as the last of its white-space separated fields, without its /TTL, in every form. */
class SdpConnectionTest {

    @Test
    void theAddressIsTheLastFieldAsTheSplitGaveIt() {
        Random random = new Random(18);
        String[] pieces = {"IN", "IP4", "IP6", "10.0.0.1", "/127", "::1", " ", "  ", "\t", "\u000b", "\u0001", "x",
            "/", "\u00a0"};
        for (int round = 0; round < 50_000; round++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(7); i > 0; i--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            String value = line.toString().trim();
            String[] parts = MessageScanner.blanks(value);
            String address = parts[parts.length - 1];
            int slash = address.indexOf('/');
            String expected = slash > 0 ? address.substring(0, slash) : address;
            assertEquals(expected, Sdp.parse("v=0\r\nc=" + line + "\r\n").connection(), "c=" + line);
        }
    }
}
