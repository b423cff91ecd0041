package org.sipladder.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell; columns named in {@code rightAligned} hold numbers.
 * A flowing table ({@link #flowing}) sizes its columns by its first rows and prints the others as they come, so that a
 * table of a million rows is not held whole: a later cell wider than its column pushes the rest of its row along.
 */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;
    /** Where a flowing table prints; null for a table printed whole. */
    private final PrintWriter flowTo;
    private final int sizedBy;
    /** The widths once a flowing table has printed its first rows; else null. */
    private int[] width;

    TextTable(String[] header, int... rightAlignedColumns) {
        this(null, 0, header, rightAlignedColumns);
    }

    private TextTable(PrintWriter flowTo, int sizedBy, String[] header, int... rightAlignedColumns) {
        this.flowTo = flowTo;
        this.sizedBy = sizedBy;
        rows.add(header);
        rightAligned = new boolean[header.length];
        for (int c : rightAlignedColumns) {
            rightAligned[c] = true;
        }
    }

    /**
     * A table whose columns are sized by its header and first {@code sizedBy} rows, printed to {@code out} when the
     * row after them is added, each later row as it is added; {@link #print} prints what is left. A table of
     * {@code sizedBy} rows or fewer is the same as one printed whole.
     */
    static TextTable flowing(PrintWriter out, int sizedBy, String[] header, int... rightAlignedColumns) {
        return new TextTable(out, sizedBy, header, rightAlignedColumns);
    }

    /**
     * {@code text} cut to {@code max} characters, "..." ending it where it was cut: for a cell whose text a sender
     * chose (a fuzzing suite's method name of four kilobytes made every row of its table as wide).
     */
    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    void add(String... cells) {
        if (width != null) {
            flowTo.println(line(cells));
            return;
        }
        rows.add(cells);
        if (flowTo != null && rows.size() > sizedBy + 1) {
            printRows(flowTo);
        }
    }

    void print(PrintWriter out) {
        if (width == null || !rows.isEmpty()) {
            printRows(out);
        }
    }

    /** Sizes the columns by the rows held, unless sized already, prints the rows and lets them go. */
    private void printRows(PrintWriter out) {
        if (width == null) {
            width = new int[rightAligned.length];
            for (String[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
        }
        for (String[] row : rows) {
            out.println(line(row));
        }
        rows.clear();
    }

    private String line(String[] row) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            String pad = " ".repeat(Math.max(0, width[c] - row[c].length()));
            line.append(rightAligned[c] ? pad + row[c] : row[c] + (c == row.length - 1 ? "" : pad));
            if (c < row.length - 1) {
                line.append("  ");
            }
        }
        return line.toString();
    }
}
