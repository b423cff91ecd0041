package org.sipladder.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;

/**
 * The failed calls of a capture as a report shows them: a handful all in full; more than that grouped by primary
 * cause, each cause with its first few calls in full and the others condensed to table rows, so a capture with
 * thousands of failed calls makes a report of a few dozen pages and holds only those few calls whole. Made in one
 * pass over the calls, which may be assembled as they are read.
 */
final class FailedCalls {

    /** Up to this many failed calls are all shown in full. */
    static final int ALL_IN_FULL_UP_TO = 10;
    /** Beyond that, each primary cause shows this many of its calls in full. */
    static final int IN_FULL_PER_CAUSE = 3;
    static final String NOT_AT_LIVEKIT = "no INVITE reached LiveKit";

    /**
     * The failed calls with one primary cause.
     *
     * @param code      the cause's finding code, null for the calls no rule explains
     * @param title     the primary finding's title ("e.g. ..." when the calls' titles differ)
     * @param calls     how many calls failed with it
     * @param inFull    its calls shown in full, in capture order
     * @param condensed its other calls, in capture order
     */
    record Cause(FindingCode code, String title, int calls, List<CallFlow> inFull, List<CallRow> condensed) {

        /** "LK_TRUNK_CONFLICT: Trunks ... both claim ...", or the title alone when no rule explains the calls. */
        String label() {
            return code == null ? title : code + ": " + title;
        }
    }

    private final List<Cause> causes;
    private final List<CallFlow> inFull;
    private final boolean condensed;
    private final int count;
    private final Set<String> ids;
    private final Tally failurePoints;
    private final Tally trunks;

    private FailedCalls(List<Cause> causes, List<CallFlow> inFull, boolean condensed, int count, Set<String> ids,
                        Tally failurePoints, Tally trunks) {
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
                Set.copyOf(flows.stream().map(CallFlow::id).toList()), new Tally(), new Tally());
    }

    /** Every failed call of the input; {@code allInFull} shows each in full however many there are. */
    static FailedCalls of(ReportInput input, Map<String, List<Finding>> findingsByFlow, boolean allInFull) {
        Diagnosis diagnosis = new Diagnosis(input.findings(), input.routings());
        Map<String, List<LiveKitRouting>> routings = new HashMap<>();
        input.routings().forEach(r -> routings.computeIfAbsent(r.flowId(), k -> new ArrayList<>()).add(r));
        boolean trunksKnown = input.routings().stream().anyMatch(LiveKitRouting::simulated);
        Map<FindingCode, CauseBuilder> causes = new LinkedHashMap<>();
        List<CallFlow> first = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Tally failurePoints = new Tally();
        Tally trunks = new Tally();
        for (CallFlow flow : input.flows()) {
            if (!diagnosis.failed(flow)) {
                continue;
            }
            ids.add(flow.id());
            Finding primary = findingsByFlow.getOrDefault(flow.id(), List.of()).stream().filter(Finding::primary)
                    .findFirst().orElse(null);
            causes.computeIfAbsent(primary == null ? null : primary.code(), k -> new CauseBuilder()).add(flow,
                    primary == null ? "No rule explains the failure; the ladder shows what each hop answered"
                            : primary.title());
            if (allInFull || first.size() <= ALL_IN_FULL_UP_TO) {
                first.add(flow);
            }
            failurePoints.add(failurePoint(flow, primary));
            if (trunksKnown) {
                trunk(routings.getOrDefault(flow.id(), List.of())).ifPresent(t -> trunks.add(List.of(t)));
            }
        }
        List<Cause> byCalls = mostCallsFirst(causes);
        boolean condensed = !allInFull && ids.size() > ALL_IN_FULL_UP_TO;
        List<CallFlow> inFull = condensed ? byCalls.stream().flatMap(c -> c.inFull().stream()).toList() : first;
        return new FailedCalls(byCalls, inFull, condensed, ids.size(), ids, failurePoints, trunks);
    }

    /** The causes {@code builders} made, most calls first. */
    static List<Cause> mostCallsFirst(Map<FindingCode, CauseBuilder> builders) {
        return builders.entrySet().stream().map(e -> e.getValue().cause(e.getKey()))
                .sorted(Comparator.comparingInt(Cause::calls).reversed()).toList();
    }

    /** The primary causes, most calls first. */
    List<Cause> causes() {
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

    /** Where each call's failure started: the hop that sent the failing response, and that response; then calls. */
    List<List<String>> failurePoints() {
        return failurePoints.rows();
    }

    /** The LiveKit trunk each call's INVITE matched, then calls; empty when no LiveKit config was loaded. */
    List<List<String>> trunks() {
        return trunks.rows();
    }

    private static List<String> failurePoint(CallFlow flow, Finding primary) {
        Optional<FlowMessage> failing = KeyMessages.failingResponse(flow, primary);
        if (failing.isEmpty()) {
            return List.of(flow.aLeg().hasFinalResponse() ? "no error response" : "no hop answered",
                    CallSection.status(flow.outcome()));
        }
        var m = failing.get().message();
        String address = m.src() == null ? "" : m.src().address();
        String hop = m.src() == null ? address : flow.hops().stream().filter(h -> h.holds(m.src())).findFirst()
                .map(h -> h.role().displayName() + " " + h.place()).orElse(address);
        return List.of(hop, m.reason() == null || m.reason().isEmpty() ? Integer.toString(m.status())
                : m.status() + " " + m.reason());
    }

    /** The trunk of the call's last INVITE LiveKit routed; empty when its routing was not simulated. */
    private static Optional<String> trunk(List<LiveKitRouting> routings) {
        if (routings.isEmpty()) {
            return Optional.of(NOT_AT_LIVEKIT);
        }
        LiveKitRouting last = routings.get(routings.size() - 1);
        return last.simulated() ? Optional.of(RoutingTable.trunk(last.outcome().trunk()).replaceFirst(":\n", ": ")
                .replace("\n(", " (").replace("\n", ", ")) : Optional.empty();
    }

    /** A cause's calls as the pass meets them: the first few in full, the others as table rows. */
    static final class CauseBuilder {
        private final List<CallFlow> inFull = new ArrayList<>();
        private final List<CallRow> condensed = new ArrayList<>();
        private String title;
        private boolean titlesDiffer;
        private int calls;

        void add(CallFlow flow, String t) {
            calls++;
            titlesDiffer |= title != null && !title.equals(t);
            title = title == null ? t : title;
            if (inFull.size() < IN_FULL_PER_CAUSE) {
                inFull.add(flow);
            } else {
                condensed.add(CallRow.of(flow));
            }
        }

        Cause cause(FindingCode code) {
            return new Cause(code, titlesDiffer ? "e.g. " + title : title, calls, List.copyOf(inFull),
                    List.copyOf(condensed));
        }
    }
}
