package org.sipladder.ladder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distances between adjacent lifelines, wide enough for every label: each arrow asks for room over
 * the span it crosses, short spans are settled first and a long span spreads any shortfall evenly.
 */
final class ColumnSpacing {

    private final int columns;
    private final double[] gaps;
    private final double[] selfNeeds;
    private final Map<Long, Double> spanNeeds = new HashMap<>();

    ColumnSpacing(int columns, double minGap) {
        this.columns = columns;
        this.gaps = new double[Math.max(0, columns - 1)];
        this.selfNeeds = new double[columns];
        java.util.Arrays.fill(gaps, minGap);
    }

    /** Adjacent column titles must not touch. */
    void requireGap(int leftColumn, double width) {
        gaps[leftColumn] = Math.max(gaps[leftColumn], width);
    }

    /** An arrow between two different columns needs this much between their lifelines. */
    void requireSpan(int from, int to, double width) {
        int lo = Math.min(from, to);
        int hi = Math.max(from, to);
        spanNeeds.merge((long) lo * columns + hi, width, Math::max);
    }

    /** A self-arrow needs this much to the right of its lifeline. */
    void requireRightOf(int column, double width) {
        selfNeeds[column] = Math.max(selfNeeds[column], width);
    }

    double rightOfLast() {
        return columns == 0 ? 0 : selfNeeds[columns - 1];
    }

    /** The gaps after settling every request; gap i lies between column i and column i + 1. */
    double[] solve() {
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = Math.max(gaps[i], selfNeeds[i]);
        }
        List<Map.Entry<Long, Double>> spans = new ArrayList<>(spanNeeds.entrySet());
        spans.sort(Comparator.comparingLong(e -> span(e.getKey())));
        for (Map.Entry<Long, Double> e : spans) {
            int lo = (int) (e.getKey() / columns);
            int hi = (int) (e.getKey() % columns);
            double have = 0;
            for (int i = lo; i < hi; i++) {
                have += gaps[i];
            }
            double shortfall = e.getValue() - have;
            if (shortfall > 0) {
                for (int i = lo; i < hi; i++) {
                    gaps[i] += shortfall / (hi - lo);
                }
            }
        }
        return gaps.clone();
    }

    private long span(long key) {
        return key % columns - key / columns;
    }
}
