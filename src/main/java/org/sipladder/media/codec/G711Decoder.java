package org.sipladder.media.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * G.711 µ-law or A-law, one byte per sample. The expansion is the JDK's own (javax.sound.sampled converts
 * ULAW and ALAW to linear PCM): it is asked once per decoder for all 256 code words, then decoding is a look-up.
 */
final class G711Decoder implements FrameDecoder {

    private final short[] linear;

    private G711Decoder(AudioFormat.Encoding law) {
        this.linear = expandAll(law);
    }

    static G711Decoder muLaw() {
        return new G711Decoder(AudioFormat.Encoding.ULAW);
    }

    static G711Decoder aLaw() {
        return new G711Decoder(AudioFormat.Encoding.ALAW);
    }

    /** The linear value of one code word. */
    short expand(int codeWord) {
        return linear[codeWord & 0xFF];
    }

    @Override
    public int samplesFor(int payloadBytes) {
        return payloadBytes;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = linear[payload[offset + i] & 0xFF];
        }
        return length;
    }

    private static short[] expandAll(AudioFormat.Encoding law) {
        byte[] codes = new byte[256];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) i;
        }
        AudioFormat companded = new AudioFormat(law, 8000f, 8, 1, 1, 8000f, false);
        AudioFormat pcm = new AudioFormat(8000f, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(codes), companded, codes.length);
             AudioInputStream converted = AudioSystem.getAudioInputStream(pcm, in)) {
            byte[] bytes = converted.readAllBytes();
            short[] values = new short[codes.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("the JDK's G.711 " + law + " converter failed", e);
        }
    }
}
