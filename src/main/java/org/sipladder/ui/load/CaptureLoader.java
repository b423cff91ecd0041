package org.sipladder.ui.load;

import java.nio.file.Path;
import org.sipladder.source.CaptureFiles;

/** Reads a capture into call flows, reporting progress and partial results while it reads. */
@FunctionalInterface
public interface CaptureLoader {

    /**
     * Reads {@code capture}; returns what was read so far when {@link LoadObserver#cancelled()} turns true.
     *
     * @throws CaptureLoadException when the file cannot be read at all, with a message for the user
     */
    LoadedCapture load(Path capture, LoadObserver observer) throws CaptureLoadException;

    /**
     * Reads several files as one capture on one timeline; with {@code estimateClocks} their clock corrections are
     * first estimated from the messages they share (else those of {@code files} are used). A loader that reads
     * single files only refuses several.
     */
    default LoadedCapture load(CaptureFiles files, boolean estimateClocks, LoadObserver observer)
            throws CaptureLoadException {
        if (!files.single()) {
            throw new CaptureLoadException("Open one capture at a time here.");
        }
        return load(files.files().get(0), observer);
    }
}
