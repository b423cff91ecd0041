package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A c= line's address is read as the last of its white-space separated fields, without its /TTL, in every form; an
 * m= line's fields are split where {@link MessageScanner#blanks} splits them.
 */
class SdpConnectionTest {

    @Test
    void theAddressIsTheLastFieldAsTheSplitGaveIt() {
        Random random = new Random(18);
        String[] pieces = {"IN", "IP4", "IP6", "10.0.0.1", "/127", "::1", " ", "  ", "\t", "\u000b", "\u0001", "x",
            "/", "\u00a0", "\f", "\r", "\u0085"};
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

    @Test
    void aMediaLinesFieldsAreTheSplitsFields() {
        Random random = new Random(19);
        String[] pieces = {"audio", "5004", "RTP/AVP", "0", "8", "101", " ", "  ", "\t", "\u000b", "\f", "\r",
            "\u0001", "\u00a0", "\u0085", "x"};
        for (int round = 0; round < 50_000; round++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(9); i > 0; i--) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            String[] parts = MessageScanner.blanks(line.toString().trim());
            Sdp sdp = Sdp.parse("v=0\r\nm=" + line + "\r\n");
            if (parts.length < 3) {
                assertEquals(0, sdp.media().size(), "m=" + line);
                continue;
            }
            SdpMedia media = sdp.media().get(0);
            assertEquals(parts[0], media.type(), "m=" + line);
            assertEquals(Sdp.mediaPort(parts[1]), media.port(), "m=" + line);
            assertEquals(parts[2], media.protocol(), "m=" + line);
            assertEquals(parts.length - 3, media.codecs().size(), "m=" + line);
        }
    }
}
