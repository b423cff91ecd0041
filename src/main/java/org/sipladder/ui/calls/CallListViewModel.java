package org.sipladder.ui.calls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.sipladder.flow.CallQuery;
import org.sipladder.flow.CallSummary;
import org.sipladder.flow.Leg;
import org.sipladder.ui.task.CurrentThreadTaskExecutor;
import org.sipladder.ui.task.TaskExecutor;

/** The call list: all calls of the capture, the filter text, the visible subset and the selected call. */
public final class CallListViewModel {

    /** Above this many grown calls in one snapshot, the list is replaced at once. */
    static final int BULK_REPLACE = 64;

    private final ObservableList<CallRow> rows = FXCollections.observableArrayList();
    /**
     * The calls the filter lets through, in capture order, replaced in one change per filter run or snapshot: a
     * filtered and sorted list over tens of thousands of rows updates row by row, for seconds, on the FX thread.
     */
    private final ObservableList<CallRow> visibleRows = FXCollections.observableArrayList();
    /** The rows the last filter run let through; null without a filter. */
    private Set<CallRow> matched;
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<CallRow> selectedRow = new SimpleObjectProperty<>(this, "selectedRow");
    private final ReadOnlyBooleanWrapper filtering = new ReadOnlyBooleanWrapper(this, "filtering");

    // filtered, calls and other dialogs are each counted "shown of all": "1 of 2 calls and 2 other dialogs" read as
    // if a call were shown when the one row was a REGISTER
    private final StringBinding countText = Bindings.createStringBinding(() -> visibleRows.size() == rows.size()
            ? rowsText()
            : Counts.callsAndOthersShown(visibleRows.size(), otherDialogs(visibleRows), rows.size(), otherDialogs(rows)),
            visibleRows, rows);
    /** True once a capture is read and shown (set by the window), so that an empty list is not taken for no capture. */
    private final BooleanProperty captureShown = new SimpleBooleanProperty(this, "captureShown");
    private final StringBinding placeholder = Bindings.createStringBinding(() -> !rows.isEmpty()
            ? "No calls match \u201c" + filterText.get().strip() + "\u201d. Clear the filter to see all "
              + rowsText() + "."
            : captureShown.get() ? "No SIP calls in this capture. Its RTP streams, if it has any, are in the Streams tab."
            : "No calls: open a capture (File > Open) or drop one here.", rows, filterText, captureShown);

    private final TaskExecutor executor;
    private final PauseTransition debounce;
    private Map<String, Set<String>> findingCodes = Map.of();
    /** True while nothing is selected because a filter hid the selected call and showed no other. */
    private boolean selectionTakenByFilter;
    /** Written on the UI thread, read by the filtering thread too: an outdated run stops early. */
    private volatile long filterGeneration;

    /** Filters at once on the calling thread: for tests of the list's logic. */
    public CallListViewModel() {
        this(new CurrentThreadTaskExecutor(), Duration.ZERO);
    }

    /**
     * @param executor where the filter runs: a filter over tens of thousands of calls reads every message
     * @param debounce how long typing must pause before the filter runs (zero: at once)
     */
    public CallListViewModel(TaskExecutor executor, Duration debounce) {
        this.executor = executor;
        this.debounce = debounce.greaterThan(Duration.ZERO) ? new PauseTransition(debounce) : null;
        if (this.debounce != null) {
            this.debounce.setOnFinished(e -> refilter());
        }
        filterText.addListener((obs, old, text) -> filterSoon());
    }

    /** True from a change of the filter until its result is shown. */
    public ReadOnlyBooleanProperty filteringProperty() {
        return filtering.getReadOnlyProperty();
    }

    /** Finding codes by call ID, for {@code finding:CODE} in the filter. */
    public void setFindingCodes(Map<String, Set<String>> codes) {
        findingCodes = Map.copyOf(codes);
        if (filterText.get().contains("finding:")) {
            filterSoon();
        }
    }

    private void filterSoon() {
        filtering.set(true);
        if (debounce == null) {
            refilter();
        } else {
            debounce.playFromStart();
        }
    }

    /** Evaluates the filter on a copy of the rows in the background; only the newest run's result is shown. */
    private void refilter() {
        long run = ++filterGeneration;
        CallQuery query = CallQuery.parse(filterText.get(), findingCodes);
        if (query.isEmpty()) {
            show(run, null);
            return;
        }
        List<CallRow> all = new ArrayList<>(rows);
        executor.submit(context -> {
            Set<CallRow> matched = Collections.newSetFromMap(new IdentityHashMap<>());
            for (CallRow row : all) {
                if (run != filterGeneration) {
                    break;
                }
                if (query.test(row.summary())) {
                    matched.add(row);
                }
            }
            return matched;
        }, matched -> show(run, matched), error -> show(run, null));
    }

