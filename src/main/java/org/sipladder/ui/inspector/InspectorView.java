package org.sipladder.ui.inspector;

import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** The message inspector: header and SDP tables on the left, coloured raw text on the right. */
public final class InspectorView extends BorderPane {

    private final SplitPane split = new SplitPane();

    public InspectorView(InspectorViewModel viewModel) {
        Label summary = new Label();
        summary.setId("inspectorSummary");
        summary.getStyleClass().add("inspector-summary");
        summary.textProperty().bind(viewModel.summaryProperty());
        Button copy = new Button("Copy raw message");
        copy.setId("copyRaw");
        copy.setTooltip(new Tooltip("Copies the message as shown (authorization credentials hidden)"));
        copy.disableProperty().bind(viewModel.rawTextProperty().isEmpty());
        copy.setOnAction(e -> viewModel.copyRawMessage());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, summary, spacer, copy);
        top.setStyle("-fx-alignment: center-left; -fx-padding: 2 4 2 4;");

        TableView<HeaderRow> headers = headerTable(viewModel);
        VBox.setVgrow(headers, Priority.ALWAYS);
        VBox left = new VBox(headers);
        addSdpTableOnFirstSdp(viewModel, left);

        TextFlow raw = new TextFlow();
        raw.setId("rawText");
        raw.getStyleClass().add("raw-text");
        viewModel.rawTextProperty().addListener((obs, old, text) -> raw.getChildren().setAll(
                RawSipText.spans(text).stream().map(InspectorView::styled).toList()));
        ScrollPane rawScroll = new ScrollPane(raw);
        // Lines stay as sent (no wrapping), as in Wireshark; long Via lines scroll sideways.
        rawScroll.setFitToWidth(false);

        split.getItems().addAll(left, rawScroll);
        split.setDividerPositions(0.5);
        split.setOrientation(Orientation.HORIZONTAL);
        setTop(top);
        setCenter(split);
    }

    /** Many messages have no SDP: the table is only built (and styled, and laid out) once one has. */
    private static void addSdpTableOnFirstSdp(InspectorViewModel viewModel, VBox left) {
        InvalidationListener addTable = new InvalidationListener() {
            @Override
            public void invalidated(Observable sdpRows) {
                if (viewModel.sdp().isEmpty()) {
                    return;
                }
                viewModel.sdp().removeListener(this);
                TableView<SdpRow> sdp = sdpTable(viewModel);
                sdp.setPrefHeight(90);
                sdp.managedProperty().bind(sdp.visibleProperty());
                sdp.visibleProperty().bind(Bindings.isNotEmpty(viewModel.sdp()));
                left.getChildren().add(sdp);
            }
        };
        viewModel.sdp().addListener(addTable);
        addTable.invalidated(viewModel.sdp());
    }

    public SplitPane split() {
        return split;
    }

    private static Text styled(RawSipText.Span span) {
        Text text = new Text(span.text());
        text.getStyleClass().add(span.styleClass());
        return text;
    }

    private static TableView<HeaderRow> headerTable(InspectorViewModel viewModel) {
        TableView<HeaderRow> table = new TableView<>(viewModel.headers());
        table.setId("inspectorHeaders");
        table.setPlaceholder(new Label("Select a message in the ladder to see its headers."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(textColumn("Header", 150, HeaderRow::name));
        TableColumn<HeaderRow, String> value = textColumn("Value", 400, HeaderRow::value);
        value.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                // Long values (Via, To with a LiveKit host) are cut off in the column; the tooltip shows them whole.
                setTooltip(empty || item == null || item.length() < 40 ? null : new Tooltip(item));
            }
        });
        table.getColumns().add(value);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HeaderRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("header-important");
                if (!empty && row != null && row.important()) {
                    getStyleClass().add("header-important");
                }
            }
        });
        return table;
    }

    private static TableView<SdpRow> sdpTable(InspectorViewModel viewModel) {
        TableView<SdpRow> table = new TableView<>(viewModel.sdp());
        table.setId("inspectorSdp");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(textColumn("SDP media", 150, SdpRow::media));
        table.getColumns().add(textColumn("Codecs", 150, SdpRow::codecs));
        table.getColumns().add(textColumn("Address", 110, SdpRow::connection));
        table.getColumns().add(textColumn("Direction", 70, SdpRow::direction));
        table.getColumns().add(textColumn("Note", 200, SdpRow::warning));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(SdpRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("sdp-flagged");
                if (!empty && row != null && row.flagged()) {
                    getStyleClass().add("sdp-flagged");
                }
            }
        });
        return table;
    }

    private static <R> TableColumn<R, String> textColumn(String title, double width, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
