package org.sipladder.ui.ladder;

import javafx.scene.text.Text;
import org.sipladder.ladder.TextMeasure;

/** Measures text with the same JavaFX fonts the canvas draws with, so labels fit exactly on screen. */
final class FxTextMeasure implements TextMeasure {

    private final LadderFonts fonts;
    private final Text probe = new Text();

    FxTextMeasure(LadderFonts fonts) {
        this.fonts = fonts;
    }

    @Override
    public double width(String text, double fontSize, boolean mono) {
        probe.setFont(fonts.font(fontSize, mono));
        probe.setText(text);
        return probe.getLayoutBounds().getWidth();
    }
}
