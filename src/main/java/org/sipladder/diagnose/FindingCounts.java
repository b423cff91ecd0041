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
            g.calls.add(f.flowId());
            g.findings++;
            calls.add(f.flowId());
        }
        // among codes on as many calls, the one found more often first; then in order of each code's first finding
        List<Code> codes = groups.values().stream().map(g -> new Code(g.example.code(), g.example.severity(),
                g.calls.size(), g.findings, g.example)).sorted(Comparator.comparingInt(Code::calls)
                .thenComparingInt(Code::findings).reversed()).toList();
        return new FindingCounts(codes, findings.size(), calls.size());
    }

    private static final class Group {
        private final Finding example;
        private final Set<String> calls = new HashSet<>();
        private int findings;

        Group(Finding example) {
            this.example = example;
        }
    }
}
