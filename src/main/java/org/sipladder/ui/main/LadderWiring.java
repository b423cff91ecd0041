package org.sipladder.ui.main;

import java.util.Set;
import javafx.scene.Node;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.ui.inspector.InspectorView;
import org.sipladder.ui.ladder.LadderView;

/** Connects the ladder to the main window: the selected call, the selected message, marked frames, hop names. */
final class LadderWiring {

    private final LadderView ladder = new LadderView();

    LadderWiring(MainWindowViewModel viewModel, InspectorView inspector) {
        ladder.setId("ladder");
        ladder.setOnRenameHop(hop -> viewModel.renameHop(hop.address()));
        ladder.setOnOpenMessage(message -> focusFirst(inspector));
        viewModel.selectedFlowProperty().addListener((obs, old, flow) -> show(flow, viewModel));
        ladder.selectedMessageProperty().addListener((obs, old, message) -> {
            if (message != null && message != viewModel.selectedMessageProperty().get()) {
                viewModel.selectedMessageProperty().set(message);
            }
        });
        viewModel.selectedMessageProperty().addListener((obs, old, message) -> {
            if (message != ladder.selectedMessageProperty().get()) {
                ladder.selectedMessageProperty().set(message);
            }
        });
        viewModel.highlightedFramesProperty().addListener((obs, old, frames) -> ladder.highlightFrames(frames));
        show(viewModel.selectedFlowProperty().get(), viewModel);
    }

    LadderView ladder() {
        return ladder;
    }

    /** setFlow clears the ladder's selection and marks; the window's selection and marks outlive it. */
    private void show(CallFlow flow, MainWindowViewModel viewModel) {
        FlowMessage keep = viewModel.selectedMessageProperty().get();
        ladder.setFlow(flow);
        Set<Long> frames = viewModel.highlightedFramesProperty().get();
        if (!frames.isEmpty()) {
            ladder.highlightFrames(frames);
        }
        if (keep != null && flow != null && flow.messages().stream().anyMatch(m -> m == keep)) {
            ladder.selectedMessageProperty().set(keep);
            viewModel.selectedMessageProperty().set(keep);
        }
    }

    private static void focusFirst(InspectorView inspector) {
        Node headers = inspector.lookup("#inspectorHeaders");
        if (headers != null) {
            headers.requestFocus();
        }
    }
}
