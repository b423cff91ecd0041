package org.sipladder.ladder;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Sizes and options of a ladder layout, in logical units (pixels at zoom 1, points in the PDF).
 *
 * @param labelFontSize   size of arrow labels
 * @param detailFontSize  size of the small text under arrows and of the SDP marker
 * @param titleFontSize   size of column titles
 * @param gutterFontSize  size of the time gutter texts (monospaced)
 * @param rowHeight       height of one message row
 * @param headerHeight    height of the column title band
 * @param minColumnGap    smallest distance between two lifelines
 * @param labelPadding    free space kept on each side of a label inside its arrow's span
 * @param maxLabelWidth   labels wider than this are shortened with an ellipsis
 * @param selfLoopWidth   how far a self-arrow's loop reaches to the right
 * @param margin          blank border around the picture
 * @param zone            time zone of the time gutter
 * @param measure         text widths of the medium that will draw the layout
 * @param relativeTime    the time gutter counts seconds from the call's first message instead of the clock
 */
public record LadderStyle(double labelFontSize, double detailFontSize, double titleFontSize, double gutterFontSize,
                          double rowHeight, double headerHeight, double minColumnGap, double labelPadding,
                          double maxLabelWidth, double selfLoopWidth, double margin, ZoneId zone,
                          TextMeasure measure, boolean relativeTime) {

    /** Screen-sized defaults, UTC times and approximate DejaVu text widths. */
    public static LadderStyle standard() {
        return new LadderStyle(12.5, 10, 13, 11, 40, 58, 170, 12, 360, 26, 16, ZoneOffset.UTC,
                new ApproximateTextMeasure(), false);
    }

    public LadderStyle withMeasure(TextMeasure textMeasure) {
        return new LadderStyle(labelFontSize, detailFontSize, titleFontSize, gutterFontSize, rowHeight, headerHeight,
                minColumnGap, labelPadding, maxLabelWidth, selfLoopWidth, margin, zone, textMeasure, relativeTime);
    }

    public LadderStyle withZone(ZoneId timeZone) {
        return new LadderStyle(labelFontSize, detailFontSize, titleFontSize, gutterFontSize, rowHeight, headerHeight,
                minColumnGap, labelPadding, maxLabelWidth, selfLoopWidth, margin, timeZone, measure, relativeTime);
    }

    /** Times counted from the call's first message ({@code true}) or read off the clock in {@link #zone()}. */
    public LadderStyle withRelativeTime(boolean relative) {
        return new LadderStyle(labelFontSize, detailFontSize, titleFontSize, gutterFontSize, rowHeight, headerHeight,
                minColumnGap, labelPadding, maxLabelWidth, selfLoopWidth, margin, zone, measure, relative);
    }
}
