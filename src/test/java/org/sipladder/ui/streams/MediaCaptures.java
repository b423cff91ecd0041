package org.sipladder.ui.streams;

import java.nio.file.Path;
import org.sipladder.testkit.Captures;
import org.sipladder.ui.load.LoadObserver;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.load.PipelineCaptureLoader;

/** Loads test captures as the desktop app does, calls and media together. */
final class MediaCaptures {

    private MediaCaptures() {
    }

    static LoadedCapture load(Captures capture, Path file) throws Exception {
        capture.write(file);
        return new PipelineCaptureLoader().load(file, LoadObserver.none());
    }
}
