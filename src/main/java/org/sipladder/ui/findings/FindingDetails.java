package org.sipladder.ui.findings;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.sipladder.diagnose.Finding;
import org.sipladder.ui.dialog.ClipboardService;

/** The detail of one finding: explanation, clickable evidence, fix steps and copyable commands. */
final class FindingDetails extends VBox {

    private final FindingsViewModel viewModel;
    private final Consumer<Long> openFrame;
    private final Consumer<String> openConfigId;
    private final ClipboardService clipboard;

    FindingDetails(FindingsViewModel viewModel, Consumer<Long> openFrame, Consumer<String> openConfigId,
                   ClipboardService clipboard) {
        this.viewModel = viewModel;
        this.openFrame = openFrame;
        this.openConfigId = openConfigId;
        this.clipboard = clipboard;
        setId("findingDetails");
        setSpacing(4);
        getStyleClass().add("finding-details");
        viewModel.selectedFindingProperty().addListener((obs, old, finding) -> show(finding));
        show(null);
    }

    private void show(Finding f) {
        getChildren().clear();
        if (f == null) {
            getChildren().add(wrapped("Select a finding to see its explanation, evidence and fix.", "finding-hint"));
            return;
        }
        getChildren().add(wrapped(f.title(), "finding-title"));
        getChildren().add(wrapped(f.code() + " · " + f.severity().name().toLowerCase()
                + (f.primary() ? " · primary cause" : "")
                + viewModel.callTitle(f).map(c -> " · " + c).orElse(""), "finding-meta"));
        getChildren().add(wrapped(f.explanation(), "finding-text"));
        if (f.evidence() != null) {
            addEvidence(f);
        }
        if (f.flowId() != null) {
            // what LiveKit's routing of the call says, unless the evidence already says it word for word
            List<String> routings = viewModel.routingSummaries(f.flowId()).stream()
                    .filter(r -> f.evidence() == null || !f.evidence().facts().contains(r)).distinct().toList();
            if (!routings.isEmpty()) {
                getChildren().add(wrapped("LiveKit routing", "section-title"));
                routings.forEach(r -> getChildren().add(wrapped(r, "finding-text")));
            }
        }
        if (f.fix() != null) {
            addFix(f);
        }
    }

    private void addEvidence(Finding f) {
        getChildren().add(wrapped("Evidence", "section-title"));
        FlowPane links = new FlowPane(4, 2);
        for (Long frame : f.evidence().frames()) {
            Hyperlink link = new Hyperlink("frame " + frame);
            link.getStyleClass().add("evidence-frame");
            link.setOnAction(e -> openFrame.accept(frame));
            links.getChildren().add(link);
        }
        for (String id : f.evidence().configIds()) {
            Hyperlink link = new Hyperlink(id);
            link.getStyleClass().add("evidence-config");
            link.setOnAction(e -> openConfigId.accept(id));
            links.getChildren().add(link);
        }
        if (!links.getChildren().isEmpty()) {
            getChildren().add(links);
        }
        for (String fact : f.evidence().facts()) {
            getChildren().add(wrapped("• " + fact, "finding-text"));
        }
    }

    private void addFix(Finding f) {
        getChildren().add(wrapped("Fix", "section-title"));
        int n = 1;
        for (String step : f.fix().steps()) {
            getChildren().add(wrapped(n++ + ". " + step, "finding-text"));
        }
        for (String command : f.fix().commands()) {
            TextField text = new TextField(command);
            text.setEditable(false);
            text.getStyleClass().add("fix-command");
            HBox.setHgrow(text, Priority.ALWAYS);
            getChildren().add(new HBox(4, text, copyButton(command)));
        }
        if (f.fix().json() != null && !f.fix().json().isBlank()) {
            TextArea json = new TextArea(f.fix().json());
            json.setEditable(false);
            json.getStyleClass().add("fix-command");
            json.setPrefRowCount(Math.min(12, (int) f.fix().json().lines().count() + 1));
            getChildren().addAll(json, copyButton(f.fix().json()));
        }
    }

    private Button copyButton(String text) {
        Button copy = new Button("Copy");
        copy.getStyleClass().add("copy-command");
        copy.setOnAction(e -> clipboard.copy(text));
        return copy;
    }

    private static Node wrapped(String text, String styleClass) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Label.USE_PREF_SIZE);
        label.getStyleClass().add(styleClass);
        return label;
    }
}
