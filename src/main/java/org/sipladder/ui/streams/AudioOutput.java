package org.sipladder.ui.streams;

import java.util.function.BooleanSupplier;
import org.sipladder.media.audio.AudioPlayback;
import org.sipladder.media.audio.DecodedAudio;

/** Where decoded audio is played, behind an interface so view-models test without a sound card. */
@FunctionalInterface
public interface AudioOutput {

    /**
     * Plays {@code audio} to its end or until {@code stopped} says so; blocks, so callers run it off the UI thread.
     *
     * @throws AudioPlayback.NoAudioOutputException when there is nothing to play on
     */
    void play(DecodedAudio audio, BooleanSupplier stopped) throws AudioPlayback.NoAudioOutputException;

    /** The computer's default sound output, through javax.sound. */
    static AudioOutput javaSound() {
        AudioPlayback playback = new AudioPlayback();
        return playback::play;
    }
}
