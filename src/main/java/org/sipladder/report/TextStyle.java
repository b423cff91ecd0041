package org.sipladder.report;

import java.awt.Color;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * How a run of text is set.
 *
 * @param font    typeface
 * @param size    size in points
 * @param colour  fill colour
 * @param leading distance between baselines in points
 */
record TextStyle(PDFont font, float size, Color colour, float leading) {

    TextStyle withColour(Color other) {
        return new TextStyle(font, size, other, leading);
    }
}
