package org.sipladder.ui.inspector;

import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.sipladder.ui.calls.ColumnFit;

/** The message inspector: header and SDP tables on the left, coloured raw text on the right. */
public final class InspectorView extends BorderPane {

    private static final double SDP_ROW_HEIGHT = 24;
    private static final double SDP_HEADER_HEIGHT = 30;
    private static final int SDP_MAX_ROWS = 4;
    /** About four lines: a fuzzed message's dozen reasons must not push the headers out of sight. */
    private static final double PROBLEM_MAX_HEIGHT = 72;

    private final SplitPane split = new SplitPane();
    private final TextArea raw = new TextArea();
    private final TextField find = new TextField();

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
        Label findStatus = new Label();
        findStatus.getStyleClass().add("find-status");
        findStatus.textProperty().bind(viewModel.findStatusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // An IPv6 summary is longer than a small window: it gives way (whole on hover), the controls keep their labels.
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(summary.textProperty());
        summary.setTooltip(whole);
        for (Region control : new Region[] {findStatus, find, copy}) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox top = new HBox(6, summary, spacer, findStatus, find, copy);
        top.setStyle("-fx-alignment: center-left; -fx-padding: 2 4 2 4;");
        VBox above = new VBox(top, problemLabel(viewModel));

        TableView<HeaderRow> headers = headerTable(viewModel);
        headers.setMinHeight(90);
        VBox.setVgrow(headers, Priority.ALWAYS);
        VBox left = new VBox(headers);
        addSdpTableOnFirstSdp(viewModel, left);

        // A text area rather than coloured text: values must be selectable and copyable, as in Wireshark.
        raw.setId("rawText");
        raw.getStyleClass().add("raw-text");
        raw.setEditable(false);
        raw.setWrapText(false);
        raw.textProperty().bind(viewModel.rawTextProperty());
        find.setId("inspectorFind");
        find.setPromptText("Find in call (Ctrl+F)");
        find.setPrefColumnCount(16);
        find.setOnAction(e -> viewModel.findNext(find.getText(), raw.getSelection().getLength() > 0
                ? raw.getSelection().getStart() + 1 : raw.getCaretPosition()));
        viewModel.matchProperty().addListener((obs, old, match) -> {
            if (match != null) {
                raw.selectRange(match.start(), match.end());
            }
        });

        split.getItems().addAll(left, raw);
        split.setDividerPositions(0.5);
        split.setOrientation(Orientation.HORIZONTAL);
        setTop(above);
        setCenter(split);
    }

