package org.sipladder.media.audio;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes decoded audio as a WAV file (16-bit PCM) through javax.sound. */
public final class WavFile {

    private WavFile() {
    }

    public static void write(DecodedAudio audio, Path target) throws IOException {
        try (AudioInputStream stream = audio.stream()) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, target.toFile());
        }
    }
}
