package org.sipladder.ladder;

import java.util.List;
import org.sipladder.flow.CallFlow;

/**
 * A ladder diagram of one call flow as immutable geometry in logical units: one column per hop, one
 * row per message, a time gutter on the left and a header band on top. Every medium (canvas, SVG,
 * PDF, text) only maps it; layout costs O(messages) and row lookups are O(1).
 */
public final class LadderLayout {

    private final CallFlow flow;
    private final LadderStyle style;
    private final List<LadderColumn> columns;
    private final List<LadderRow> rows;
    private final double gutterWidth;
    private final double width;
    private final double height;
    private final LadderText gutterTitle;
    private final LadderText gutterSubtitle;

    LadderLayout(CallFlow flow, LadderStyle style, List<LadderColumn> columns, List<LadderRow> rows,
                 double gutterWidth, double width, double height, LadderText gutterTitle, LadderText gutterSubtitle) {
        this.flow = flow;
        this.style = style;
        this.columns = columns;
        this.rows = List.copyOf(rows);
        this.gutterWidth = gutterWidth;
        this.width = width;
        this.height = height;
        this.gutterTitle = gutterTitle;
        this.gutterSubtitle = gutterSubtitle;
    }

    /** Lays out a flow for a medium described by the style. */
    public static LadderLayout of(CallFlow flow, LadderStyle style) {
        return new LayoutBuilder(flow, style).build();
    }

    public CallFlow flow() {
        return flow;
    }

    public LadderStyle style() {
        return style;
    }

    public List<LadderColumn> columns() {
        return columns;
    }

    public LadderColumn column(int index) {
        return columns.get(index);
    }

    public List<LadderRow> rows() {
        return rows;
    }

    public int rowCount() {
        return rows.size();
    }

    public LadderRow row(int index) {
        return rows.get(index);
    }

    /** Width of the time gutter at the left edge. */
    public double gutterWidth() {
        return gutterWidth;
    }

    /** Height of the column title band at the top edge; rows start below it. */
    public double headerHeight() {
        return style.headerHeight();
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** "Time (UTC)" above the gutter. */
    public LadderText gutterTitle() {
        return gutterTitle;
    }

    /** The date of the first message, under the gutter title. */
    public LadderText gutterSubtitle() {
        return gutterSubtitle;
    }

    /** Y where the lifelines end. */
    public double lifelineBottom() {
        return style.headerHeight() + rows.size() * style.rowHeight() + style.margin() / 2;
    }

    /** Index of the row at a y, or -1 above the first or below the last row. */
    public int rowAt(double y) {
        double offset = y - style.headerHeight();
        if (offset < 0) {
            return -1;
        }
        int index = (int) (offset / style.rowHeight());
        return index < rows.size() ? index : -1;
    }

    /** Index of the message whose row contains the point, or -1; a whole row is one click target. */
    public int messageAt(double x, double y) {
        return x < 0 || x > width ? -1 : rowAt(y);
    }

    /** The band of a message's row. */
    public Box rowBounds(int index) {
        return rows.get(index).bounds();
    }

    /** The rows that intersect the vertical range [top, bottom], for drawing only what is visible. */
    public List<LadderRow> rowsBetween(double top, double bottom) {
        if (rows.isEmpty() || bottom < style.headerHeight()) {
            return List.of();
        }
        int first = (int) Math.max(0, Math.floor((top - style.headerHeight()) / style.rowHeight()));
        int last = (int) Math.min(rows.size() - 1, Math.floor((bottom - style.headerHeight()) / style.rowHeight()));
        return first > last ? List.of() : rows.subList(first, last + 1);
    }
}