    /**
     * The full parser's reasons, wrapped over a few lines (whole on hover) and only there when a message has any: the
     * first thing to read about a malformed message.
     */
    private static Label problemLabel(InspectorViewModel viewModel) {
        Label problem = new Label();
        problem.setId("inspectorProblem");
        problem.getStyleClass().add("inspector-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        problem.setWrapText(true);
        problem.setMaxHeight(PROBLEM_MAX_HEIGHT);
        problem.setMaxWidth(Double.MAX_VALUE);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(problem.textProperty());
        whole.setWrapText(true);
        whole.setMaxWidth(800);
        problem.setTooltip(whole);
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return problem;
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
                // The header table grows and shrinks; the SDP table always shows its rows (an offer has few).
                sdp.setFixedCellSize(SDP_ROW_HEIGHT);
                sdp.minHeightProperty().bind(Bindings.createDoubleBinding(
                        () -> SDP_HEADER_HEIGHT + Math.max(1, Math.min(SDP_MAX_ROWS, viewModel.sdp().size())) * SDP_ROW_HEIGHT,
                        viewModel.sdp()));
                sdp.prefHeightProperty().bind(sdp.minHeightProperty());
                sdp.maxHeightProperty().bind(sdp.minHeightProperty());
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

    /** Puts the cursor in the Find box (Ctrl+F), with its text selected so typing replaces it. */
    public void focusFind() {
        find.requestFocus();
        find.selectAll();
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
        MenuItem copyValue = new MenuItem("Copy value");
        copyValue.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copyValue.setOnAction(e -> viewModel.copyValue(table.getSelectionModel().getSelectedItem()));
        MenuItem copyLine = new MenuItem("Copy header line");
        copyLine.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        copyLine.setOnAction(e -> viewModel.copyLine(table.getSelectionModel().getSelectedItem()));
        table.setContextMenu(new ContextMenu(copyValue, copyLine));
        // A context menu's accelerators only work while it is open: the table answers the keys itself.
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (copyLine.getAccelerator().match(e)) {
                copyLine.fire();
                e.consume();
            } else if (copyValue.getAccelerator().match(e)) {
                copyValue.fire();
                e.consume();
            }
        });
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

    /** The SDP table's codecs column: its width at first, and the most it takes to show long codec lists whole. */
    private static final double CODECS_WIDTH = 150;
    private static final double CODECS_MAX_WIDTH = 480;
    /** The SDP table's note column at first, which it keeps when the codecs want more. */
    private static final double NOTE_WIDTH = 200;

    private static TableView<SdpRow> sdpTable(InspectorViewModel viewModel) {
        TableView<SdpRow> table = new TableView<>(viewModel.sdp());
        table.setId("inspectorSdp");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(textColumn("SDP media", 150, SdpRow::media));
        TableColumn<SdpRow, String> codecs = textColumn("Codecs", CODECS_WIDTH, SdpRow::codecs);
        table.getColumns().add(codecs);
        // the codecs take what they need (up to a limit) from the room the note, the last column, has to spare
        Runnable fit = () -> Platform.runLater(() -> fitCodecs(table, codecs, viewModel.sdp()));
        viewModel.sdp().addListener((ListChangeListener<SdpRow>) change -> fit.run());
        table.widthProperty().addListener((obs, was, now) -> fit.run());
        // an IPv4 address and the direction are read whole ("172.20.11...." or "send..." hide a one-way call's cause);
        // the codecs and the note give way first, the raw message beside shows them
        table.getColumns().add(ColumnFit.atLeast(textColumn("Address", 110, SdpRow::connection), "255.255.255.255"));
        table.getColumns().add(textColumn("Direction", 70, SdpRow::direction));
        table.getColumns().add(textColumn("Note", NOTE_WIDTH, SdpRow::warning));
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

    /**
     * Widens {@code codecs} to show the longest list whole (up to a limit) with room the last column, the note, has
     * beyond its own text or {@link #NOTE_WIDTH}: a wide window shows the codecs whole, a narrow one keeps the note
     * as it was.
     */
    private static void fitCodecs(TableView<SdpRow> table, TableColumn<SdpRow, String> codecs, List<SdpRow> rows) {
        double need = CODECS_WIDTH;
        for (SdpRow row : rows) {
            need = Math.max(need, Math.min(CODECS_MAX_WIDTH, ColumnFit.width(row.codecs())));
        }
        if (codecs.getWidth() >= need - 0.5) {
            return;
        }
        TableColumn<SdpRow, ?> note = table.getColumns().get(table.getColumns().size() - 1);
        // the columns between hand what they have beyond their first widths to the note (the resize policy's flexible
        // last column), which gives the codecs what it does not need for its own text or its first width
        for (TableColumn<SdpRow, ?> c : table.getColumns()) {
            double extra = c.getWidth() - Math.max(c.getMinWidth(), c.getPrefWidth());
            if (c != codecs && c != note && extra > 0.5) {
                table.resizeColumn(c, -extra);
            }
        }
        double noteNeed = note.getMinWidth();
        for (SdpRow row : rows) {
            noteNeed = Math.max(noteNeed, ColumnFit.width(row.warning()));
        }
        double delta = Math.min(need - codecs.getWidth(), note.getWidth() - Math.min(noteNeed, NOTE_WIDTH));
        if (delta > 0.5) {
            table.resizeColumn(codecs, delta);
        }
    }

    private static <R> TableColumn<R, String> textColumn(String title, double width, Function<R, String> value) {
        TableColumn<R, String> column = ColumnFit.atLeast(new TableColumn<>(title), title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
