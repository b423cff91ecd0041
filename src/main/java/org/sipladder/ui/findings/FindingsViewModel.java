package org.sipladder.ui.findings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallSummary;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;
import org.sipladder.ui.task.TaskExecutor;

/**
 * The findings side panel: runs the diagnosis in the background whenever the calls or the LiveKit config
 * change, groups the findings by call or by config object, primary causes first, and tracks the selection
 * (the primary cause of the call being looked at is selected, so a failed call opens on why it failed).
 */
public final class FindingsViewModel {

    /** How the panel groups findings. */
    public enum GroupBy { CALL, CONFIG }

    private static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> !f.primary())
            .thenComparing(Finding::severity);

    private final Diagnoser diagnoser;
    private final TaskExecutor executor;
    private final LiveKitConfigViewModel config;
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<FindingGroup> groups = FXCollections.observableArrayList();
    private final ObjectProperty<GroupBy> groupBy = new SimpleObjectProperty<>(this, "groupBy", GroupBy.CALL);
    private final ObjectProperty<Finding> selectedFinding = new SimpleObjectProperty<>(this, "selectedFinding");
    private final ObjectProperty<String> focusFlowId = new SimpleObjectProperty<>(this, "focusFlowId");
    private final ReadOnlyBooleanWrapper diagnosing = new ReadOnlyBooleanWrapper(this, "diagnosing");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Open a capture or load a LiveKit config to diagnose.");
    private List<CallSummary> calls = List.of();
    private CaptureMedia media = CaptureMedia.none();
    /** The calls by id, made when first needed; null until then. */
    private Map<String, CallSummary> callsById;
    private Diagnosis diagnosis = new Diagnosis(List.of(), List.of());
    /** Written on the UI thread, read by the worker too: outdated runs skip the work. */
    private volatile long generation;

    public FindingsViewModel(Diagnoser diagnoser, TaskExecutor executor, LiveKitConfigViewModel config) {
        this.diagnoser = diagnoser;
        this.executor = executor;
        this.config = config;
        config.configProperty().addListener((obs, old, now) -> diagnose());
        config.settingsProperty().addListener((obs, old, now) -> diagnose());
        groupBy.addListener((obs, old, now) -> regroup());
        focusFlowId.addListener((obs, old, id) -> {
            Finding selected = selectedFinding.get();
            if (selected == null || selected.flowId() != null && !selected.flowId().equals(id)) {
                selectedFinding.set(primaryFor(id));
            }
        });
    }

    /** The call the user is looking at: its primary cause is selected when it has one. */
    public ObjectProperty<String> focusFlowIdProperty() {
        return focusFlowId;
    }

    private Finding primaryFor(String flowId) {
        return flowId == null ? null
                : findings.stream().filter(f -> f.primary() && flowId.equals(f.flowId())).findFirst().orElse(null);
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    /**
     * The codes of the findings shown, by call id, for the call list's {@code finding:CODE}: calls with the same
     * codes share one small immutable set (big_sip.pcap's 50,000 calls have a handful of combinations), made
     * without a HashSet for each call (short-lived, ~9 MB by estimate, which the parallel collector promoted).
     */
    public Map<String, Set<String>> codesByCall() {
        Map<String, Set<String>> byCall = new HashMap<>();
        Map<Set<String>, Set<String>> distinct = new HashMap<>();
        for (Finding f : findings) {
            if (f.flowId() == null) {
                continue;
            }
            String code = String.valueOf(f.code());
            Set<String> before = byCall.get(f.flowId());
            if (before == null || !before.contains(code)) {
                byCall.put(f.flowId(), distinct.computeIfAbsent(with(before, code), k -> k));
            }
        }
        return byCall;
    }

    private static Set<String> with(Set<String> codes, String code) {
        if (codes == null) {
            return Set.of(code);
        }
        String[] more = codes.toArray(new String[codes.size() + 1]);
        more[codes.size()] = code;
        return Set.of(more);
    }

    public ObservableList<FindingGroup> groups() {
        return groups;
    }

    public ObjectProperty<GroupBy> groupByProperty() {
        return groupBy;
    }

    public ObjectProperty<Finding> selectedFindingProperty() {
        return selectedFinding;
    }

    /** "4 findings (2 errors) · primary cause: LK_TRUNK_CONFLICT", or why there are none. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** True from a change of calls or config until the diagnosis of the latest ones is shown (or failed). */
    public ReadOnlyBooleanProperty diagnosingProperty() {
        return diagnosing.getReadOnlyProperty();
    }

    /**
     * Diagnoses these calls (the capture just read) against the current config, call by call: each is assembled
     * for its diagnosis and let go.
     */
    public void setCalls(List<CallSummary> calls) {
        setCalls(calls, CaptureMedia.none());
    }

    /** As {@link #setCalls(List)}, with the RTP streams read with the calls, for the media findings. */
    public void setCalls(List<CallSummary> calls, CaptureMedia media) {
        this.calls = List.copyOf(calls);
        this.media = media;
        callsById = null;
        diagnose();
    }

    /** The last diagnosis (for the PDF report). */
    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /** What LiveKit would do with the INVITEs of this call, next to what the capture shows. */
    public List<String> routingSummaries(String flowId) {
        return diagnosis.routings().stream().filter(r -> r.flowId().equals(flowId)).map(LiveKitRouting::summary).toList();
    }

    /** The call a finding is about, as the call list names it, or empty for config-only findings. */
    public Optional<String> callTitle(Finding finding) {
        return callById(finding.flowId()).map(FindingsViewModel::title);
    }

    private void diagnose() {
        long run = ++generation;
        List<CallSummary> diagnosed = calls;
        CaptureMedia streams = media;
        LiveKitConfig current = config.configProperty().get();
        DiagnosisSettings settings = config.settingsProperty().get();
        summary.set("Diagnosing…");
        diagnosing.set(true);
        // The demo's calls and config arrive together: the first of two runs queued back to back is dropped
        // before it starts, rather than costing a diagnosis while the window is still being drawn.
        executor.submit(context -> run == generation ? diagnoser.diagnose(CallSummary.flows(diagnosed), current, settings, streams) : null, result -> {
            if (run == generation) {
                show(result);
                diagnosing.set(false);
            }
        }, error -> {
            if (run == generation) {
                summary.set("Diagnosis failed: " + error.getMessage());
                diagnosing.set(false);
            }
        });
    }

    private void show(Diagnosis result) {
        diagnosis = result;
        Finding previous = selectedFinding.get();
        findings.setAll(result.findings().stream().sorted(ORDER).toList());
        regroup();
        config.setCallsByConfigId(callsByConfigId(result));
        selectedFinding.set(previous != null && findings.contains(previous) ? previous : primaryFor(focusFlowId.get()));
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        String primary = findings.stream().filter(Finding::primary).map(f -> f.code().name()).distinct()
                .reduce((a, b) -> a + ", " + b).map(c -> " · primary cause: " + c).orElse("");
        summary.set(findings.isEmpty()
                ? (config.configProperty().get().isEmpty() ? "No findings. Load the LiveKit config to check trunks and rules."
                        : "No findings.")
                : findings.size() + " finding" + (findings.size() == 1 ? "" : "s") + " (" + errors + " error"
                        + (errors == 1 ? "" : "s") + ")" + primary);
    }

    private void regroup() {
        groups.setAll(groupBy.get() == GroupBy.CALL ? byCall() : byConfigObject());
    }

    /** One group per call (two calls may share a title: same numbers and status), the config's findings apart. */
    private List<FindingGroup> byCall() {
        Map<String, List<Finding>> grouped = new LinkedHashMap<>();
        for (Finding f : findings) {
            grouped.computeIfAbsent(f.flowId() == null ? "" : f.flowId(), k -> new ArrayList<>()).add(f);
        }
        List<FindingGroup> groups = new ArrayList<>(grouped.size());
        grouped.forEach((id, list) -> {
            if (id.isEmpty()) {
                groups.add(new FindingGroup("LiveKit config", list));
            } else {
                CallSummary call = callById(id).orElse(null);
                groups.add(FindingGroup.titledWhenShown(() -> call == null ? "Call " + id : title(call), list));
            }
        });
        return groups;
    }

    private List<FindingGroup> byConfigObject() {
        Map<String, List<Finding>> grouped = new LinkedHashMap<>();
        for (Finding f : findings) {
            List<String> ids = f.evidence() == null ? List.of() : f.evidence().configIds();
            if (ids.isEmpty()) {
                grouped.computeIfAbsent("Capture only (no trunk or rule involved)", k -> new ArrayList<>()).add(f);
            }
            for (String id : new LinkedHashSet<>(ids)) {
                grouped.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            }
        }
        return grouped.entrySet().stream().map(e -> new FindingGroup(e.getKey(), e.getValue())).toList();
    }

    /** The first call with this id, looked up in a map: a large capture has 100,000 findings about 50,000 calls. */
    private Optional<CallSummary> callById(String id) {
        if (id == null) {
            return Optional.empty();
        }
        if (callsById == null) {
            callsById = new HashMap<>(calls.size() * 2);
            for (CallSummary call : calls) {
                callsById.putIfAbsent(call.id(), call);
            }
        }
        return Optional.ofNullable(callsById.get(id));
    }

    private static String title(CallSummary call) {
        return call.from() + " → " + call.to() + " · " + call.statusText();
    }

    /** For the config tables: the calls each trunk and rule took part in, from the routing simulation. */
    private Map<String, List<String>> callsByConfigId(Diagnosis result) {
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        for (LiveKitRouting routing : result.routings()) {
            if (routing.outcome() == null) {
                continue;
            }
            String call = callById(routing.flowId()).map(CallSummary::to).orElse(routing.flowId())
                    + " (frame " + routing.transaction().frame() + ")";
            List<String> ids = new ArrayList<>(routing.outcome().trunk().candidateIds());
            if (routing.outcome().dispatch() != null) {
                ids.addAll(routing.outcome().dispatch().candidateIds());
            }
            for (String id : ids) {
                calls.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(call);
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        calls.forEach((id, set) -> out.put(id, List.copyOf(set)));
        return out;
    }
}
