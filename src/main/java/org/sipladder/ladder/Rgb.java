package org.sipladder.ladder;

import java.util.Locale;

/**
 * A colour as plain 8-bit RGB, so the canvas, SVG and PDF draw the same shade.
 *
 * @param red   0-255
 * @param green 0-255
 * @param blue  0-255
 */
public record Rgb(int red, int green, int blue) {

    public Rgb {
        if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
            throw new IllegalArgumentException("RGB component out of 0-255: " + red + "," + green + "," + blue);
        }
    }

    /** The colour written as 0xRRGGBB. */
    public static Rgb of(int hex) {
        return new Rgb((hex >> 16) & 0xff, (hex >> 8) & 0xff, hex & 0xff);
    }

    /** "#rrggbb", as SVG and CSS expect. */
    public String hex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    public double redFraction() {
        return red / 255.0;
    }

    public double greenFraction() {
        return green / 255.0;
    }

    public double blueFraction() {
        return blue / 255.0;
    }
}
