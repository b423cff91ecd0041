package org.sipladder.ui.load;

import java.nio.file.Path;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.LiveFeed;

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

    /**
     * Shows what a live source receives until {@link LoadObserver#cancelled()} (the user's Stop), at most
     * {@code callLimit} calls at a time (the oldest finished ones leave first, {@link LoadObserver#liveCallsDropped}),
     * then reads back the file it wrote, every call of it, so that the calls can be inspected and saved like those of
     * any capture.
     */
    default LoadedCapture loadLive(LiveFeed feed, int callLimit, LoadObserver observer) throws CaptureLoadException {
        throw new CaptureLoadException("This loader reads files only.");
    }
}
