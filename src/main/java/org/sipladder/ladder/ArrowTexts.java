package org.sipladder.ladder;

import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * The measured texts of one arrow, computed before any position is known so the columns can be
 * spaced to fit them.
 *
 * @param label       fitted label text
 * @param labelWidth  its width
 * @param sdp         true when an SDP marker follows the label
 * @param badgeWidth  the marker box's width (0 without SDP)
 * @param detail      fitted detail text
 * @param detailWidth its width
 */
record ArrowTexts(String label, double labelWidth, boolean sdp, double badgeWidth, String detail,
                  double detailWidth) {

    static final String SDP = "SDP";
    static final double BADGE_GAP = 6;
    static final double BADGE_PAD_X = 4;

    static ArrowTexts of(FlowMessage fm, LadderStyle style, TextFitter fitter) {
        SipMessage m = fm.message();
        String label = fitter.fit(m.label(), style.labelFontSize(), false, style.maxLabelWidth());
        String detail = fitter.fit(detail(fm), style.detailFontSize(), false, style.maxLabelWidth());
        boolean sdp = m.sdp() != null;
        double badge = sdp ? fitter.width(SDP, style.detailFontSize(), false) + 2 * BADGE_PAD_X : 0;
        return new ArrowTexts(label, fitter.width(label, style.labelFontSize(), false), sdp, badge, detail,
                fitter.width(detail, style.detailFontSize(), false));
    }

    /**
     * "#12 · UDP 5060 → 5080", prefixed by "retransmission · " when it repeats a message and by "malformed · " when
     * the reader flagged it (as the message list and {@code messages} say "(malformed)").
     */
    static String detail(FlowMessage fm) {
        SipMessage m = fm.message();
        String text = "#" + m.frame() + " \u00b7 " + m.transport() + " " + m.src().port() + " \u2192 "
                + m.dst().port();
        text = fm.retransmission() ? "retransmission \u00b7 " + text : text;
        return m.malformed() ? "malformed \u00b7 " + text : text;
    }

    /** Width of label plus marker, as drawn side by side. */
    double groupWidth() {
        return sdp ? labelWidth + BADGE_GAP + badgeWidth : labelWidth;
    }

    /** The widest line of the arrow's texts. */
    double contentWidth() {
        return Math.max(groupWidth(), detailWidth);
    }
}
