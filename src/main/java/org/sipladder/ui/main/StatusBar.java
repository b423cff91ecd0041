package org.sipladder.ui.main;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** The line at the bottom: what happened last, and while reading a capture the bytes read and a Cancel button. */
final class StatusBar extends HBox {

    StatusBar(MainWindowViewModel viewModel) {
        getStyleClass().add("status-bar");
        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(viewModel.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(viewModel.statusProperty());
        status.setTooltip(tip);
        HBox.setHgrow(status, Priority.ALWAYS);

        ProgressBar progress = new ProgressBar();
        progress.setId("loadProgress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(viewModel.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.textProperty().bind(viewModel.stopLabelProperty());
        cancel.setId("cancelLoad");
        cancel.setOnAction(e -> viewModel.cancelLoading());
        for (var node : new javafx.scene.Node[] {progress, cancel}) {
            node.visibleProperty().bind(viewModel.loadingProperty());
            node.managedProperty().bind(viewModel.loadingProperty());
        }
        setStyle("-fx-alignment: center-left;");
        getChildren().addAll(status, progress, cancel);
    }
}
