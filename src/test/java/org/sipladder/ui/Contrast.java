package org.sipladder.ui;

import javafx.scene.paint.Color;

/** The WCAG 2 contrast ratio of two opaque colours (1:1 to 21:1; text wants 4.5:1 for AA). */
public final class Contrast {

    /** WCAG AA's minimum for normal-size text. */
    public static final double AA_TEXT = 4.5;

    private Contrast() {
    }

    public static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
