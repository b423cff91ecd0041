package org.sipladder.media.audio;

import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * A stream's audio as 16-bit mono linear PCM.
 *
 * @param sampleRate     samples per second (8000 for G.711, 16000 for G.722)
 * @param samples        the samples, lost packets and silent periods filled with zeros
 * @param frames         how many RTP packets were decoded
 * @param silenceSamples how many of the samples are filled-in silence
 */
public record DecodedAudio(int sampleRate, short[] samples, int frames, int silenceSamples) {

    /** 16-bit signed little-endian mono, the format of {@link #pcmBytes()}. */
    public AudioFormat format() {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** The samples as little-endian bytes. */
    public byte[] pcmBytes() {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }

    /** The audio as a javax.sound stream, for writing files or feeding a line. */
    public AudioInputStream stream() {
        return new AudioInputStream(new ByteArrayInputStream(pcmBytes()), format(), samples.length);
    }
}
