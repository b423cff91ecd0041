package org.sipladder.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts calls by a key of a few texts (a hop and its answer, a trunk), for the summary tables of a report. */
final class Tally {

    private final Map<List<String>, Integer> counts = new LinkedHashMap<>();

    void add(List<String> key) {
        counts.merge(List.copyOf(key), 1, Integer::sum);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** One row per key, most calls first (ties in order of first count): the key's texts, then the number of calls. */
    List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<List<String>, Integer>comparingByValue().reversed())
                .forEach(e -> {
                    List<String> row = new ArrayList<>(e.getKey());
                    row.add(Times.count(e.getValue()));
                    rows.add(row);
                });
        return rows;
    }
}
