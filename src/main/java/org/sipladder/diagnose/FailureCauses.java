package org.sipladder.diagnose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sipladder.flow.CallFlow;

/**
 * The failed calls of a capture counted as every summary of them counts them (the PDF report's first page, the
 * text diagnosis's overview): which calls failed ({@link Diagnosis#failed}), by primary cause, by where the failure
 * started and, when a LiveKit config was loaded, by the inbound trunk LiveKit matched. Fed one call at a time, so
 * the calls may be assembled as they are read.
 *
 * @param <T> what is kept of each cause's calls beyond its first few
 */
public final class FailureCauses<T> {

    /** The title of the failed calls no rule explains. */
    public static final String UNEXPLAINED = "No rule explains the failure; the ladder shows what each hop answered";
    /** The trunk count's row of the failed calls whose INVITE never reached LiveKit. */
    public static final String NOT_AT_LIVEKIT = "no INVITE reached LiveKit";

    private final Diagnosis diagnosis;
    private final Map<String, List<Finding>> findingsByFlow;
    private final CallGroups<T> causes;
    private final Tally failurePoints = new Tally();
    /**
     * Each call's last INVITE LiveKit routed, by flow id; null when no routing was simulated (no config loaded), or
     * when the calls come with their own diagnoses ({@link #add(CallFlow, Diagnosis)}).
     */
    private final Map<String, LiveKitRouting> lastRouting;
    private final Tally trunks = new Tally();
    /** Calls fed with their own diagnoses: whether any of their routings was simulated (a config was loaded). */
    private boolean simulated;
    private int count;

    /**
     * @param findingsByFlow the findings of each call by its flow id
     * @param keptWhole      how many calls of each cause are kept whole
     * @param kept           what is kept of a cause's other calls; null keeps nothing of them
     */
    public FailureCauses(Diagnosis diagnosis, Map<String, List<Finding>> findingsByFlow, int keptWhole,
                         Function<CallFlow, T> kept) {
        this.diagnosis = diagnosis;
        this.findingsByFlow = findingsByFlow;
        this.causes = new CallGroups<>(keptWhole, kept);
        boolean simulated = diagnosis.routings().stream().anyMatch(LiveKitRouting::simulated);
        this.lastRouting = simulated ? new HashMap<>() : null;
        if (simulated) {
            diagnosis.routings().forEach(r -> lastRouting.put(r.flowId(), r));
        }
    }

    /**
     * Failed calls fed one at a time, each with its own diagnosis ({@link #add(CallFlow, Diagnosis)}): a capture's
     * calls diagnosed as they are read, none of them held after its turn.
     */
    public FailureCauses(int keptWhole, Function<CallFlow, T> kept) {
        this.diagnosis = null;
        this.findingsByFlow = null;
        this.causes = new CallGroups<>(keptWhole, kept);
        this.lastRouting = null;
    }

    /** Counts {@code flow} when it failed; true when it did. */
    public boolean add(CallFlow flow) {
        if (!diagnosis.failed(flow)) {
            return false;
        }
        Finding primary = findingsByFlow.getOrDefault(flow.id(), List.of()).stream().filter(Finding::primary)
                .findFirst().orElse(null);
        count(flow, primary, lastRouting != null, lastRouting == null ? null : lastRouting.get(flow.id()));
        return true;
    }

    /**
     * As {@link #add(CallFlow)}, for the counts made without the capture's whole diagnosis: {@code ofCall} is the
     * diagnosis of {@code flow} alone (its findings in the order they are listed, and its routings).
     */
    public boolean add(CallFlow flow, Diagnosis ofCall) {
        LiveKitRouting last = null;
        for (LiveKitRouting r : ofCall.routings()) {
            simulated |= r.simulated();
            if (r.flowId().equals(flow.id())) {
                last = r;
            }
        }
        if (!ofCall.failed(flow)) {
            return false;
        }
        Finding primary = ofCall.findings().stream().filter(f -> f.primary() && flow.id().equals(f.flowId()))
                .findFirst().orElse(null);
        // whether the trunk table is shown is known once every call was fed: counted for every failed call
        count(flow, primary, true, last);
        return true;
    }

    private void count(CallFlow flow, Finding primary, boolean byTrunk, LiveKitRouting last) {
        count++;
        causes.add(primary == null ? null : primary.code(), primary == null ? UNEXPLAINED : primary.title(), flow);
        failurePoints.add(FailurePoint.of(flow, primary).key());
        if (byTrunk) {
            if (last == null) {
                trunks.add(List.of(NOT_AT_LIVEKIT));
            } else if (last.simulated()) {
                trunks.add(List.of(TrunkLabel.line(last.outcome().trunk())));
            }
        }
    }

    /** How many failed calls were added. */
    public int count() {
        return count;
    }

    /** The primary causes, most calls first. */
    public List<CallGroup<T>> causes() {
        return causes.mostCallsFirst();
    }

    /** Where the failures started: the hop that sent the failing response and that response, most calls first. */
    public List<Tally.Row> failurePoints() {
        return failurePoints.rows();
    }

    /**
     * The inbound trunk the last INVITE of each call matched in LiveKit, as simulated with the loaded config, or
     * {@link #NOT_AT_LIVEKIT}; most calls first. Empty when no config was loaded.
     */
    public List<Tally.Row> trunks() {
        return diagnosis == null && !simulated ? List.of() : trunks.rows();
    }
}