    private void show(long run, Set<CallRow> matched) {
        if (run != filterGeneration) {
            return;
        }
        this.matched = matched;
        showMatched();
        filtering.set(false);
        CallRow selected = selectedRow.get();
        if (selected != null && matched != null && !matched.contains(selected)) {
            // The ladder and findings of a call the filter hides would describe nothing in the list.
            selectedRow.set(visibleRows.isEmpty() ? null : visibleRows.get(0));
            selectionTakenByFilter = visibleRows.isEmpty();
        } else if (selected == null && selectionTakenByFilter && !visibleRows.isEmpty()) {
            // A half-typed term ("status:5") matched nothing for a moment and took the selection away: the
            // finished term gives one back, or the list would show calls beside an empty ladder.
            selectedRow.set(visibleRows.get(0));
            selectionTakenByFilter = false;
        }
    }

    /**
     * "12 calls", or "12 calls and 3 other dialogs" when the list also holds registrations, subscriptions or pings:
     * they are rows of the list but not calls, as diagnose and the status line count them.
     */
    private String rowsText() {
        return Counts.callsAndOthers(rows.size(), otherDialogs(rows));
    }

    /** How many of {@code list} are registrations, subscriptions or pings rather than calls. */
    private static int otherDialogs(List<CallRow> list) {
        int others = 0;
        for (int i = 0; i < list.size(); i++) {
            others += Leg.isCallMethod(list.get(i).method()) ? 0 : 1;
        }
        return others;
    }

    /** "1 call", "20,000 calls", or "3 of 20,000 calls" ("... and 0 of 2 other dialogs") while filtered. */
    public StringBinding countTextProperty() {
        return countText;
    }

    /** What the empty list says: how to open a capture, or that no call matches the filter. */
    public StringBinding placeholderProperty() {
        return placeholder;
    }

    /** Every call of the capture in capture order (the view sorts a wrapper of {@link #visibleRows()}). */
    public ObservableList<CallRow> rows() {
        return rows;
    }

    public ObservableList<CallRow> visibleRows() {
        return visibleRows;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<CallRow> selectedRowProperty() {
        return selectedRow;
    }

    /** Whether the rows are a read capture's (an empty list then means a capture without SIP calls). */
    public BooleanProperty captureShownProperty() {
        return captureShown;
    }

    public void clear() {
        captureShown.set(false);
        selectedRow.set(null);
        selectionTakenByFilter = false;
        rows.clear();
        showMatched();
    }

    private void showMatched() {
        Set<CallRow> through = matched;
        visibleRows.setAll(through == null ? rows : rows.stream().filter(through::contains).toList());
    }

    /**
     * Brings the list up to date with {@code calls} (a snapshot of a capture being read, or the final
     * result): new calls are appended, calls that grew are replaced in place, and a selected call stays
     * selected with its newest content. A call the snapshot no longer has (one a live view dropped for its limit of
     * calls, or one joined into another call since) leaves the list, and the selection if it was selected.
     */
    public void update(List<CallSummary> calls) {
        Map<String, Integer> index = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i).id(), i);
        }
        List<CallRow> next = new ArrayList<>(rows);
        List<Integer> changedAt = new ArrayList<>();
        String selectedId = selectedRow.get() == null ? null : selectedRow.get().id();
        CallRow newSelection = null;
        boolean[] still = new boolean[rows.size()];
        int stillThere = 0;
        for (CallSummary call : calls) {
            Integer at = index.get(call.id());
            if (at == null) {
                next.add(new CallRow(call));
                continue;
            }
            if (!still[at]) {
                still[at] = true;
                stillThere++;
            }
            CallSummary old = next.get(at).summary();
            if (old != call && !old.sameValues(call)) {
                CallRow row = new CallRow(call);
                next.set(at, row);
                changedAt.add(at);
                if (row.id().equals(selectedId)) {
                    newSelection = row;
                }
            }
        }
        if (stillThere < still.length) {
            List<CallRow> kept = new ArrayList<>(next.size() - still.length + stillThere);
            for (int i = 0; i < next.size(); i++) {
                if (i >= still.length || still[i]) {
                    kept.add(next.get(i));
                }
            }
            rows.setAll(kept);
        } else if (changedAt.size() > BULK_REPLACE) {
            // One change event instead of thousands: each single replace costs the sorted view a linear shift.
            rows.setAll(next);
        } else {
            for (int at : changedAt) {
                rows.set(at, next.get(at));
            }
            rows.addAll(next.subList(rows.size(), next.size()));
        }
        if (newSelection != null || selectedId != null && selectedRow.get() != null && !rows.contains(selectedRow.get())) {
            selectedRow.set(newSelection);
        }
        showMatched();
        if (!CallQuery.parse(filterText.get(), Map.of()).isEmpty()) {
            // New and grown rows are other objects: the filter has to look at them.
            filterSoon();
        }
    }
}
