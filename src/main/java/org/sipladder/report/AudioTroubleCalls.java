package org.sipladder.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.diagnose.CallGroup;
import org.sipladder.diagnose.CallGroups;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.Severity;
import org.sipladder.flow.CallFlow;

/**
 * The answered calls a report shows for their audio: those whose worst finding is a media warning or error (loss
 * with dropouts, one-way audio, jitter, a codec the SDP did not offer). Someone sending a report about audio trouble
 * expects those calls' ladders and streams, not only a count. They share the failed calls' cap: while the two
 * together are few all are in full; beyond that each problem shows its first few calls in full and the others as
 * table rows. Calls with information only are left out, as before.
 */
final class AudioTroubleCalls {

    private final List<CallGroup<CallRow>> problems;
    private final List<CallFlow> inFull;
    private final boolean condensed;

    private AudioTroubleCalls(List<CallGroup<CallRow>> problems, List<CallFlow> inFull, boolean condensed) {
        this.problems = problems;
        this.inFull = inFull;
        this.condensed = condensed;
    }

    /** None: the report of calls the user picked. */
    static AudioTroubleCalls none() {
        return new AudioTroubleCalls(List.of(), List.of(), false);
    }

    /** The answered calls of {@code input} with audio trouble, beside {@code failed}; one pass over the calls. */
    static AudioTroubleCalls of(ReportInput input, Map<String, List<Finding>> findingsByFlow, FailedCalls failed,
                                boolean allInFull) {
        CallGroups<CallRow> problems = new CallGroups<>(FailedCalls.IN_FULL_PER_CAUSE, CallRow::of);
        List<CallFlow> all = new ArrayList<>();
        int count = 0;
        for (CallFlow flow : input.flows()) {
            List<Finding> findings = findingsByFlow.get(flow.id());
            Finding worst = findings == null || failed.contains(flow.id()) ? null : worstIfMedia(findings);
            if (worst == null) {
                continue;
            }
            count++;
            problems.add(worst.code(), worst.title(), flow);
            if (allInFull || all.size() <= FailedCalls.ALL_IN_FULL_UP_TO) {
                all.add(flow);
            }
        }
        List<CallGroup<CallRow>> byCalls = problems.mostCallsFirst();
        boolean condensed = !allInFull && failed.count() + count > FailedCalls.ALL_IN_FULL_UP_TO;
        return new AudioTroubleCalls(byCalls, condensed ? byCalls.stream().flatMap(c -> c.first().stream()).toList()
                : all, condensed);
    }

    /** The call's first media finding of its worst severity, when that is a warning or an error; else null. */
    static Finding worstIfMedia(List<Finding> findings) {
        Severity worst = Severity.INFO;
        for (Finding f : findings) {
            if (f.severity().compareTo(worst) < 0) {
                worst = f.severity();
            }
        }
        if (worst == Severity.INFO) {
            return null;
        }
        for (Finding f : findings) {
            if (f.severity() == worst && MediaSection.isMedia(f.code())) {
                return f;
            }
        }
        return null;
    }

    /** The calls' worst media findings, most calls first; each holds its calls in full and its condensed ones. */
    List<CallGroup<CallRow>> problems() {
        return problems;
    }

    /** The calls shown in full, in the order the report numbers them (after the failed calls). */
    List<CallFlow> inFull() {
        return inFull;
    }

    /** How many answered calls have audio trouble, in full or not. */
    int count() {
        return problems.stream().mapToInt(CallGroup::calls).sum();
    }

    /** True when some calls are only rows of a table: they are then shown problem by problem. */
    boolean condensed() {
        return condensed;
    }

    /** The ids of the calls shown in full. */
    Set<String> idsInFull() {
        return Set.copyOf(inFull.stream().map(CallFlow::id).toList());
    }
}
