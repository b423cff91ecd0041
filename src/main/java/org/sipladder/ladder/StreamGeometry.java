package org.sipladder.ladder;

import java.util.List;

/** Measures and places the arrows of media streams: a thick dashed shaft, a warning mark when one is due. */
final class StreamGeometry {

    static final double MARK_SIZE = 11;
    static final double MARK_GAP = 4;
    static final double LINE_WIDTH = 2.6;
    /** Between the fields of a stream's detail line, as {@link LadderStreams} joins them. */
    static final String SEPARATOR = " \u00b7 ";

    private final LadderStyle style;
    private final TextFitter fitter;

    StreamGeometry(LadderStyle style, TextFitter fitter) {
        this.style = style;
        this.fitter = fitter;
    }

    /** The measured texts of one stream's arrow, before any position is known. */
    record Texts(String label, double labelWidth, String detail, double detailWidth, boolean warning) {

        double groupWidth() {
            return warning ? MARK_SIZE + MARK_GAP + labelWidth : labelWidth;
        }

        double contentWidth() {
            return Math.max(groupWidth(), detailWidth);
        }
    }

    Texts texts(LadderStream stream) {
        return texts(stream, style.maxLabelWidth());
    }

    /**
     * The texts fitted to {@code maxWidth}: the widest label allowed while the columns are spaced, the room between
     * the two lifelines once they are placed (an arrow past other hosts has more).
     */
    Texts texts(LadderStream stream, double maxWidth) {
        String label = fitter.fit(stream.label(), style.labelFontSize(), false,
                stream.hasWarnings() ? maxWidth - MARK_SIZE - MARK_GAP : maxWidth);
        // warnings first: when the line is too long, the last fields go, not the problem; a field goes whole,
        // as half an SSRC or address would read as another one
        String detailText = stream.hasWarnings()
                ? String.join(SEPARATOR, stream.warnings()) + SEPARATOR + stream.detail() : stream.detail();
        String detail = fitter.fitWholeParts(detailText, SEPARATOR, style.detailFontSize(), false, maxWidth);
        return new Texts(label, fitter.width(label, style.labelFontSize(), false), detail,
                fitter.width(detail, style.detailFontSize(), false), stream.hasWarnings());
    }

    /** How far right of its lifeline a stream between two ports of one address reaches. */
    double selfReach(Texts texts) {
        return style.selfLoopWidth() + ArrowGeometry.LOOP_TEXT_GAP + texts.contentWidth() + style.labelPadding();
    }

    StreamArrow arrow(Texts texts, int from, int to, double fromX, double toX, double y) {
        List<Point> shaft;
        List<Point> head;
        double groupLeft;
        double labelBaseline;
        Point detailAnchor;
        LadderText.Anchor detailAlign;
        if (from == to) {
            double loopX = fromX + style.selfLoopWidth();
            double top = y - ArrowGeometry.LOOP_HALF_HEIGHT;
            double bottom = y + ArrowGeometry.LOOP_HALF_HEIGHT;
            shaft = List.of(new Point(fromX, top), new Point(loopX, top), new Point(loopX, bottom),
                    new Point(fromX + ArrowGeometry.HEAD_LENGTH, bottom));
            head = head(fromX, bottom, 1);
            groupLeft = loopX + ArrowGeometry.LOOP_TEXT_GAP;
            labelBaseline = y - 3;
            detailAnchor = new Point(groupLeft, y + ArrowGeometry.DETAIL_DROP - 1);
            detailAlign = LadderText.Anchor.START;
        } else {
            double direction = Math.signum(toX - fromX);
            double headBase = toX - direction * ArrowGeometry.HEAD_LENGTH;
            shaft = List.of(new Point(fromX, y), new Point(headBase, y));
            head = head(toX, y, -direction);
            double mid = (fromX + toX) / 2;
            groupLeft = mid - texts.groupWidth() / 2;
            labelBaseline = y - ArrowGeometry.LABEL_RISE;
            detailAnchor = new Point(mid, y + ArrowGeometry.DETAIL_DROP);
            detailAlign = LadderText.Anchor.MIDDLE;
        }
        List<Point> mark = List.of();
        LadderText sign = null;
        double labelLeft = groupLeft;
        if (texts.warning()) {
            double base = labelBaseline + 1;
            mark = List.of(new Point(groupLeft + MARK_SIZE / 2, base - MARK_SIZE), new Point(groupLeft + MARK_SIZE, base),
                    new Point(groupLeft, base));
            double signSize = style.detailFontSize() - 1;
            sign = new LadderText("!", groupLeft + MARK_SIZE / 2, base - 1.5, signSize, false, LadderText.Anchor.MIDDLE,
                    fitter.width("!", signSize, false), LadderPalette.BACKGROUND);
            labelLeft = groupLeft + MARK_SIZE + MARK_GAP;
        }
        LadderText label = new LadderText(texts.label(), labelLeft + texts.labelWidth() / 2, labelBaseline,
                style.labelFontSize(), false, LadderText.Anchor.MIDDLE, texts.labelWidth(), LadderPalette.MEDIA);
        LadderText detail = new LadderText(texts.detail(), detailAnchor.x(), detailAnchor.y(), style.detailFontSize(),
                false, detailAlign, texts.detailWidth(), texts.warning() ? LadderPalette.WARNING : LadderPalette.MUTED_TEXT);
        return new StreamArrow(from, to, y, shaft, head, label, detail, LadderPalette.MEDIA, LINE_WIDTH, mark, sign);
    }

    /** A head with its tip at (tipX, y), its base {@code side} head lengths away (+1 right, -1 left). */
    private static List<Point> head(double tipX, double y, double side) {
        double base = tipX + side * ArrowGeometry.HEAD_LENGTH;
        return List.of(new Point(tipX, y), new Point(base, y - ArrowGeometry.HEAD_HALF_WIDTH - 0.5),
                new Point(base, y + ArrowGeometry.HEAD_HALF_WIDTH + 0.5));
    }
}
