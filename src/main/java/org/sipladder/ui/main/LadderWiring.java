package org.sipladder.ui.main;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.ui.inspector.InspectorView;
import org.sipladder.ui.ladder.LadderView;
import org.sipladder.ui.ladder.LadderViewModel;

/** Connects the ladder to the main window: the selected call, the selected message, marked frames, hop names. */
final class LadderWiring {

    private final LadderView ladder = new LadderView();
    private final LadderViewModel model = ladder.viewModel();
    private final VBox node = new VBox();

    LadderWiring(MainWindowViewModel viewModel, InspectorView inspector) {
        ladder.setId("ladder");
        node.getChildren().addAll(joinNote(model), ladder);
        VBox.setVgrow(ladder, Priority.ALWAYS);
        model.setOnRenameHop(hop -> viewModel.renameHop(hop.place()));
        model.setOnOpenMessage(message -> focusFirst(inspector));
        viewModel.selectedFlowProperty().addListener((obs, old, flow) -> show(flow, viewModel));
        model.selectedMessageProperty().addListener((obs, old, message) -> {
            if (message != null && message != viewModel.selectedMessageProperty().get()) {
                viewModel.selectedMessageProperty().set(message);
            }
        });
        viewModel.selectedMessageProperty().addListener((obs, old, message) -> {
            if (message != model.selectedMessageProperty().get()) {
                model.selectedMessageProperty().set(message);
            }
        });
        viewModel.highlightedFramesProperty().addListener((obs, old, frames) -> model.highlightFrames(frames));
        show(viewModel.selectedFlowProperty().get(), viewModel);
    }

    LadderView ladder() {
        return ladder;
    }

    /** What the Ladder tab shows: the ladder, and above it the note that its legs were joined by a guess. */
    Node node() {
        return node;
    }

    /** One line above the ladder; the evidence on hover. */
    private static Label joinNote(LadderViewModel model) {
        Label note = new Label();
        note.setId("ladderJoinNote");
        note.getStyleClass().add("join-note");
        note.setMaxWidth(Double.MAX_VALUE);
        note.textProperty().bind(model.joinNoteProperty());
        Tooltip whole = new Tooltip();
        whole.setWrapText(true);
        whole.setMaxWidth(600);
        whole.textProperty().bind(model.joinGuessesProperty());
        note.setTooltip(whole);
        note.visibleProperty().bind(model.joinNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }

    /** setFlow clears the ladder's selection and marks; the window's selection and marks outlive it. */
    private void show(CallFlow flow, MainWindowViewModel viewModel) {
        FlowMessage keep = viewModel.selectedMessageProperty().get();
        model.setFlow(flow);
        model.highlightFrames(viewModel.highlightedFramesProperty().get());
        if (keep != null && flow != null && flow.messages().stream().anyMatch(m -> m == keep)) {
            model.selectedMessageProperty().set(keep);
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
