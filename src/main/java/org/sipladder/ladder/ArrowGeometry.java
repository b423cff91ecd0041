package org.sipladder.ladder;

import java.util.List;
import org.sipladder.flow.FlowMessage;

/** Places one arrow: shaft, head and texts, straight between two lifelines or looping back to its own. */
final class ArrowGeometry {

    static final double HEAD_LENGTH = 9;
    static final double HEAD_HALF_WIDTH = 4.5;
    static final double LABEL_RISE = 7;
    static final double DETAIL_DROP = 13;
    static final double LOOP_HALF_HEIGHT = 7;
    static final double LOOP_TEXT_GAP = 8;

    private final LadderStyle style;

    ArrowGeometry(LadderStyle style) {
        this.style = style;
    }

    /** How far right of its lifeline a self-arrow with these texts reaches. */
    double selfArrowReach(ArrowTexts texts) {
        return style.selfLoopWidth() + LOOP_TEXT_GAP + texts.contentWidth() + style.labelPadding();
    }

    LadderArrow arrow(FlowMessage fm, ArrowTexts texts, int from, int to, double fromX, double toX, double y) {
        return from == to ? selfArrow(fm, texts, from, fromX, y) : straight(fm, texts, from, to, fromX, toX, y);
    }

    private LadderArrow straight(FlowMessage fm, ArrowTexts texts, int from, int to, double fromX, double toX,
                                 double y) {
        double direction = Math.signum(toX - fromX);
        double headBase = toX - direction * HEAD_LENGTH;
        List<Point> shaft = List.of(new Point(fromX, y), new Point(headBase, y));
        List<Point> head = List.of(new Point(toX, y), new Point(headBase, y - HEAD_HALF_WIDTH),
                new Point(headBase, y + HEAD_HALF_WIDTH));
        double mid = (fromX + toX) / 2;
        double groupLeft = mid - texts.groupWidth() / 2;
        return build(fm, texts, from, to, fromX, toX, y, shaft, head, groupLeft, y - LABEL_RISE,
                new Point(mid, y + DETAIL_DROP), LadderText.Anchor.MIDDLE);
    }

    private LadderArrow selfArrow(FlowMessage fm, ArrowTexts texts, int column, double x, double y) {
        double loopX = x + style.selfLoopWidth();
        double top = y - LOOP_HALF_HEIGHT;
        double bottom = y + LOOP_HALF_HEIGHT;
        List<Point> shaft = List.of(new Point(x, top), new Point(loopX, top), new Point(loopX, bottom),
                new Point(x + HEAD_LENGTH, bottom));
        List<Point> head = List.of(new Point(x, bottom), new Point(x + HEAD_LENGTH, bottom - HEAD_HALF_WIDTH),
                new Point(x + HEAD_LENGTH, bottom + HEAD_HALF_WIDTH));
        double textX = loopX + LOOP_TEXT_GAP;
        return build(fm, texts, column, column, x, x, y, shaft, head, textX, y - 3,
                new Point(textX, y + DETAIL_DROP - 1), LadderText.Anchor.START);
    }

    private LadderArrow build(FlowMessage fm, ArrowTexts texts, int from, int to, double fromX, double toX,
                              double y, List<Point> shaft, List<Point> head, double groupLeft, double labelBaseline,
                              Point detailAnchor, LadderText.Anchor detailAlign) {
        ArrowKind kind = ArrowKind.of(fm.message());
        int status = fm.message().status();
        Rgb labelColour = kind == ArrowKind.REQUEST ? LadderPalette.TEXT : LadderPalette.status(status);
        LadderText label = new LadderText(texts.label(), groupLeft + texts.labelWidth() / 2, labelBaseline,
                style.labelFontSize(), false, LadderText.Anchor.MIDDLE, texts.labelWidth(), labelColour);
        LadderText badge = null;
        Box badgeBox = null;
        if (texts.sdp()) {
            double boxX = groupLeft + texts.labelWidth() + ArrowTexts.BADGE_GAP;
            double size = style.detailFontSize();
            badge = new LadderText(ArrowTexts.SDP, boxX + ArrowTexts.BADGE_PAD_X, labelBaseline - 0.5, size, false,
                    LadderText.Anchor.START, texts.badgeWidth() - 2 * ArrowTexts.BADGE_PAD_X,
                    LadderPalette.SELECTION_EDGE);
            badgeBox = new Box(boxX, labelBaseline - 0.5 - LadderText.ASCENT * size - 2, texts.badgeWidth(),
                    (LadderText.ASCENT + LadderText.DESCENT) * size + 4);
        }
        LadderText detail = new LadderText(texts.detail(), detailAnchor.x(), detailAnchor.y(), style.detailFontSize(),
                false, detailAlign, texts.detailWidth(), LadderPalette.MUTED_TEXT);
        return new LadderArrow(from, to, fromX, toX, y, shaft, head, label,
                kind.isError() ? LadderPalette.statusTint(status) : null, badge, badgeBox, detail, fm.legIndex(), kind,
                fm.retransmission(), LadderPalette.leg(fm.legIndex()), lineWidth(kind));
    }

    private static double lineWidth(ArrowKind kind) {
        if (kind == ArrowKind.PROVISIONAL) {
            return 1.2;
        }
        return kind.isFinalResponse() ? 2.0 : 1.6;
    }
}
