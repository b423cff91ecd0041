package org.sipladder.ui.streams;

import java.nio.file.Path;
import org.sipladder.testkit.Captures;
import org.sipladder.ui.FakeDialogs;
import org.sipladder.ui.load.LoadObserver;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.load.PipelineCaptureLoader;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;

/** Loads test captures as the desktop app does, calls and media together. */
final class MediaCaptures {

    private MediaCaptures() {
    }

    /** A Streams view model with the real audio source, a synchronous executor, fake dialogs and no sound. */
    static StreamsViewModel viewModel() {
        return new StreamsViewModel(new CurrentThreadTaskExecutor(), new FakeDialogs(),
                StreamAudioSource.fromCapture(), (audio, stopped) -> { });
    }

    static LoadedCapture load(Captures capture, Path file) throws Exception {
        capture.write(file);
        return new PipelineCaptureLoader().load(file, LoadObserver.none());
    }
}
