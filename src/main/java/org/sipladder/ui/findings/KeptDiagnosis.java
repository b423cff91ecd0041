package org.sipladder.ui.findings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisRun;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.FindingCode;
import org.sipladder.diagnose.LiveKitRouting;
import org.sipladder.diagnose.Severity;

/**
 * A diagnosis as the findings panel keeps it: the findings of each call ({@link CallFindings}) in the order the panel
 * lists them, primary causes first, then by severity, then by call; the config's own findings among them with no
 * call. Either held whole, as a diagnoser gave them, or, for a large capture, kept as codes, severities and primary
 * marks with each call's findings worked out again when it is shown (big_sip.pcap's 110,000 findings and 48,500
 * routings took 42 MB after its diagnosis); the whole diagnosis is then worked out again when asked for (the PDF
 * report, the grouping by trunk and rule), in the background.
 */
public final class KeptDiagnosis {

    /** How the panel lists findings: primary causes first, then by severity; stable otherwise. */
    static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> !f.primary())
            .thenComparing(Finding::severity);

    /** Within a call: primary first, then severity, then code, as the diagnosis lists them. */
    static final Comparator<Finding> WITHIN_CALL = Comparator.comparing((Finding f) -> !f.primary())
            .thenComparing(Finding::severity).thenComparing(f -> f.code().name());

    /** No findings. */
    static final KeptDiagnosis NONE = held(new Diagnosis(List.of(), List.of()));

    /**
     * A trunk or rule a call's INVITE reached in LiveKit's routing: the config view lists the calls each took part in.
     *
     * @param flowId    the call
     * @param frame     the INVITE's frame
     * @param configIds the candidate trunks and dispatch rules of its routing
     */
    record ConfigUse(String flowId, long frame, List<String> configIds) {
    }

    private final List<CallFindings> listed;
    private final Map<String, CallFindings> byFlow;
    private final List<ConfigUse> configUses;
    private final Supplier<Diagnosis> whole;
    private final boolean held;
    private final int size;
    private final int errors;
    private final List<String> primaryCodes;

    private KeptDiagnosis(List<CallFindings> listed, List<ConfigUse> configUses, Supplier<Diagnosis> whole,
                          boolean held, List<String> primaryCodes) {
        this.listed = List.copyOf(listed);
        this.configUses = List.copyOf(configUses);
        this.whole = whole;
        this.held = held;
        this.primaryCodes = List.copyOf(primaryCodes);
        this.byFlow = new HashMap<>(listed.size() * 4 / 3 + 1);
        int count = 0;
        int errorCount = 0;
        for (CallFindings call : listed) {
            if (call.flowId() != null) {
                byFlow.put(call.flowId(), call);
            }
            count += call.size();
            for (int i = 0; i < call.size(); i++) {
                if (call.severity(i) == Severity.ERROR) {
                    errorCount++;
                }
            }
        }
        this.size = count;
        this.errors = errorCount;
    }

    /** {@code d} held whole, listed as the panel lists findings. */
    static KeptDiagnosis held(Diagnosis d) {
        List<Finding> sorted = d.findings().stream().sorted(ORDER).toList();
        Map<String, List<Finding>> grouped = new LinkedHashMap<>();
        Map<String, List<LiveKitRouting>> routings = new HashMap<>();
        for (Finding f : sorted) {
            grouped.computeIfAbsent(f.flowId() == null ? "" : f.flowId(), k -> new ArrayList<>()).add(f);
        }
        List<ConfigUse> uses = new ArrayList<>();
        for (LiveKitRouting r : d.routings()) {
            routings.computeIfAbsent(r.flowId(), k -> new ArrayList<>()).add(r);
            ConfigUse use = use(r);
            if (use != null) {
                uses.add(use);
            }
        }
        List<CallFindings> listed = new ArrayList<>(grouped.size());
        grouped.forEach((id, list) -> listed.add(id.isEmpty() ? CallFindings.held(null, list, List.of())
                : CallFindings.held(id, list, routings.getOrDefault(id, List.of()))));
        Set<String> primary = new LinkedHashSet<>();
        for (Finding f : sorted) {
            if (f.primary()) {
                primary.add(f.code().name());
            }
        }
        return new KeptDiagnosis(listed, uses, () -> d, true, List.copyOf(primary));
    }

    /** The trunks and rules {@code r} reached, or null when it was not routed (no config). */
    static ConfigUse use(LiveKitRouting r) {
        if (r.outcome() == null) {
            return null;
        }
        List<String> ids = new ArrayList<>(r.outcome().trunk().candidateIds());
        if (r.outcome().dispatch() != null) {
            ids.addAll(r.outcome().dispatch().candidateIds());
        }
        return new ConfigUse(r.flowId(), r.transaction().frame(), ids);
    }

    /** The calls with findings, and the config's own findings, in the order the panel lists them. */
    List<CallFindings> listed() {
        return listed;
    }

    /** The findings of the call {@code flowId}, or null when it has none. */
    CallFindings of(String flowId) {
        return flowId == null ? null : byFlow.get(flowId);
    }

    /** The config's own findings, or null when it has none. */
    CallFindings ofConfig() {
        for (CallFindings call : listed) {
            if (call.flowId() == null) {
                return call;
            }
        }
        return null;
    }

    /** How many findings, in all. */
    int size() {
        return size;
    }

    int errors() {
        return errors;
    }

    /** The codes of the primary causes, each once, in the order they are listed. */
    List<String> primaryCodes() {
        return primaryCodes;
    }

    List<ConfigUse> configUses() {
        return configUses;
    }

    /** True when every finding is in hand: {@link #whole()} costs nothing. */
    boolean isHeld() {
        return held;
    }

    /** Every finding and routing: the ones held, or the diagnosis worked out again (seconds on a large capture). */
    Diagnosis whole() {
        return whole.get();
    }

    /**
     * Keeps a diagnosis given call by call in start order as codes, severities and primary marks; each call's
     * findings are worked out again by {@code again} (given the call's position in start order) when shown.
     */
    static final class Builder {
        private final IntFunction<DiagnosisRun.CallDiagnosis> again;
        private final Map<String, Call> calls = new LinkedHashMap<>();
        private final List<ConfigUse> uses = new ArrayList<>();
        private final Map<List<String>, List<String>> idLists = new HashMap<>();
        private int taken;

        Builder(IntFunction<DiagnosisRun.CallDiagnosis> again) {
            this.again = again;
        }

        /**
         * The findings and routings of the calls at these positions, as the whole diagnosis lists them, by
         * {@code again} alone (the source outlives this builder).
         */
        private static CallFindings.Source source(IntFunction<DiagnosisRun.CallDiagnosis> again) {
            return (position, more) -> {
                List<Finding> findings = new ArrayList<>();
                List<LiveKitRouting> routings = new ArrayList<>();
                for (int i = -1; i < (more == null ? 0 : more.length); i++) {
                    DiagnosisRun.CallDiagnosis call = again.apply(i < 0 ? position : more[i]);
                    findings.addAll(call.findings());
                    for (LiveKitRouting r : call.routings()) {
                        routings.add(r.detached());
                    }
                }
                if (more != null) {
                    // findings of several calls with one id are listed together, as the whole diagnosis lists them
                    findings.sort(WITHIN_CALL);
                }
                return new CallFindings.Shown(List.copyOf(findings), List.copyOf(routings));
            };
        }

        /** The next call's diagnosis, in start order. */
        void add(DiagnosisRun.CallDiagnosis call) {
            int position = taken++;
            for (LiveKitRouting r : call.routings()) {
                ConfigUse use = use(r);
                if (use != null) {
                    uses.add(new ConfigUse(use.flowId(), use.frame(), idLists.computeIfAbsent(use.configIds(),
                            k -> List.copyOf(k))));
                }
            }
            Call kept = calls.get(call.flowId());
            if (kept == null) {
                // the first call with this id places its group, as the whole diagnosis orders findings
                kept = new Call(call.flowId(), position);
                calls.put(call.flowId(), kept);
            }
            if (!call.findings().isEmpty()) {
                kept.add(position, CallFindings.kinds(call.findings()));
            }
        }

        /** The diagnosis kept, with the config's own findings and the whole diagnosis worked out again when asked. */
        KeptDiagnosis build(List<Finding> configFindings, Supplier<Diagnosis> whole) {
            List<Ranked> ranked = new ArrayList<>();
            CallFindings.Source source = source(again);
            for (Call call : calls.values()) {
                if (call.kinds.length > 0) {
                    ranked.add(new Ranked(call.order, call.findings(source)));
                }
            }
            if (!configFindings.isEmpty()) {
                ranked.add(new Ranked(Integer.MAX_VALUE, CallFindings.held(null, configFindings, List.of())));
            }
            // a group is placed by its first finding: primary causes first, then by severity, then by call
            ranked.sort(Comparator.comparing((Ranked r) -> !r.call.primary(0))
                    .thenComparing(r -> r.call.severity(0)).thenComparingInt(Ranked::order));
            List<CallFindings> listed = new ArrayList<>(ranked.size());
            List<long[]> primaries = new ArrayList<>();
            for (Ranked r : ranked) {
                listed.add(r.call);
                for (int i = 0; i < r.call.size(); i++) {
                    if (r.call.primary(i)) {
                        primaries.add(new long[] {r.call.severity(i).ordinal(), r.order, i,
                                r.call.code(i).ordinal()});
                    }
                }
            }
            primaries.sort(Comparator.comparingLong((long[] p) -> p[0]).thenComparingLong(p -> p[1])
                    .thenComparingLong(p -> p[2]));
            Set<String> primary = new LinkedHashSet<>();
            for (long[] p : primaries) {
                primary.add(FindingCode.values()[(int) p[3]].name());
            }
            return new KeptDiagnosis(listed, uses, whole, false, List.copyOf(primary));
        }

        private record Ranked(int order, CallFindings call) {
        }

        /** The calls of one id (a capture may hold two with the same id: their findings are listed together). */
        private static final class Call {
            private final String flowId;
            private final int order;
            private int[] positions = new int[0];
            private short[] kinds = new short[0];

            Call(String flowId, int order) {
                this.flowId = flowId;
                this.order = order;
            }

            void add(int position, short[] more) {
                positions = Arrays.copyOf(positions, positions.length + 1);
                positions[positions.length - 1] = position;
                short[] all = Arrays.copyOf(kinds, kinds.length + more.length);
                System.arraycopy(more, 0, all, kinds.length, more.length);
                kinds = all;
            }

            CallFindings findings(CallFindings.Source source) {
                return positions.length == 1 ? CallFindings.workedOutWhenShown(flowId, kinds, positions[0], null, source)
                        : CallFindings.workedOutWhenShown(flowId, withinCall(kinds), positions[0],
                                Arrays.copyOfRange(positions, 1, positions.length), source);
            }

            /** The kinds of several calls' findings in the order {@link #WITHIN_CALL} lists the findings. */
            private static short[] withinCall(short[] kinds) {
                FindingCode[] codes = FindingCode.values();
                List<Short> list = new ArrayList<>(kinds.length);
                for (short kind : kinds) {
                    list.add(kind);
                }
                list.sort(Comparator.comparingInt((Short k) -> 1 - (k & 1)).thenComparingInt(k -> k >> 1 & 3)
                        .thenComparing(k -> codes[k >> 3].name()));
                short[] sorted = new short[kinds.length];
                for (int i = 0; i < sorted.length; i++) {
                    sorted[i] = list.get(i);
                }
                return sorted;
            }
        }
    }
}
