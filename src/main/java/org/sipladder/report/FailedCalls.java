package org.sipladder.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.diagnose.CallGroup;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.FailureCauses;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.Tally;
import org.sipladder.flow.CallFlow;

/**
 * The failed calls of a capture as a report shows them: a handful all in full; more than that grouped by primary
 * cause, each cause with its first few calls in full and the others condensed to table rows, so a capture with
 * thousands of failed calls makes a report of a few dozen pages and holds only those few calls whole. Made in one
 * pass over the calls, which may be assembled as they are read; the calls are counted by {@link FailureCauses}, as
 * the text diagnosis counts them.
 */
final class FailedCalls {

    /** Up to this many failed calls are all shown in full. */
    static final int ALL_IN_FULL_UP_TO = 10;
    /** Beyond that, each primary cause shows this many of its calls in full. */
    static final int IN_FULL_PER_CAUSE = 3;

    private final List<CallGroup<CallRow>> causes;
    private final List<CallFlow> inFull;
    private final boolean condensed;
    private final int count;
    private final Set<String> ids;
    private final List<Tally.Row> failurePoints;
    private final List<Tally.Row> trunks;

    private FailedCalls(List<CallGroup<CallRow>> causes, List<CallFlow> inFull, boolean condensed, int count,
                        Set<String> ids, List<Tally.Row> failurePoints, List<Tally.Row> trunks) {
        this.causes = causes;
        this.inFull = inFull;
        this.condensed = condensed;
        this.count = count;
        this.ids = ids;
        this.failurePoints = failurePoints;
        this.trunks = trunks;
    }

    /** Calls the user picked: all in full, with no summary. */
    static FailedCalls selected(List<CallFlow> flows) {
        return new FailedCalls(List.of(), List.copyOf(flows), false, flows.size(),
                Set.copyOf(flows.stream().map(CallFlow::id).toList()), List.of(), List.of());
    }

    /** Every failed call of the input; {@code allInFull} shows each in full however many there are. */
    static FailedCalls of(ReportInput input, Map<String, List<Finding>> findingsByFlow, boolean allInFull) {
        Diagnosis diagnosis = new Diagnosis(input.findings(), input.routings());
        FailureCauses<CallRow> causes = new FailureCauses<>(diagnosis, findingsByFlow, IN_FULL_PER_CAUSE, CallRow::of);
        List<CallFlow> first = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CallFlow flow : input.flows()) {
            if (!causes.add(flow)) {
                continue;
            }
            ids.add(flow.id());
            if (allInFull || first.size() <= ALL_IN_FULL_UP_TO) {
                first.add(flow);
            }
        }
        List<CallGroup<CallRow>> byCalls = causes.causes();
        boolean condensed = !allInFull && ids.size() > ALL_IN_FULL_UP_TO;
        List<CallFlow> inFull = condensed ? byCalls.stream().flatMap(c -> c.first().stream()).toList() : first;
        return new FailedCalls(byCalls, inFull, condensed, ids.size(), ids, causes.failurePoints(), causes.trunks());
    }

    /** The primary causes, most calls first; each holds its calls in full and its condensed ones. */
    List<CallGroup<CallRow>> causes() {
        return causes;
    }

    /** The calls shown in full, in the order the report numbers them. */
    List<CallFlow> inFull() {
        return inFull;
    }

    /** True when some calls are only rows of a table: they are then shown cause by cause. */
    boolean condensed() {
        return condensed;
    }

    int count() {
        return count;
    }

    boolean contains(String flowId) {
        return ids.contains(flowId);
    }

    /** True when there are enough failed calls for counts to say more than a list of them. */
    boolean summarised() {
        return count > ALL_IN_FULL_UP_TO;
    }

    /** Where each call's failure started: the hop that sent the failing response, and that response. */
    List<Tally.Row> failurePoints() {
        return failurePoints;
    }

    /** The LiveKit trunk each call's INVITE matched; empty when no LiveKit config was loaded. */
    List<Tally.Row> trunks() {
        return trunks;
    }
}
