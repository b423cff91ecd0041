package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.sipladder.flow.CallFlow;

/**
 * Groups calls by a finding code as one pass meets them, for the PDF report and the text diagnosis alike, so both
 * count the same calls under the same cause.
 *
 * @param <T> what is kept of each call beyond a group's first few
 */
public final class CallGroups<T> {

    private final int keptWhole;
    private final Function<CallFlow, T> kept;
    private final Map<FindingCode, Builder<T>> groups = new LinkedHashMap<>();

    /**
     * @param keptWhole how many calls of each group are kept whole
     * @param kept      what is kept of the group's other calls; null keeps nothing of them
     */
    public CallGroups(int keptWhole, Function<CallFlow, T> kept) {
        this.keptWhole = keptWhole;
        this.kept = kept;
    }

    /** Adds {@code flow} to the group of {@code code} (null: no rule explains it) under the finding's {@code title}. */
    public void add(FindingCode code, String title, CallFlow flow) {
        groups.computeIfAbsent(code, k -> new Builder<>()).add(flow, title, this);
    }

    /** The groups, most calls first (ties in order of their first call). */
    public List<CallGroup<T>> mostCallsFirst() {
        return groups.entrySet().stream().map(e -> e.getValue().group(e.getKey()))
                .sorted(Comparator.comparingInt((CallGroup<T> g) -> g.calls()).reversed()).toList();
    }

    private static final class Builder<T> {
        private final List<CallFlow> first = new ArrayList<>();
        private final List<T> others = new ArrayList<>();
        private String title;
        private boolean titlesDiffer;
        private int calls;

        void add(CallFlow flow, String t, CallGroups<T> of) {
            calls++;
            titlesDiffer |= title != null && !title.equals(t);
            title = title == null ? t : title;
            if (first.size() < of.keptWhole) {
                first.add(flow);
            } else if (of.kept != null) {
                others.add(of.kept.apply(flow));
            }
        }

        CallGroup<T> group(FindingCode code) {
            return new CallGroup<>(code, titlesDiffer ? "e.g. " + title : title, calls, List.copyOf(first),
                    List.copyOf(others));
        }
    }
}
