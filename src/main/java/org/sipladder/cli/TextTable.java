package org.sipladder.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns are as wide as their widest cell; columns named in {@code rightAligned} hold numbers. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    TextTable(String[] header, int... rightAlignedColumns) {
        rows.add(header);
        rightAligned = new boolean[header.length];
        for (int c : rightAlignedColumns) {
            rightAligned[c] = true;
        }
    }

    void add(String... cells) {
        rows.add(cells);
    }

    void print(PrintWriter out) {
        int[] width = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(width[c] - row[c].length());
                line.append(rightAligned[c] ? pad + row[c] : row[c] + (c == row.length - 1 ? "" : pad));
                if (c < row.length - 1) {
                    line.append("  ");
                }
            }
            out.println(line);
        }
    }
}
