package org.sipladder.report;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.ladder.LadderColumn;
import org.sipladder.ladder.LadderLayout;

/**
 * A ladder cut by its columns into parts a page wide, for a call through more hops than a page holds at a size one
 * reads: each part is drawn beside the time gutter with all of the rows, and neighbouring parts share a column, so
 * every arrow between neighbouring hops is whole in one part.
 *
 * @param scale points per layout unit, the same in every part
 * @param parts the parts, left to right
 */
record LadderParts(float scale, List<Part> parts) {

    /**
     * The smallest scale a ladder is drawn at: its smallest text (frame numbers and ports, 10 units) is then 5 pt, as
     * small as print is read; a call through three IPv6 hosts is drawn whole at it.
     * A ladder wider than the page at this scale is cut into parts.
     */
    static final float SMALLEST_SCALE = 0.5f;

    /**
     * Columns {@code first}..{@code last} (indexes into the layout's columns), drawn from layout x {@code fromX} to
     * {@code toX} beside the gutter.
     */
    record Part(int first, int last, double fromX, double toX) {
    }

    /** The parts of {@code layout} on a text width of {@code width} points. */
    static LadderParts of(LadderLayout layout, float width) {
        float scale = (float) Math.max(SMALLEST_SCALE, Math.min(1.0, width / layout.width()));
        List<LadderColumn> columns = layout.columns();
        if (layout.width() * scale <= width + 0.01 || columns.size() < 2) {
            return new LadderParts(scale, List.of(new Part(0, Math.max(0, columns.size() - 1), layout.gutterWidth(),
                    layout.width())));
        }
        double room = width / scale - layout.gutterWidth();
        double margin = layout.style().margin();
        List<Part> parts = new ArrayList<>();
        int first = 0;
        int lastColumn = columns.size() - 1;
        while (true) {
            double from = first == 0 ? layout.gutterWidth() : columns.get(first).header().x() - margin;
            int last = first + 1;
            while (last < lastColumn && columns.get(last + 1).header().maxX() + margin - from <= room) {
                last++;
            }
            double to = last == lastColumn ? layout.width() : columns.get(last).header().maxX() + margin;
            parts.add(new Part(first, last, from, Math.min(to, from + room)));
            if (last == lastColumn) {
                return new LadderParts(scale, List.copyOf(parts));
            }
            first = last;
        }
    }

    boolean split() {
        return parts.size() > 1;
    }
}
