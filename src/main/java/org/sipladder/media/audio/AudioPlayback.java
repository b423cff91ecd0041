package org.sipladder.media.audio;

import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/** Plays decoded audio on the default sound output through javax.sound; blocks until done or stopped. */
public final class AudioPlayback {

    /** Thrown when there is no sound output to play on: one message for the user. */
    public static final class NoAudioOutputException extends Exception {
        private static final long serialVersionUID = 1L;

        public NoAudioOutputException(String message) {
            super(message);
        }
    }

    /**
     * Plays {@code audio} from the start, in chunks of a tenth of a second, until its end or until
     * {@code stopped} says so.
     *
     * @throws NoAudioOutputException when the machine has no sound output or it is busy
     */
    public void play(DecodedAudio audio, BooleanSupplier stopped) throws NoAudioOutputException {
        SourceDataLine line = open(audio);
        try {
            line.start();
            byte[] bytes = audio.pcmBytes();
            int chunk = audio.sampleRate() / 10 * 2;
            for (int at = 0; at < bytes.length && !stopped.getAsBoolean(); at += chunk) {
                line.write(bytes, at, Math.min(chunk, bytes.length - at));
            }
            if (stopped.getAsBoolean()) {
                line.stop();
                line.flush();
            } else {
                line.drain();
            }
        } finally {
            line.close();
        }
    }

    private static SourceDataLine open(DecodedAudio audio) throws NoAudioOutputException {
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(audio.format());
            line.open(audio.format());
            return line;
        } catch (IllegalArgumentException | SecurityException e) {
            throw new NoAudioOutputException("This computer has no sound output that can play "
                    + audio.sampleRate() + " Hz audio. Use Export WAV... and play the file elsewhere.");
        } catch (LineUnavailableException e) {
            throw new NoAudioOutputException("The sound output is busy or unavailable (" + e.getMessage()
                    + "). Close other programs using it, or use Export WAV....");
        }
    }
}
