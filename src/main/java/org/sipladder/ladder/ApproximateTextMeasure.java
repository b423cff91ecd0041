package org.sipladder.ladder;

/**
 * Text widths from the advance widths of DejaVu Sans and DejaVu Sans Mono (the fonts the PDF embeds),
 * usable where no real font is at hand (tests, SVG, text export).
 */
public final class ApproximateTextMeasure implements TextMeasure {

    /** DejaVu Sans advance widths of ASCII 32-126 in thousandths of an em. */
    private static final short[] SANS = {
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    };
    private static final int MONO = 602;
    /** Wider than most non-ASCII glyphs, so unknown characters err on the roomy side. */
    private static final int OTHER = 838;

    @Override
    public double width(String text, double fontSize, boolean mono) {
        long total = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (mono) {
                total += MONO;
            } else if (c >= 32 && c < 127) {
                total += SANS[c - 32];
            } else if (!Character.isLowSurrogate(c)) {
                total += OTHER;
            }
        }
        return total * fontSize / 1000.0;
    }
}
