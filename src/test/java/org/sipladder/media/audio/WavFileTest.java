package org.sipladder.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

    @Test
    void aWrittenFileReadsBackAsTheSameSixteenBitAudio(@TempDir Path dir) throws Exception {
        short[] samples = new short[16000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i * 7 - 20000);
        }
        DecodedAudio audio = new DecodedAudio(16000, samples, 50, 0);
        Path file = dir.resolve("stream.wav");
        WavFile.write(audio, file);

        AudioFileFormat fileFormat = AudioSystem.getAudioFileFormat(file.toFile());
        assertEquals(AudioFileFormat.Type.WAVE, fileFormat.getType());
        AudioFormat format = fileFormat.getFormat();
        assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
        assertEquals(16000f, format.getSampleRate());
        assertEquals(16, format.getSampleSizeInBits());
        assertEquals(1, format.getChannels());
        assertEquals(16000, fileFormat.getFrameLength());
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertArrayEquals(audio.pcmBytes(), in.readAllBytes());
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsNamedAndNothingIsLeftBehind(@TempDir Path dir) throws Exception {
        Path capture = Files.writeString(dir.resolve("call.pcap"), "a capture");
        Path wav = capture.resolve("stream.wav");

        IOException error = assertThrows(IOException.class,
                () -> WavFile.write(new DecodedAudio(8000, new short[800], 5, 0), wav));

        assertEquals("cannot write " + wav + ": " + capture + " is a file, not a folder", error.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(capture), files.toList());
        }
    }
}
