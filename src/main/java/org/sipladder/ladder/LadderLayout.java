package org.sipladder.ladder;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sipladder.flow.CallFlow;

/**
 * A ladder diagram of one call flow as immutable geometry in logical units: one column per hop, one
 * row per message or media stream, a time gutter on the left and a header band on top. Every medium (canvas, SVG,
 * PDF, text) only maps it; layout costs O(messages) and row lookups are O(1).
 */
public final class LadderLayout {

    private final CallFlow flow;
    private final LadderStyle style;
    private final List<LadderColumn> columns;
    private final List<LadderRow> rows;
    private final List<StreamRow> streamRows;
    /** For each slot (row position from the top), the message shown there, or -1 for a stream's row. */
    private final int[] messageAtSlot;
    private final double gutterWidth;
    private final double width;
    private final double height;
    private final LadderText gutterTitle;
    private final LadderText gutterSubtitle;

    LadderLayout(CallFlow flow, LadderStyle style, List<LadderColumn> columns, List<LadderRow> rows,
                 List<StreamRow> streamRows, double gutterWidth, double width, double height, LadderText gutterTitle,
                 LadderText gutterSubtitle) {
        this.flow = flow;
        this.style = style;
        this.columns = columns;
        this.rows = List.copyOf(rows);
        this.streamRows = List.copyOf(streamRows);
        this.messageAtSlot = new int[rows.size() + streamRows.size()];
        Arrays.fill(messageAtSlot, -1);
        for (LadderRow row : rows) {
            messageAtSlot[slotOf(row)] = row.index();
        }
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

    /** Lays out a flow with its media streams, each a row among the messages at the time it started. */
    public static LadderLayout of(CallFlow flow, List<LadderStream> streams, LadderStyle style) {
        return new LayoutBuilder(flow, streams, style).build();
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

    /** Number of message rows (stream rows not counted): message indexes run from 0 to this. */
    public int rowCount() {
        return rows.size();
    }

    /** The media streams' rows, in order from the top. */
    public List<StreamRow> streamRows() {
        return streamRows;
    }

    /** Number of rows of either kind, from the top: what the picture's height is made of. */
    public int slotCount() {
        return messageAtSlot.length;
    }

    /** The slot (position from the top) of a message's row. */
    public int slotOf(LadderRow row) {
        return (int) Math.round((row.bounds().y() - style.headerHeight()) / style.rowHeight());
    }

    /** The slot whose band contains y, or -1 outside all rows. */
    public int slotAt(double y) {
        double offset = y - style.headerHeight();
        if (offset < 0) {
            return -1;
        }
        int slot = (int) (offset / style.rowHeight());
        return slot < messageAtSlot.length ? slot : -1;
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
        return style.headerHeight() + messageAtSlot.length * style.rowHeight() + style.margin() / 2;
    }

    /** Index of the message whose row is at a y, or -1 above the first or below the last row or on a stream's row. */
    public int rowAt(double y) {
        int slot = slotAt(y);
        return slot < 0 ? -1 : messageAtSlot[slot];
    }

    /** The stream whose row is at a y, if any. */
    public Optional<StreamRow> streamRowAt(double y) {
        int slot = slotAt(y);
        if (slot < 0 || messageAtSlot[slot] >= 0) {
            return Optional.empty();
        }
        return streamRows.stream().filter(r -> r.slot() == slot).findFirst();
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
        int firstSlot = (int) Math.max(0, Math.floor((top - style.headerHeight()) / style.rowHeight()));
        int lastSlot = (int) Math.min(messageAtSlot.length - 1, Math.floor((bottom - style.headerHeight()) / style.rowHeight()));
        int first = -1;
        int last = -1;
        for (int slot = firstSlot; slot <= lastSlot; slot++) {
            if (messageAtSlot[slot] >= 0) {
                first = first < 0 ? messageAtSlot[slot] : first;
                last = messageAtSlot[slot];
            }
        }
        return first < 0 ? List.of() : rows.subList(first, last + 1);
    }

    /** The stream rows that intersect the vertical range [top, bottom]. */
    public List<StreamRow> streamRowsBetween(double top, double bottom) {
        double firstTop = top - style.rowHeight();
        return streamRows.stream().filter(r -> r.bounds().y() >= firstTop && r.bounds().y() <= bottom).toList();
    }

    /** The message rows among the slots [firstSlot, endSlot). */
    public List<LadderRow> rowsInSlots(int firstSlot, int endSlot) {
        double top = style.headerHeight() + firstSlot * style.rowHeight();
        double bottom = style.headerHeight() + endSlot * style.rowHeight() - 1;
        return rowsBetween(top, bottom);
    }

    /** The stream rows among the slots [firstSlot, endSlot). */
    public List<StreamRow> streamRowsInSlots(int firstSlot, int endSlot) {
        return streamRows.stream().filter(r -> r.slot() >= firstSlot && r.slot() < endSlot).toList();
    }
}
