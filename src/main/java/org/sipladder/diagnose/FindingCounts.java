package org.sipladder.diagnose;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings about many calls counted by code and severity, most calls first, for the summaries of answered calls
 * with warnings (the PDF report's first page, the text diagnosis's overview).
 *
 * @param codes    one row per code and severity
 * @param findings how many findings were counted
 * @param calls    how many calls they are about
 */
public record FindingCounts(List<Code> codes, int findings, int calls) {

    /**
     * The findings of one code and severity.
     *
     * @param calls    how many calls have one
     * @param findings how many there are
     * @param example  the first of them
     */
    public record Code(FindingCode code, Severity severity, int calls, int findings, Finding example) {
    }

    /** Counts {@code findings}, each about a call (its flow id). */
    public static FindingCounts of(List<Finding> findings) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Set<String> calls = new HashSet<>();
        for (Finding f : findings) {
            Group g = groups.computeIfAbsent(f.code() + " " + f.severity(), k -> new Group(f));
            if (g.flows.add(f.flowId())) {
                g.calls++;
            }
            g.findings++;
            calls.add(f.flowId());
        }
        return counted(groups, findings.size(), calls.size());
    }

    /** Among codes on as many calls, the one found more often first; then in order of each code's first finding. */
    private static FindingCounts counted(Map<String, Group> groups, int findings, int calls) {
        List<Code> codes = groups.values().stream().map(g -> new Code(g.example.code(), g.example.severity(),
                g.calls, g.findings, g.example)).sorted(Comparator.comparingInt(Code::calls)
                .thenComparingInt(Code::findings).reversed()).toList();
        return new FindingCounts(codes, findings, calls);
    }

    /**
     * Counts as {@link #of} does, fed the findings of one call at a time, so that a large capture's findings need
     * not all be held: only each code's first finding is kept.
     */
    public static final class Counter {
        private final Map<String, Group> groups = new LinkedHashMap<>();
        private int findings;
        private int calls;
        private int call;

        /** Counts the findings of one call (none: the call is not counted). */
        public void addCall(List<Finding> ofOneCall) {
            if (ofOneCall.isEmpty()) {
                return;
            }
            call++;
            calls++;
            for (Finding f : ofOneCall) {
                Group g = groups.computeIfAbsent(f.code() + " " + f.severity(), k -> new Group(f));
                if (g.lastCall != call) {
                    g.lastCall = call;
                    g.calls++;
                }
                g.findings++;
                findings++;
            }
        }

        public FindingCounts counts() {
            return counted(groups, findings, calls);
        }
    }

    private static final class Group {
        private final Finding example;
        /** The calls counted, by flow id, for {@link #of}. */
        private final Set<String> flows = new HashSet<>();
        /** The last call counted, for {@link Counter}. */
        private int lastCall;
        private int calls;
        private int findings;

        Group(Finding example) {
            this.example = example;
        }
    }
}
