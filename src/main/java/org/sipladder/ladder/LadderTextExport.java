package org.sipladder.ladder;

import java.util.Arrays;
import java.util.List;

/**
 * The ladder as monospaced plain text, like Wireshark's flow text export: a time column, one
 * character column per hop and each arrow drawn with its label above it.
 */
public final class LadderTextExport {

    private static final int TIME_WIDTH = 24;
    private static final int MIN_GAP = 12;

    /** The whole ladder, one block of two lines per message, lines ending in '\n'. */
    public String write(LadderLayout layout) {
        List<LadderColumn> columns = layout.columns();
        int[] xs = positions(layout);
        int width = (columns.isEmpty() ? TIME_WIDTH : xs[xs.length - 1]) + widest(layout) + 4;
        StringBuilder out = new StringBuilder();
        char[] line = blank(width, xs);
        put(line, 0, layout.gutterTitle().text());
        for (LadderColumn c : columns) {
            put(line, centred(xs[c.index()], c.title().text()), c.title().text());
        }
        out.append(trim(line));
        line = blank(width, xs);
        put(line, 0, layout.gutterSubtitle().text());
        for (LadderColumn c : columns) {
            put(line, centred(xs[c.index()], c.subtitle().text()), c.subtitle().text());
        }
        out.append(trim(line));
        for (LadderRow row : layout.rows()) {
            LadderArrow a = row.arrow();
            int from = xs[a.fromColumn()];
            int to = xs[a.toColumn()];
            String label = a.badge() == null ? a.label().text() : a.label().text() + " (SDP)";
            char[] top = blank(width, xs);
            char[] bottom = blank(width, xs);
            put(top, 0, row.time().text());
            put(bottom, 0, row.delta().text());
            if (from == to) {
                put(top, from + 1, "--+ " + label);
                put(bottom, from, "<-+ " + a.detail().text());
            } else {
                int lo = Math.min(from, to);
                int hi = Math.max(from, to);
                put(top, centred((lo + hi) / 2, label), label);
                char dash = a.dashed() ? '.' : '-';
                for (int x = lo + 1; x < hi; x++) {
                    bottom[x] = dash;
                }
                bottom[to > from ? hi - 1 : lo + 1] = to > from ? '>' : '<';
                String detail = " " + a.detail().text() + " ";
                if (detail.length() < hi - lo - 4) {
                    put(bottom, centred((lo + hi) / 2, detail), detail);
                }
            }
            out.append(trim(top)).append(trim(bottom));
        }
        return out.toString();
    }

    private static int[] positions(LadderLayout layout) {
        int n = layout.columns().size();
        int[] xs = new int[n];
        for (int c = 0; c < n; c++) {
            int title = Math.max(layout.column(c).title().text().length(), layout.column(c).subtitle().text().length());
            xs[c] = c == 0 ? TIME_WIDTH + title / 2 + 1 : xs[c - 1] + MIN_GAP;
            if (c > 0) {
                int previousTitle = Math.max(layout.column(c - 1).title().text().length(),
                        layout.column(c - 1).subtitle().text().length());
                xs[c] = Math.max(xs[c], xs[c - 1] + (previousTitle + title) / 2 + 3);
            }
        }
        for (LadderRow row : layout.rows()) {
            LadderArrow a = row.arrow();
            int lo = Math.min(a.fromColumn(), a.toColumn());
            int hi = Math.max(a.fromColumn(), a.toColumn());
            int need = Math.max(a.label().text().length() + 6, a.detail().text().length() + 4) + 4;
            if (lo == hi) {
                continue;
            }
            int have = xs[hi] - xs[lo];
            if (have < need) {
                int shift = need - have;
                for (int c = hi; c < n; c++) {
                    xs[c] += shift;
                }
            }
        }
        return xs;
    }

    private static int widest(LadderLayout layout) {
        int w = 20;
        for (LadderRow row : layout.rows()) {
            w = Math.max(w, row.arrow().label().text().length() + row.arrow().detail().text().length() + 12);
        }
        return w;
    }

    private static char[] blank(int width, int[] lifelines) {
        char[] line = new char[width];
        Arrays.fill(line, ' ');
        for (int x : lifelines) {
            line[x] = '|';
        }
        return line;
    }

    private static int centred(int centre, String text) {
        return Math.max(0, centre - text.length() / 2);
    }

    private static void put(char[] line, int at, String text) {
        for (int i = 0; i < text.length() && at + i < line.length; i++) {
            line[at + i] = text.charAt(i);
        }
    }

    private static String trim(char[] line) {
        return new String(line).stripTrailing() + "\n";
    }
}
