package org.sipladder.ui.main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sipladder.diagnose.DialogCounts;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallSummary;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.HopAliases;
import org.sipladder.flow.Leg;
import org.sipladder.flow.MessageVerdicts;
import org.sipladder.sip.SipMessage;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.MergedCapture;
import org.sipladder.ui.calls.CallListViewModel;
import org.sipladder.ui.calls.CallRow;
import org.sipladder.ui.calls.Counts;
import org.sipladder.ui.dialog.DialogService;
import org.sipladder.ui.dialog.FileKind;
import org.sipladder.ui.inspector.InspectorViewModel;
import org.sipladder.ui.load.CaptureLoadException;
import org.sipladder.ui.load.CaptureLoader;
import org.sipladder.ui.load.LoadObserver;
import org.sipladder.ui.load.LoadedCapture;
import org.sipladder.ui.prefs.UserPreferences;
import org.sipladder.ui.task.LatestValueRelay;
import org.sipladder.ui.task.TaskContext;
import org.sipladder.ui.task.TaskExecutor;
import org.sipladder.ui.task.TaskHandle;

/** The main window: opening captures in the background, the status line, recent files and hop names. */
public final class MainWindowViewModel {

    private static final String APP_NAME = "SIP Ladder";
    /** Messages of a shown call judged by the full parser before they are opened: a long call's first ones. */
    static final int JUDGED_MESSAGES = 2_000;

