package org.sipladder.ui.ladder;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.text.Font;

/** The ladder's two fonts (DejaVu Sans and Mono, as the PDF, when installed) in the sizes asked for. */
final class LadderFonts {

    private static final String SANS = "DejaVu Sans";
    private static final String MONO = "DejaVu Sans Mono";

    private final String sansFamily;
    private final String monoFamily;
    private final Map<Long, Font> cache = new HashMap<>();

    LadderFonts() {
        boolean dejaVu = Font.getFamilies().contains(SANS) && Font.getFamilies().contains(MONO);
        this.sansFamily = dejaVu ? SANS : Font.getDefault().getFamily();
        this.monoFamily = dejaVu ? MONO : "Monospaced";
    }

    Font font(double size, boolean mono) {
        long key = Math.round(size * 100) * 2 + (mono ? 1 : 0);
        return cache.computeIfAbsent(key, k -> Font.font(mono ? monoFamily : sansFamily, size));
    }
}
