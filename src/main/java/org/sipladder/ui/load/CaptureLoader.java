package org.sipladder.ui.load;

import java.nio.file.Path;

/** Reads a capture into call flows, reporting progress and partial results while it reads. */
@FunctionalInterface
public interface CaptureLoader {

    /**
     * Reads {@code capture}; returns what was read so far when {@link LoadObserver#cancelled()} turns true.
     *
     * @throws CaptureLoadException when the file cannot be read at all, with a message for the user
     */
    LoadedCapture load(Path capture, LoadObserver observer) throws CaptureLoadException;
}
