package org.sipladder.ui.ladder;

import java.util.Map;
import javafx.scene.paint.Color;
import org.sipladder.ladder.LadderPalette;
import org.sipladder.ladder.Rgb;

/**
 * The ladder's palette for the dark theme: backgrounds and marks chosen by hand, other greys inverted and the
 * leg and status colours lifted so thin lines and small text stay readable on a dark background.
 */
final class DarkColours {

    private static final Map<Rgb, Color> CHOSEN = Map.ofEntries(
            Map.entry(LadderPalette.BACKGROUND, Color.web("#1e1f22")),
            Map.entry(LadderPalette.GUTTER, Color.web("#26282c")),
            Map.entry(LadderPalette.GRID, Color.web("#34373c")),
            Map.entry(LadderPalette.LIFELINE, Color.web("#5b626b")),
            Map.entry(LadderPalette.HEADER_FILL, Color.web("#2b2e33")),
            Map.entry(LadderPalette.HEADER_BORDER, Color.web("#5b626b")),
            // Text reads at 4.5:1 or more (WCAG AA) on every band: the bands stay dim, the greys are picked, not
            // inverted, because inverting squeezes muted and 1xx text to about 3:1 on a selected or marked row.
            Map.entry(LadderPalette.TEXT, Color.web("#dfe1e5")),
            Map.entry(LadderPalette.MUTED_TEXT, Color.web("#a8adb5")),
            Map.entry(LadderPalette.PROVISIONAL, Color.web("#b4bcc5")),
            Map.entry(LadderPalette.FAILURE, Color.web("#f07a72")),
            Map.entry(LadderPalette.SELECTION, Color.web("#1f3a5c")),
            Map.entry(LadderPalette.SELECTION_EDGE, Color.web("#6fa8e8")),
            Map.entry(LadderPalette.MARKED, Color.web("#3f340d")),
            Map.entry(LadderPalette.MARKED_EDGE, Color.web("#e0b020")),
            Map.entry(LadderPalette.SDP_BADGE, Color.web("#2c3a4a")),
            Map.entry(LadderPalette.SUCCESS_TINT, Color.web("#1d3325")),
            Map.entry(LadderPalette.WARNING_TINT, Color.web("#3a2e17")),
            Map.entry(LadderPalette.FAILURE_TINT, Color.web("#3d2020")));

    private DarkColours() {
    }

    static Color of(Rgb rgb) {
        Color chosen = CHOSEN.get(rgb);
        if (chosen != null) {
            return chosen;
        }
        Color c = Color.rgb(rgb.red(), rgb.green(), rgb.blue());
        if (c.getSaturation() < 0.3) {
            // Greys and near-greys (text): dark becomes light.
            return Color.hsb(c.getHue(), c.getSaturation(), 0.15 + (1 - c.getBrightness()) * 0.75);
        }
        return Color.hsb(c.getHue(), c.getSaturation() * 0.7, Math.max(c.getBrightness(), 0.9));
    }
}
