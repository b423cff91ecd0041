package org.sipladder.report;

import java.util.List;

/**
 * A table of wrapped text cells; its header row repeats on every page the table runs over.
 *
 * @param headers column titles, or an empty list for a table without a header row
 * @param widths  relative column widths (any positive numbers, scaled to the text width)
 * @param rows    the cells, row by row
 * @param mono    per column: true to set that column in the monospaced font
 */
record Table(List<String> headers, List<Double> widths, List<List<String>> rows, List<Boolean> mono) {

    Table {
        headers = List.copyOf(headers);
        widths = List.copyOf(widths);
        rows = rows.stream().map(List::copyOf).toList();
        mono = List.copyOf(mono);
    }

    /** A table in the proportional font only. */
    static Table of(List<String> headers, List<Double> widths, List<List<String>> rows) {
        return new Table(headers, widths, rows, widths.stream().map(w -> false).toList());
    }

    /** Two columns, label and value, no header: for the facts of a call. */
    static Table facts(List<List<String>> rows) {
        return of(List.of(), List.of(1.0, 3.0), rows);
    }
}
