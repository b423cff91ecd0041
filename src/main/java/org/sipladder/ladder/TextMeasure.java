package org.sipladder.ladder;

/** Measures how wide a text is in a medium's font, so the layout fits labels to any medium. */
@FunctionalInterface
public interface TextMeasure {

    /**
     * Width of a single line of text.
     *
     * @param text     the text
     * @param fontSize font size in logical units
     * @param mono     true for the monospaced font, false for the proportional one
     * @return the advance width in logical units
     */
    double width(String text, double fontSize, boolean mono);
}
