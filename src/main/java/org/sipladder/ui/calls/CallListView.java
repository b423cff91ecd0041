package org.sipladder.ui.calls;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The call list with its filter box; binds to a {@link CallListViewModel} and nothing else. */
public final class CallListView extends VBox {

    private final TableView<CallRow> table = new TableView<>();

    public CallListView(CallListViewModel viewModel, TimeFormat timeFormat) {
        TextField filter = new TextField();
        filter.setId("callFilter");
        filter.setPromptText("Filter: number, Call-ID, IP, status or any header text");
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());
        Label count = new Label();
        count.textProperty().bind(Bindings.size(viewModel.visibleRows()).asString("%d calls"));
        HBox.setHgrow(filter, Priority.ALWAYS);
        HBox bar = new HBox(6, filter, count);
        bar.setStyle("-fx-alignment: center-left; -fx-padding: 2 4 2 4;");

        table.setId("callTable");
        table.setPlaceholder(new Label("No calls yet: open a capture (File > Open) or drop one here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Start", 170, CallRow::startMicros, timeFormat::start));
        table.getColumns().add(column("From", 140, CallRow::from, s -> s));
        table.getColumns().add(column("To", 140, CallRow::to, s -> s));
        table.getColumns().add(column("Legs", 50, CallRow::legs, String::valueOf));
        table.getColumns().add(column("Hops", 50, CallRow::hops, String::valueOf));
        table.getColumns().add(statusColumn());
        table.getColumns().add(column("Post-dial delay", 110, CallRow::postDialDelayMicros, TimeFormat::duration));
        table.getColumns().add(column("Duration", 90, CallRow::durationMicros, TimeFormat::duration));

        SortedList<CallRow> sorted = new SortedList<>(viewModel.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        bindSelection(viewModel);

        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);
    }

    public TableView<CallRow> table() {
        return table;
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

    private static <T extends Comparable<? super T>> TableColumn<CallRow, T> column(
            String title, double width, Function<CallRow, T> value, Function<T, String> format) {
        TableColumn<CallRow, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        return column;
    }

    private static TableColumn<CallRow, CallRow> statusColumn() {
        TableColumn<CallRow, CallRow> column = new TableColumn<>("Final status");
        column.setId("statusColumn");
        column.setPrefWidth(170);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setComparator((a, b) -> Integer.compare(a.finalStatus(), b.finalStatus()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(CallRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeIf(s -> s.startsWith("status-"));
                if (empty || row == null) {
                    setText(null);
                    return;
                }
                setText(row.statusText());
                getStyleClass().addAll("status-cell", row.statusClass().cssClass());
            }
        });
        return column;
    }
}
