package org.sipladder.ui.findings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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

    private final Diagnoser diagnoser;
    private final TaskExecutor executor;
    private final LiveKitConfigViewModel config;
    private final ReadOnlyObjectWrapper<KeptDiagnosis> shown = new ReadOnlyObjectWrapper<>(this, "shown", KeptDiagnosis.NONE);
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

    /** The primary cause of the call, its findings worked out if it has one and they were not yet. */
    private Finding primaryFor(String flowId) {
        CallFindings call = shown.get().of(flowId);
        if (call == null || !call.hasPrimary()) {
            return null;
        }
        for (Finding f : call.findings()) {
            if (f.primary()) {
                return f;
            }
        }
        return null;
    }

    /**
     * The first call, in the panel's order, whose primary cause is an error: where a user who opened the capture
     * should land (empty when no call has one).
     */
    public Optional<String> firstCallWithPrimaryError() {
        for (CallFindings call : shown.get().listed()) {
            if (call.flowId() == null) {
                continue;
            }
            for (int i = 0; i < call.size(); i++) {
                if (call.primary(i) && call.severity(i) == Severity.ERROR) {
                    return Optional.of(call.flowId());
                }
            }
        }
        return Optional.empty();
    }

    /** The diagnosis shown, as the panel keeps it; a new one each time a diagnosis is shown. */
    public ReadOnlyObjectProperty<KeptDiagnosis> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** How many findings the diagnosis shown has. */
    public int findingCount() {
        return shown.get().size();
    }

    /**
     * The codes of the findings shown, by call id, for the call list's {@code finding:CODE}: calls with the same
     * codes share one small immutable set (big_sip.pcap's 50,000 calls have a handful of combinations).
     */
    public Map<String, Set<String>> codesByCall() {
        Map<String, Set<String>> byCall = new HashMap<>();
        // by the codes' bits (two longs: up to 128 codes): no set made per call
        Map<CodeBits, Set<String>> distinct = new HashMap<>();
        for (CallFindings call : shown.get().listed()) {
            if (call.flowId() == null) {
                continue;
            }
            long low = 0;
            long high = 0;
            for (int i = 0; i < call.size(); i++) {
                int ordinal = call.code(i).ordinal();
                if (ordinal < Long.SIZE) {
                    low |= 1L << ordinal;
                } else {
                    high |= 1L << (ordinal - Long.SIZE);
                }
            }
            byCall.put(call.flowId(), distinct.computeIfAbsent(new CodeBits(low, high), k -> codes(call)));
        }
        return byCall;
    }

    /** A call's finding codes as bits by ordinal: the first 64 in {@code low}, the next 64 in {@code high}. */
    private record CodeBits(long low, long high) {
    }

    private static Set<String> codes(CallFindings call) {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < call.size(); i++) {
            codes.add(call.code(i).name());
        }
        return Set.copyOf(codes);
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

    /**
     * The last diagnosis whole, for the PDF report: get it in the background, as a large capture's is worked out
     * again (the panel keeps each call's finding codes and works a call's findings out when it is shown).
     */
    public Supplier<Diagnosis> wholeDiagnosis() {
        return shown.get()::whole;
    }

    /** What LiveKit would do with the INVITEs of this call, next to what the capture shows. */
    public List<String> routingSummaries(String flowId) {
        CallFindings call = shown.get().of(flowId);
        return call == null ? List.of() : call.routings().stream().map(LiveKitRouting::summary).toList();
    }

    /** The call a finding is about, as the call list names it, or empty for config-only findings. */
    public Optional<String> callTitle(Finding finding) {
        return callById(finding.flowId()).map(FindingGroup::title);
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
        executor.submit(context -> run == generation
                ? diagnoser.diagnoseKept(CallSummary.flows(diagnosed), current, settings, streams) : null, result -> {
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

    private void show(KeptDiagnosis result) {
        Finding previous = selectedFinding.get();
        shown.set(result);
        regroup();
        config.setCallsByConfigId(callsByConfigId(result));
        Finding again = sameIn(result, previous);
        selectedFinding.set(again != null ? again : primaryFor(focusFlowId.get()));
        int count = result.size();
        int errors = result.errors();
        String primary = result.primaryCodes().isEmpty() ? "" : " · primary cause: " + String.join(", ", result.primaryCodes());
        summary.set(count == 0
                ? (config.configProperty().get().isEmpty() ? "No findings. Load the LiveKit config to check trunks and rules."
                        : "No findings.")
                : count + " finding" + (count == 1 ? "" : "s") + " (" + errors + " error"
                        + (errors == 1 ? "" : "s") + ")" + primary);
    }

    /** The finding of {@code result} equal to {@code f} (the one selected before a new diagnosis), or null. */
    private static Finding sameIn(KeptDiagnosis result, Finding f) {
        CallFindings call = f == null ? null : f.flowId() == null ? result.ofConfig() : result.of(f.flowId());
        if (call == null) {
            return null;
        }
        for (Finding x : call.findings()) {
            if (x.equals(f)) {
                return x;
            }
        }
        return null;
    }

    private void regroup() {
        KeptDiagnosis kept = shown.get();
        if (groupBy.get() == GroupBy.CALL) {
            groups.setAll(byCall(kept));
        } else if (kept.isHeld()) {
            groups.setAll(byConfigObject(kept.whole()));
        } else {
            // a large capture's findings are kept as codes: grouped by trunk and rule once worked out again
            groups.clear();
            executor.submit(context -> kept.whole(), whole -> {
                if (shown.get() == kept && groupBy.get() == GroupBy.CONFIG) {
                    groups.setAll(byConfigObject(whole));
                }
            }, error -> summary.set("Grouping by trunk and rule failed: " + error.getMessage()));
        }
    }

    /** One group per call (two calls may share a title: same numbers and status), the config's findings apart. */
    private List<FindingGroup> byCall(KeptDiagnosis kept) {
        List<FindingGroup> groups = new ArrayList<>(kept.listed().size());
        for (CallFindings listed : kept.listed()) {
            String id = listed.flowId();
            if (id == null) {
                groups.add(new FindingGroup("LiveKit config", listed.findings()));
            } else {
                groups.add(FindingGroup.ofCall(callById(id).orElse(null), listed));
            }
        }
        return groups;
    }

    private static List<FindingGroup> byConfigObject(Diagnosis whole) {
        Map<String, List<Finding>> grouped = new LinkedHashMap<>();
        for (Finding f : whole.findings().stream().sorted(KeptDiagnosis.ORDER).toList()) {
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

    /** For the config tables: the calls each trunk and rule took part in, from the routing simulation. */
    private Map<String, List<String>> callsByConfigId(KeptDiagnosis result) {
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        for (KeptDiagnosis.ConfigUse use : result.configUses()) {
            String call = callById(use.flowId()).map(CallSummary::to).orElse(use.flowId())
                    + " (frame " + use.frame() + ")";
            for (String id : use.configIds()) {
                calls.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(call);
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        calls.forEach((id, set) -> out.put(id, List.copyOf(set)));
        return out;
    }
}
