package org.sipladder.media.audio;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.sipladder.OutputFile;

/** Writes decoded audio as a WAV file (16-bit PCM) through javax.sound. */
public final class WavFile {

    private WavFile() {
    }

    /** Writes {@code audio} to {@code target} as {@link OutputFile} does: whole, through a link, into a pipe. */
    public static void write(DecodedAudio audio, Path target) throws IOException {
        new OutputFile(target).write(out -> {
            // the stream's length is known, so the header is written first and nothing is read back
            try (AudioInputStream stream = audio.stream()) {
                AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
            }
        });
    }
}
