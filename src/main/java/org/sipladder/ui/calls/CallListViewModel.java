package org.sipladder.ui.calls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.sipladder.flow.CallFlow;

/** The call list: all calls of the capture, the filter text, the visible subset and the selected call. */
public final class CallListViewModel {

    private final ObservableList<CallRow> rows = FXCollections.observableArrayList();
    private final FilteredList<CallRow> visibleRows = new FilteredList<>(rows);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<CallRow> selectedRow = new SimpleObjectProperty<>(this, "selectedRow");

    public CallListViewModel() {
        filterText.addListener((obs, old, text) -> {
            CallFilter filter = new CallFilter(text);
            visibleRows.setPredicate(filter.isEmpty() ? null : filter);
        });
    }

    /** Every call of the capture in capture order (the view sorts a wrapper of {@link #visibleRows()}). */
    public ObservableList<CallRow> rows() {
        return rows;
    }

    public FilteredList<CallRow> visibleRows() {
        return visibleRows;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<CallRow> selectedRowProperty() {
        return selectedRow;
    }

    public void clear() {
        selectedRow.set(null);
        rows.clear();
    }

    /**
     * Brings the list up to date with {@code flows} (a snapshot of a capture being read, or the final
     * result): new calls are appended, calls that grew are replaced in place, and a selected call stays
     * selected with its newest content.
     */
    public void update(List<CallFlow> flows) {
        Map<String, Integer> index = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i).id(), i);
        }
        List<CallRow> added = new ArrayList<>();
        String selectedId = selectedRow.get() == null ? null : selectedRow.get().id();
        CallRow newSelection = null;
        for (CallFlow flow : flows) {
            Integer at = index.get(flow.id());
            if (at == null) {
                added.add(CallRow.of(flow));
                continue;
            }
            CallRow old = rows.get(at);
            if (changed(old.flow(), flow)) {
                CallRow row = CallRow.of(flow);
                rows.set(at, row);
                if (row.id().equals(selectedId)) {
                    newSelection = row;
                }
            }
        }
        rows.addAll(added);
        if (newSelection != null) {
            selectedRow.set(newSelection);
        }
    }

    /** A cheap signature instead of deep record equality, which would walk every message on the UI thread. */
    private static boolean changed(CallFlow old, CallFlow now) {
        return old != now && (old.messages().size() != now.messages().size()
                || old.legs().size() != now.legs().size()
                || old.hops().size() != now.hops().size()
                || old.finalStatus() != now.finalStatus()
                || !old.hops().equals(now.hops()));
    }
}