    private final CaptureLoader loader;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final UserPreferences preferences;
    private final CallListViewModel callList;
    private final InspectorViewModel inspector;

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", APP_NAME);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Open a capture (File > Open or drop a file here).");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ReadOnlyStringWrapper stopLabel = new ReadOnlyStringWrapper(this, "stopLabel", "Cancel");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final ReadOnlyObjectWrapper<CallFlow> selectedFlow = new ReadOnlyObjectWrapper<>(this, "selectedFlow");
    private final ObjectProperty<FlowMessage> selectedMessage = new SimpleObjectProperty<>(this, "selectedMessage");
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObjectProperty<Set<Long>> highlightedFrames = new SimpleObjectProperty<>(this, "highlightedFrames", Set.of());
    private final ReadOnlyObjectWrapper<LoadedCapture> capture = new ReadOnlyObjectWrapper<>(this, "capture");
    private final ReadOnlyObjectWrapper<CaptureSource> shownSource = new ReadOnlyObjectWrapper<>(this, "shownSource");

    private final List<String> notes = new ArrayList<>();
    private final AssembledCalls assembled = new AssembledCalls();
    /** The judging of the shown call's messages, until it is done or another call is shown. */
    private TaskHandle judging;
    /** The call selected when the last capture was shown, until the first diagnosis of it decides where to land. */
    private CallRow landedOn;
    private HopAliases aliases;
    private AtomicBoolean cancelRequested = new AtomicBoolean();
    private long loadGeneration;
    private CaptureSource lastSource;

    public MainWindowViewModel(CaptureLoader loader, TaskExecutor executor, DialogService dialogs,
                               UserPreferences preferences, CallListViewModel callList, InspectorViewModel inspector) {
        this.loader = loader;
        this.executor = executor;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.callList = callList;
        this.inspector = inspector;
        this.aliases = preferences.hopAliases();
        recentFiles.setAll(preferences.recentFiles());
        callList.selectedRowProperty().addListener((obs, old, row) -> showSelectedCall());
        selectedFlow.addListener((obs, old, now) -> {
            if (now == null || old == null || !now.id().equals(old.id())) {
                selectedMessage.set(now == null ? null : mostTelling(now));
            }
        });
        inspector.messageProperty().bind(selectedMessage);
        inspector.callProperty().bind(selectedFlow);
        inspector.setMessageSelector(selectedMessage::set);
    }

    public CallListViewModel callList() {
        return callList;
    }

    public InspectorViewModel inspector() {
        return inspector;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** "Stop" while a live source runs, "Cancel" while a file is read. */
    public ReadOnlyStringProperty stopLabelProperty() {
        return stopLabel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** Fraction of the file read, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** The call shown in the ladder, with the user's hop names. */
    public ReadOnlyObjectProperty<CallFlow> selectedFlowProperty() {
        return selectedFlow.getReadOnlyProperty();
    }

    /** The message shown in the inspector; bound both ways to the ladder's selection. */
    public ObjectProperty<FlowMessage> selectedMessageProperty() {
        return selectedMessage;
    }

    public ObservableList<Path> recentFiles() {
        return recentFiles;
    }

    /** Problems found in the last capture that did not stop reading it. */
    public ObservableList<String> warnings() {
        return warnings;
    }

    /** Frames the ladder marks, e.g. the evidence of the selected finding. */
    public ObjectProperty<Set<Long>> highlightedFramesProperty() {
        return highlightedFrames;
    }

    /**
     * Shows what a finding is about: selects its call (clearing a filter that hides it), marks its evidence
     * frames and selects the first failed final response among them, else the first of them.
     */
    public void showEvidence(String flowId, List<Long> frames) {
        highlightedFrames.set(Set.copyOf(frames));
        if (flowId != null) {
            selectFlow(flowId);
        }
        if (!frames.isEmpty()) {
            selectFrame(firstFailure(frames));
        }
    }

    /**
     * The frame among {@code frames} where the shown call failed: its first final response above 2xx (a relayed
     * failure's origin comes before the hop that passed it on), else the evidence's first frame (the request of a
     * call that got no answer, or the answer of one whose media failed). Evidence lists the request first, so
     * that frame alone would open a rejected call on its INVITE.
     */
    private long firstFailure(List<Long> frames) {
        CallFlow flow = selectedFlow.get();
        if (flow != null) {
            Set<Long> evidence = Set.copyOf(frames);
            for (FlowMessage m : flow.messages()) {
                if (m.message().status() >= 300 && evidence.contains(m.message().frame())) {
                    return m.message().frame();
                }
            }
        }
        return frames.get(0);
    }

    /**
     * Assembles the selected call (or takes it from the last few shown) for the ladder, inspector and streams, then
     * has the full parser judge its messages in the background.
     */
    private void showSelectedCall() {
        if (judging != null) {
            judging.cancel();
            judging = null;
        }
        CallRow row = callList.selectedRowProperty().get();
        if (row == null) {
            selectedFlow.set(null);
            return;
        }
        CallSummary summary = row.summary();
        CallFlow flow = assembled.of(summary, aliases);
        selectedFlow.set(flow);
        if (!assembled.judged(summary)) {
            judge(summary, flow);
        }
    }

    /**
     * The capture was read with the fast scan, which lets through what only the full parse rejects: the shown call's
     * messages (the first {@link #JUDGED_MESSAGES}; the rest when opened) are judged as the inspector judges them,
     * and the call is shown again with the verdicts when one differs.
     */
    private void judge(CallSummary summary, CallFlow flow) {
        UnaryOperator<SipMessage> fullParse = inspector.fullParse();
        TaskHandle[] handle = new TaskHandle[1];
        handle[0] = executor.submit(
                context -> MessageVerdicts.judged(flow, fullParse, JUDGED_MESSAGES, context::isCancelled),
                judged -> {
                    if (handle[0] != null && handle[0].isCancelled()) {
                        return;
                    }
                    assembled.judged(summary, flow, judged);
                    if (judged != flow && selectedFlow.get() == flow) {
                        showJudged(flow, judged);
                    }
                },
                failure -> { });
        judging = handle[0];
    }

    /** Shows {@code judged} in place of {@code flow}, keeping the selected message (by its place in the call). */
    private void showJudged(CallFlow flow, CallFlow judged) {
        FlowMessage selected = selectedMessage.get();
        int at = -1;
        for (int i = 0; selected != null && i < flow.messages().size(); i++) {
            if (flow.messages().get(i) == selected) {
                at = i;
                break;
            }
        }
        selectedFlow.set(judged);
        if (at >= 0) {
            selectedMessage.set(judged.messages().get(at));
        }
    }

    /**
     * Selects the message of the shown call that was completed by {@code frame}, if it has one; false when no call has
     * it (an RTP packet's frame, say).
     */
    public boolean selectFrame(long frame) {
        CallFlow flow = selectedFlow.get();
        if (flow == null || flow.messages().stream().noneMatch(m -> m.message().frame() == frame)) {
            callList.rows().stream().filter(r -> r.flow().messages().stream().anyMatch(m -> m.message().frame() == frame))
                    .findFirst().ifPresent(r -> selectFlow(r.id()));
            flow = selectedFlow.get();
        }
        if (flow != null) {
            Optional<FlowMessage> message = flow.messages().stream().filter(m -> m.message().frame() == frame)
                    .findFirst();
            message.ifPresent(selectedMessage::set);
            return message.isPresent();
        }
        return false;
    }

    private void selectFlow(String flowId) {
        Optional<CallRow> row = callList.rows().stream().filter(r -> r.id().equals(flowId)).findFirst();
        if (row.isPresent() && !callList.visibleRows().contains(row.get())) {
            callList.filterTextProperty().set("");
        }
        row.ifPresent(callList.selectedRowProperty()::set);
    }

    /** The last capture read completely (or up to a cancel); null while reading. */
    public ReadOnlyObjectProperty<LoadedCapture> captureProperty() {
        return capture.getReadOnlyProperty();
    }

    /** File > Open: asks for captures and opens them, several as one capture on one timeline. */
    public void openWithDialog() {
        List<Path> chosen = dialogs.chooseFilesToOpen("Open capture", preferences.lastDirectory(),
                List.of(FileKind.CAPTURES, FileKind.ANY));
        if (!chosen.isEmpty()) {
            Path parent = chosen.get(0).toAbsolutePath().getParent();
            if (parent != null) {
                preferences.setLastDirectory(parent);
            }
            open(CaptureSource.files(chosen));
        }
    }

    /**
     * File > Clock offsets: shows the clock correction of each file of a capture opened from several, and opens
     * it again with the corrections the user sets.
     */
    public void editClockOffsets() {
        LoadedCapture shown = capture.get();
        if (shown == null || shown.merged() == null || lastSource == null) {
            return;
        }
        CaptureFiles files = shown.merged().files();
        List<String> names = files.files().stream().map(p -> String.valueOf(p.getFileName())).toList();
        dialogs.askClockOffsets(names, files.offsetsMicros())
                .ifPresent(offsets -> open(lastSource.withOffsets(offsets)));
    }

    /**
     * Files dropped on the window: the regular files among them are opened, several as one capture on one timeline
     * as File > Open opens them.
     */
    public void openDropped(List<Path> files) {
        List<Path> captures = files.stream().filter(Files::isRegularFile).toList();
        if (captures.isEmpty()) {
            dialogs.showError("Cannot open the dropped item", "Drop a capture file (pcap, pcapng or .gz), not a folder.");
        } else {
            open(CaptureSource.files(captures));
        }
    }

    /**
     * Starts reading {@code source} in the background (stopping a read in progress). What is shown stays until
     * the new capture shows its first calls, so a file that is not a capture changes nothing but the one message
     * saying so.
     */
    public void open(CaptureSource source) {
        cancelLoading();
        lastSource = source;
        long generation = ++loadGeneration;
        String statusBefore = status.get();
        boolean[] replaced = {false};
        Runnable replace = () -> {
            if (!replaced[0]) {
                replaced[0] = true;
                replaceShownCapture(source);
            }
        };
        loading.set(true);
        progress.set(0);
        status.set(source.live() != null ? source.displayName() + ": calls appear as they come; Stop ends it"
                : "Reading " + source.displayName() + "…");
        stopLabel.set(source.live() != null ? "Stop" : "Cancel");
        LatestValueRelay<List<CallSummary>> snapshots = new LatestValueRelay<>(executor, calls -> {
            if (generation == loadGeneration && !calls.isEmpty()) {
                replace.run();
                showCalls(calls);
            }
        });
        LatestValueRelay<Double> progressRelay = new LatestValueRelay<>(executor, fraction -> {
            if (generation == loadGeneration) {
                progress.set(fraction);
            }
        });
        String liveStatus = status.get();
        LatestValueRelay<Long> droppedRelay = new LatestValueRelay<>(executor, dropped -> {
            if (generation == loadGeneration) {
                status.set(liveStatus + " · " + String.format(Locale.ROOT, "%,d older calls dropped from view to keep "
                        + "at most %,d; %s has them all", dropped, source.liveCallLimit(), source.path()));
            }
        });
        // A flag of our own rather than the executor's handle: the synchronous test executor only returns
        // its handle after the work is done, too late for a cancel issued while reading.
        AtomicBoolean cancel = new AtomicBoolean();
        cancelRequested = cancel;
        executor.submit(
                context -> source.live() != null
                        ? loader.loadLive(source.live(), source.liveCallLimit(), observer(() -> cancel.get()
                                || context.isCancelled(), snapshots, progressRelay, droppedRelay))
                        : loader.load(source.files(), source.estimateClocks(),
                                observer(() -> cancel.get() || context.isCancelled(), snapshots, progressRelay,
                                        droppedRelay)),
                result -> {
                    if (generation == loadGeneration) {
                        replace.run();
                        loaded(source, result);
                    }
                },
                error -> {
                    if (generation == loadGeneration) {
                        // A capture on screen keeps its status line; with nothing on screen the line says what failed.
                        failed(source, error, replaced[0] || shownSource.get() == null ? null : statusBefore);
                    }
                });
    }

    /** The capture on screen (its calls may still be arriving), or null before the first one. */
    public ReadOnlyObjectProperty<CaptureSource> shownSourceProperty() {
        return shownSource.getReadOnlyProperty();
    }

    private void replaceShownCapture(CaptureSource source) {
        callList.clear();
        inspector.mergedProperty().set(null);
        warnings.clear();
        notes.clear();
        highlightedFrames.set(Set.of());
        assembled.clear();
        capture.set(null);
        title.set(APP_NAME + " — " + source.displayName());
        if (source.remember()) {
            recentFiles.setAll(preferences.addRecentFile(source.path()));
        }
        shownSource.set(source);
    }

    /** Shows {@code message} in the status line, e.g. to confirm an export. */
    public void report(String message) {
        status.set(message);
    }

    /** Adds {@code note} to the status line, where it stays after the capture being read is summed up. */
    void addNote(String note) {
        notes.add(note);
        status.set(status.get() + " · " + note);
    }

    /** Stops the read in progress; what was read so far stays on screen. */
    public void cancelLoading() {
        if (loading.get()) {
            cancelRequested.set(true);
            status.set("Cancelling…");
        }
    }

    /** The names the user gave to hops, as every view and export of the window shows them. */
    public HopAliases hopAliases() {
        return aliases;
    }

    /** Asks the user for a new name for the hop at {@code address} ({@link Hop#place}) and remembers it. */
    public void renameHop(String address) {
        String current = currentHopName(address).orElse(address);
        dialogs.askHopName(address, current).ifPresent(name -> setHopAlias(address, name));
    }

    /** Names the hop at {@code address} (blank restores the guessed name), in every call, now and in later sessions. */
    public void setHopAlias(String address, String name) {
        preferences.setHopAlias(address, name);
        aliases = preferences.hopAliases();
        assembled.clear();
        showSelectedCall();
    }

    private Optional<String> currentHopName(String address) {
        CallFlow flow = selectedFlow.get();
        if (flow == null) {
            return Optional.empty();
        }
        return flow.hops().stream().filter(h -> h.place().equals(address)).map(Hop::name).findFirst();
    }

    private void showCalls(List<CallSummary> calls) {
        callList.update(calls);
    }

    /** The message to show first for a call: its first error response, where the failure is; else its first message. */
    static FlowMessage mostTelling(CallFlow flow) {
        return flow.messages().stream().filter(m -> m.message().status() >= 400).findFirst()
                .orElse(flow.messages().isEmpty() ? null : flow.messages().get(0));
    }

    /**
     * A new user should land on the interesting call: the first call (INVITE) that failed, else the first dialog of
     * another kind that failed (a REGISTER refused), else the first call, else the first row. A PUBLISH refused 489
     * in the first second of a capture is not where a failed or one-way call is looked for.
     */
    private CallRow firstFailedOrFirst() {
        List<CallRow> rows = callList.visibleRows();
        return rows.stream().filter(r -> r.failed() && Leg.isCallMethod(r.method())).findFirst()
                .or(() -> rows.stream().filter(CallRow::failed).findFirst())
                .or(() -> rows.stream().filter(r -> Leg.isCallMethod(r.method())).findFirst())
                .orElse(rows.get(0));
    }

    /**
     * Once the capture's findings are known, the call whose primary cause is an error ({@code flowId}) is where a
     * user should land, if the call chosen when the capture was shown is still the one selected (the user has not
     * picked another). Acts once per capture.
     */
    public void landOnCause(Optional<String> flowId) {
        CallRow chosen = landedOn;
        landedOn = null;
        CallRow now = callList.selectedRowProperty().get();
        if (chosen == null || now != chosen || flowId.isEmpty() || flowId.get().equals(now.id())) {
            return;
        }
        callList.visibleRows().stream().filter(r -> r.id().equals(flowId.get())).findFirst()
                .ifPresent(callList.selectedRowProperty()::set);
    }

    private void loaded(CaptureSource source, LoadedCapture result) {
        showCalls(result.calls());
        callList.captureShownProperty().set(true);
        landedOn = null;
        if (callList.selectedRowProperty().get() == null && !callList.visibleRows().isEmpty()) {
            landedOn = firstFailedOrFirst();
            callList.selectedRowProperty().set(landedOn);
        }
        warnings.setAll(result.warnings());
        inspector.mergedProperty().set(result.merged());
        capture.set(result);
        loading.set(false);
        progress.set(result.cancelled() ? progress.get() : 1);
        StringBuilder s = new StringBuilder();
        // registrations, subscriptions and pings are counted apart, as diagnose does, and named by their methods
        Map<String, Integer> others = new HashMap<>();
        for (CallSummary c : result.calls()) {
            if (!Leg.isCallMethod(c.method())) {
                others.merge(c.method(), 1, Integer::sum);
            }
        }
        int otherCount = others.values().stream().mapToInt(Integer::intValue).sum();
        s.append(Counts.callsAndOthers(result.calls().size(), otherCount));
        if (otherCount > 0) {
            s.append(" (").append(DialogCounts.named(others.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey())).map(Map.Entry::getKey).toList(), ", ")).append(")");
        }
        s.append(", ").append(count(result.messageCount(), "SIP message"))
                .append(" in ").append(source.displayName());
        if (source.live() != null) {
            s.append(" (written to ").append(source.path()).append(")");
        }
        if (result.cancelled()) {
            s.append(" (stopped at ").append(Math.round(progress.get() * 100)).append("%: partial result)");
        }
        if (result.merged() != null) {
            s.append(clocks(result.merged()));
        }
        notes.forEach(note -> s.append(" · ").append(note));
        if (!result.warnings().isEmpty()) {
            s.append(" · ").append(count(result.warnings().size(), "warning")).append(": ").append(result.warnings().get(0));
        }
        status.set(s.toString());
    }

    /**
     * " · b.pcap clock -2.500000 s (6 messages seen in both)" for each file after the first; with no message seen in
     * both, nothing was measured: " · b.pcap: no message seen in both, clocks not compared" (or the offset set by hand).
     */
    private static String clocks(MergedCapture merged) {
        StringBuilder s = new StringBuilder();
        CaptureFiles files = merged.files();
        for (int i = 1; i < files.files().size(); i++) {
            Path file = files.files().get(i).getFileName();
            long offset = files.offsetsMicros().get(i);
            long shared = merged.shared().get(i);
            if (shared > 0) {
                s.append(String.format(Locale.ROOT, " · %s clock %+.6f s (%s seen in both)", file, offset / 1e6,
                        count(shared, "message")));
            } else if (offset != 0) {
                s.append(String.format(Locale.ROOT, " · %s clock %+.6f s (no message seen in both)", file, offset / 1e6));
            } else {
                s.append(" · ").append(file).append(": no message seen in both, clocks not compared");
            }
        }
        return s.toString();
    }

    /** @param statusBefore the status line to restore when nothing of the new file was shown, else null */
    private void failed(CaptureSource source, Exception error, String statusBefore) {
        loading.set(false);
        String message = error instanceof CaptureLoadException ? error.getMessage()
                : "Could not read " + source.displayName() + ": " + describe(error);
        status.set(statusBefore != null ? statusBefore : message);
        dialogs.showError("Cannot open " + source.displayName(), message);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String count(long n, String noun) {
        return Counts.of(n, noun);
    }

    private static LoadObserver observer(TaskContext context, LatestValueRelay<List<CallSummary>> snapshots,
                                         LatestValueRelay<Double> progress, LatestValueRelay<Long> dropped) {
        return new LoadObserver() {
            @Override
            public void progress(long bytesRead, long totalBytes) {
                progress.publish(totalBytes <= 0 ? 0 : Math.min(1.0, (double) bytesRead / totalBytes));
            }

            @Override
            public void calls(List<CallSummary> snapshot) {
                snapshots.publish(new ArrayList<>(snapshot));
            }

            @Override
            public void warning(String message) {
                // Warnings arrive with the final result; a burst of them must not flood the UI thread.
            }

            @Override
            public boolean cancelled() {
                return context.isCancelled();
            }

            @Override
            public void liveCallsDropped(long count, int limit) {
                dropped.publish(count);
            }
        };
    }
}
