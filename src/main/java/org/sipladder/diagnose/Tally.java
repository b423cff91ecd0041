package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts calls by a key of a few texts (a hop and its answer, a trunk), for the summaries of many calls. */
public final class Tally {

    /**
     * One key and its count.
     *
     * @param key   the key's texts
     * @param calls how many calls have it
     */
    public record Row(List<String> key, int calls) {
    }

    private final Map<List<String>, Integer> counts = new LinkedHashMap<>();

    public void add(List<String> key) {
        counts.merge(List.copyOf(key), 1, Integer::sum);
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** One row per key, most calls first (ties in order of first count). */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<List<String>, Integer>comparingByValue().reversed())
                .forEach(e -> rows.add(new Row(e.getKey(), e.getValue())));
        return rows;
    }
}
