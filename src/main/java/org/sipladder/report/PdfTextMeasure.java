package org.sipladder.report;

import org.sipladder.ladder.TextMeasure;

/** Text widths in the report's embedded fonts, so the ladder layout fits its labels to what the PDF draws. */
final class PdfTextMeasure implements TextMeasure {

    private final ReportFonts fonts;

    PdfTextMeasure(ReportFonts fonts) {
        this.fonts = fonts;
    }

    @Override
    public double width(String text, double fontSize, boolean mono) {
        return fonts.width(mono ? fonts.mono() : fonts.regular(), text, (float) fontSize);
    }
}
