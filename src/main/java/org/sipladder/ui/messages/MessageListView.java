package org.sipladder.ui.messages;

import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.ui.calls.TimeFormat;

/**
 * The messages of the selected call as a table (frame, time, delta, path, message), Wireshark-style;
 * its selection is the same message the ladder and inspector show.
 */
public final class MessageListView extends TableView<FlowMessage> {

    public MessageListView(ReadOnlyObjectProperty<CallFlow> flow, ObjectProperty<FlowMessage> selected,
                           TimeFormat timeFormat) {
        setId("messageTable");
        setPlaceholder(new Label("Select a call to see its messages."));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("Frame", 60, m -> Long.toString(m.message().frame())));
        getColumns().add(column("Time", 110, m -> timeFormat.timeOfDay(m.message().timestampMicros())));
        getColumns().add(column("Leg", 40, m -> Integer.toString(m.legIndex() + 1)));
        getColumns().add(column("Source", 170, m -> m.message().src().toString()));
        getColumns().add(column("Destination", 170, m -> m.message().dst().toString()));
        getColumns().add(column("Message", 260, MessageLine::of));
        getColumns().forEach(c -> c.setSortable(false));

        flow.addListener((obs, old, now) -> show(now, selected.get()));
        getSelectionModel().selectedItemProperty().addListener((obs, old, m) -> {
            if (m != null && m != selected.get()) {
                selected.set(m);
            }
        });
        selected.addListener((obs, old, m) -> {
            if (m == null) {
                getSelectionModel().clearSelection();
            } else if (getSelectionModel().getSelectedItem() != m) {
                getSelectionModel().select(m);
                scrollTo(m);
            }
        });
        // Built when its tab is first opened: it starts from what is selected by then.
        show(flow.get(), selected.get());
    }

    private void show(CallFlow flow, FlowMessage selected) {
        getItems().setAll(flow == null ? FXCollections.observableArrayList() : flow.messages());
        if (selected != null) {
            getSelectionModel().select(selected);
        }
    }

    private static TableColumn<FlowMessage, String> column(String title, double width, Function<FlowMessage, String> value) {
        TableColumn<FlowMessage, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
