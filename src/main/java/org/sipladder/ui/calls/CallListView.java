package org.sipladder.ui.calls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.sipladder.ui.dialog.ClipboardService;

/** The call list with its filter box; binds to a {@link CallListViewModel} and nothing else. */
public final class CallListView extends VBox {

    static final double ROW_HEIGHT = 24;
    private static final double HEADER_HEIGHT = 30;
    /** Calls the list shows at the least, however few the capture has. */
    public static final int MIN_ROWS = 4;

    private final TableView<CallRow> table = new TableView<>();
    private final HBox bar;
    private final CallListViewModel viewModel;

    private static final KeyCombination COPY_ROW = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final MenuItem copyCallId = new MenuItem("Copy Call-ID");
    private final MenuItem copyRow = new MenuItem("Copy row");
    private final ContextMenu rowMenu = new ContextMenu(copyCallId, copyRow);
    private final ClipboardService clipboard;
    private final TextField filter = new TextField();

    public CallListView(CallListViewModel viewModel, TimeFormat timeFormat, ClipboardService clipboard) {
        this.clipboard = clipboard;
        this.viewModel = viewModel;
        filter.setId("callFilter");
        filter.setPromptText("Filter: any text, or method:INVITE status:4xx failed from: to: callid: ip: header:Name=value finding:CODE");
        filter.setTooltip(new javafx.scene.control.Tooltip("Terms separated by blanks must all match; quotes keep blanks in a term.\n"
                + "method:INVITE  status:503 or status:5xx (any response)  failed\n"
                + "from:4930  to:4940  callid:abc  ip:10.0.0.1  header:User-Agent=Zoiper  finding:LK_TRUNK_CONFLICT"));
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());
        // Escape leaves the filter (keeping it) for the calls it shows, as Escape leaves sngrep's filter field
        filter.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                table.requestFocus();
                e.consume();
            }
        });
        Label count = new Label();
        count.setId("callCount");
        count.textProperty().bind(viewModel.countTextProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        bar = new HBox(6, filter, count, legend());
        bar.setStyle("-fx-alignment: center-left; -fx-padding: 2 4 2 4;");

        table.setId("callTable");
        Label placeholder = new Label();
        placeholder.setId("callPlaceholder");
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        table.setPlaceholder(placeholder);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // The start time is read to the millisecond and every column keeps its whole title: at 1024 px From, To
        // and Call-ID give way first.
        table.getColumns().add(ColumnFit.atLeast(column("Start", 170, CallRow::startMicros, timeFormat::start),
                "8888-88-88 88:88:88.888"));
        TableColumn<CallRow, String> callId = column("Call-ID", 160, CallRow::callId, s -> s);
        callId.setId("callIdColumn");
        table.getColumns().add(callId);
        TableColumn<CallRow, String> method = ColumnFit.atLeast(column("Method", 70, CallRow::method, s -> s), "REGISTER");
        method.setId("methodColumn");
        table.getColumns().add(method);
        table.getColumns().add(column("From", 140, CallRow::from, s -> s));
        table.getColumns().add(column("To", 140, CallRow::to, s -> s));
        table.getColumns().add(column("Legs", 50, CallRow::legs, String::valueOf));
        table.getColumns().add(column("Hops", 50, CallRow::hops, String::valueOf));
        table.getColumns().add(statusColumn());
        table.getColumns().add(column("Post-dial delay", 110, CallRow::postDialDelayMicros, TimeFormat::duration));
        table.getColumns().add(column("Duration", 90, CallRow::durationMicros, TimeFormat::duration));

        // The table gets each new set of visible calls as one replacement, sorted here (n log n) rather than by a
        // SortedList, which takes a big change row by row on the FX thread.
        table.setSortPolicy(t -> {
            showSorted(viewModel.visibleRows());
            return true;
        });
        viewModel.visibleRows().addListener((ListChangeListener<CallRow>) c -> showSorted(viewModel.visibleRows()));
        showSorted(viewModel.visibleRows());
        bindSelection(viewModel);
        // Columns can be hidden from the "+" button in the header, as in Wireshark's packet list.
        table.setTableMenuButtonVisible(true);
        table.setContextMenu(rowMenu);
        copyCallId.setOnAction(e -> selected().ifPresent(row -> clipboard.copy(row.callId())));
        copyRow.setOnAction(e -> selected().ifPresent(row -> clipboard.copy(row.asText(timeFormat))));
        copyCallId.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        copyRow.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY_ROW.match(e)) {
                copyRow.fire();
                e.consume();
            }
        });

        // A small capture's calls all show (four at the least); the rest of the height goes to the ladder.
        table.setFixedCellSize(ROW_HEIGHT);
        table.setMinHeight(HEADER_HEIGHT + MIN_ROWS * ROW_HEIGHT);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);
    }

    /** The height that shows {@code rows} calls below the filter box and the column titles. */
    public double heightFor(int rows) {
        Node titles = table.lookup(".column-header-background");
        double header = titles instanceof Region r && r.getHeight() > 0 ? r.getHeight() : HEADER_HEIGHT;
        return snappedTopInset() + bar.prefHeight(-1) + table.snappedTopInset() + header + rows * ROW_HEIGHT
                + table.snappedBottomInset() + snappedBottomInset();
    }

    /** How many whole calls {@code height} shows below the filter box and the column titles. */
    public int rowsFitting(double height) {
        return (int) Math.floor((height - heightFor(0)) / ROW_HEIGHT);
    }

    /** Puts the cursor in the filter box with its text selected, so that typing replaces the filter. */
    public void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    public TableView<CallRow> table() {
        return table;
    }

    /**
     * Adds actions on the selected call below the copy items (e.g. saving the call as pcap): each gets the
     * call's row when chosen, and is disabled while no call is selected.
     */
    public void addCallAction(String text, Consumer<CallRow> action) {
        if (rowMenu.getItems().size() == 2) {
            rowMenu.getItems().add(new SeparatorMenuItem());
        }
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> selected().ifPresent(action));
        item.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        rowMenu.getItems().add(item);
    }

    private Optional<CallRow> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    /** What the colours of the status column mean. */
    private static HBox legend() {
        HBox legend = new HBox(8);
        legend.setId("statusLegend");
        legend.setStyle("-fx-alignment: center-left;");
        for (StatusClass status : StatusClass.values()) {
            Label label = new Label("\u25cf " + status.legend());
            label.getStyleClass().addAll("status-legend", status.cssClass());
            legend.getChildren().add(label);
        }
        return legend;
    }

    private void bindSelection(CallListViewModel viewModel) {
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                viewModel.selectedRowProperty().set(row);
            }
        });
        viewModel.selectedRowProperty().addListener((obs, old, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            }
        });
    }

    /**
     * A new list rather than setAll on the old one: the table's selection and focus models then reset once,
     * instead of working through a change that removes and adds tens of thousands of rows.
     */
    private void showSorted(List<CallRow> visible) {
        List<CallRow> rows = new ArrayList<>(visible);
        Comparator<CallRow> order = table.getComparator();
        if (order != null) {
            rows.sort(order);
        }
        table.setItems(FXCollections.observableList(rows));
        CallRow selected = viewModel.selectedRowProperty().get();
        if (selected != null) {
            table.getSelectionModel().select(selected);
        }
    }

    private static <T extends Comparable<? super T>> TableColumn<CallRow, T> column(
            String title, double width, Function<CallRow, T> value, Function<T, String> format) {
        TableColumn<CallRow, T> column = ColumnFit.atLeast(new TableColumn<>(title), title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new WholeTextCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                show(empty || item == null ? null : format.apply(item));
            }
        });
        return column;
    }

    private static TableColumn<CallRow, CallRow> statusColumn() {
        TableColumn<CallRow, CallRow> column = ColumnFit.atLeast(new TableColumn<>("Final status"), "Final status");
        column.setId("statusColumn");
        column.setPrefWidth(170);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setComparator((a, b) -> Integer.compare(a.finalStatus(), b.finalStatus()));
        column.setCellFactory(c -> new WholeTextCell<>() {
            @Override
            protected void updateItem(CallRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeIf(s -> s.startsWith("status-"));
                if (empty || row == null) {
                    show(null);
                    return;
                }
                show(row.statusText());
                getStyleClass().addAll("status-cell", row.statusClass().cssClass());
            }
        });
        return column;
    }
}
