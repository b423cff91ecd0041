package org.sipladder.ui.streams;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;
import org.sipladder.ladder.LadderStream;
import org.sipladder.ladder.LadderStreams;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.ladder.LadderView;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.task.TaskExecutor;

/**
 * Connects the media views to the main window: the Streams tab follows the selected call of the loaded capture,
 * and the ladder draws that call's streams among its messages.
 */
public final class StreamsWiring {

    private final StreamsViewModel viewModel;
    private final ReadOnlyObjectProperty<LoadedCapture> capture;

    public StreamsWiring(ReadOnlyObjectProperty<LoadedCapture> capture, ReadOnlyObjectProperty<CallFlow> selectedFlow,
                         LadderView ladder, StreamsViewModel viewModel) {
        this.viewModel = viewModel;
        this.capture = capture;
        ladder.viewModel().setStreamSource(this::ladderStreams);
        selectedFlow.addListener((obs, old, flow) -> show(flow));
        capture.addListener((obs, old, now) -> {
            // calls are listed (and one may be on the ladder) while the capture is read; its media comes at the end
            ladder.viewModel().setStreamSource(this::ladderStreams);
            show(selectedFlow.get());
        });
        show(selectedFlow.get());
    }

    /** With the real services: the task executor, the app's dialogs, the capture file and the sound output. */
    public static StreamsWiring of(ReadOnlyObjectProperty<LoadedCapture> capture,
                                   ReadOnlyObjectProperty<CallFlow> selectedFlow, LadderView ladder,
                                   TaskExecutor executor, DialogService dialogs) {
        return new StreamsWiring(capture, selectedFlow, ladder, new StreamsViewModel(executor, dialogs,
                StreamAudioSource.fromCapture(), AudioOutput.javaSound()));
    }

    public StreamsViewModel viewModel() {
        return viewModel;
    }

    private void show(CallFlow flow) {
        LoadedCapture loaded = capture.get();
        viewModel.show(loaded == null ? null : loaded.file(), loaded == null ? null : loaded.media(), flow);
    }

    private List<LadderStream> ladderStreams(CallFlow flow) {
        LoadedCapture loaded = capture.get();
        if (loaded == null || flow == null) {
            return List.of();
        }
        return LadderStreams.of(loaded.media().streamsOf(flow.legs().stream().map(Leg::callId).toList()), flow);
    }
}
