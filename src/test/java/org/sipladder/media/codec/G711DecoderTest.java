package org.sipladder.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

class G711DecoderTest {

    /** G.711 Table 2a: µ-law segment s, step q decodes to (2q + 33) 2^s - 33 (14-bit), here scaled to 16 bits. */
    private static int muLawByTheTable(int code) {
        int inverted = ~code & 0xFF;
        int segment = (inverted >> 4) & 7;
        int step = inverted & 15;
        int magnitude = 4 * (((2 * step + 33) << segment) - 33);
        return (inverted & 0x80) != 0 ? -magnitude : magnitude;
    }

    /** G.711 Table 1a: A-law segment 0 decodes to 2q + 1, segment s > 0 to (2q + 33) 2^(s-1) (13-bit), scaled to 16 bits. */
    private static int aLawByTheTable(int code) {
        int toggled = (code ^ 0x55) & 0xFF;
        int segment = (toggled >> 4) & 7;
        int step = toggled & 15;
        int magnitude = 8 * (segment == 0 ? 2 * step + 1 : (2 * step + 33) << (segment - 1));
        return (toggled & 0x80) != 0 ? magnitude : -magnitude;
    }

    @Test
    void everyMuLawCodeWordExpandsAsTheStandardsTableSays() {
        G711Decoder decoder = G711Decoder.muLaw();
        for (int code = 0; code < 256; code++) {
            assertEquals(muLawByTheTable(code), decoder.expand(code), "µ-law code " + code);
        }
        assertEquals(-32124, decoder.expand(0x00));
        assertEquals(32124, decoder.expand(0x80));
        assertEquals(0, decoder.expand(0xFF));
        assertEquals(0, decoder.expand(0x7F));
    }

    @Test
    void everyALawCodeWordExpandsAsTheStandardsTableSays() {
        G711Decoder decoder = G711Decoder.aLaw();
        for (int code = 0; code < 256; code++) {
            assertEquals(aLawByTheTable(code), decoder.expand(code), "A-law code " + code);
        }
        assertEquals(8, decoder.expand(0xD5));
        assertEquals(-8, decoder.expand(0x55));
        assertEquals(32256, decoder.expand(0xAA));
        assertEquals(-32256, decoder.expand(0x2A));
    }

    @Test
    void decodingThenEncodingGivesBackEveryCodeWord() throws IOException {
        for (AudioFormat.Encoding law : new AudioFormat.Encoding[] {AudioFormat.Encoding.ULAW, AudioFormat.Encoding.ALAW}) {
            G711Decoder decoder = law == AudioFormat.Encoding.ULAW ? G711Decoder.muLaw() : G711Decoder.aLaw();
            byte[] codes = new byte[256];
            for (int i = 0; i < 256; i++) {
                codes[i] = (byte) i;
            }
            short[] linear = new short[256];
            assertEquals(256, decoder.decode(codes, 0, 256, linear, 0));
            byte[] reencoded = encode(linear, law);
            for (int code = 0; code < 256; code++) {
                int expected = law == AudioFormat.Encoding.ULAW && code == 0x7F ? 0xFF : code; // µ-law's two zeros
                assertEquals(expected, reencoded[code] & 0xFF, law + " code " + code);
            }
        }
    }

    private static byte[] encode(short[] linear, AudioFormat.Encoding law) throws IOException {
        byte[] pcm = new byte[linear.length * 2];
        for (int i = 0; i < linear.length; i++) {
            pcm[2 * i] = (byte) linear[i];
            pcm[2 * i + 1] = (byte) (linear[i] >> 8);
        }
        AudioFormat pcmFormat = new AudioFormat(8000f, 16, 1, true, false);
        AudioFormat companded = new AudioFormat(law, 8000f, 8, 1, 1, 8000f, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), pcmFormat, linear.length);
             AudioInputStream out = AudioSystem.getAudioInputStream(companded, in)) {
            return out.readAllBytes();
        }
    }
}
