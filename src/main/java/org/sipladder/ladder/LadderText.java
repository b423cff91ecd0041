package org.sipladder.ladder;

/**
 * One line of text placed on the ladder: every medium draws {@code text} at ({@code anchorX},
 * {@code baseline}) aligned by {@code anchor}, so centring survives small font differences.
 *
 * @param text     the text, already shortened to fit
 * @param anchorX  x of the anchor point
 * @param baseline y of the text baseline
 * @param fontSize font size in logical units
 * @param mono     monospaced font when true
 * @param anchor   which part of the text sits at {@code anchorX}
 * @param width    measured width
 * @param colour   text colour
 */
public record LadderText(String text, double anchorX, double baseline, double fontSize, boolean mono,
                         Anchor anchor, double width, Rgb colour) {

    /** How a text is aligned on its anchor point, as SVG's text-anchor. */
    public enum Anchor { START, MIDDLE, END }

    /** Share of the font size above the baseline that capitals and ascenders reach. */
    static final double ASCENT = 0.80;
    /** Share of the font size below the baseline that descenders reach. */
    static final double DESCENT = 0.24;

    public double left() {
        return switch (anchor) {
            case START -> anchorX;
            case MIDDLE -> anchorX - width / 2;
            case END -> anchorX - width;
        };
    }

    /** The box the glyphs occupy (ascent to descent). */
    public Box bounds() {
        return new Box(left(), baseline - ASCENT * fontSize, width, (ASCENT + DESCENT) * fontSize);
    }
}
