package org.sipladder.ladder;

import java.util.List;

/**
 * The ladder's colours: one per leg (from the Okabe-Ito colour-blind safe set, darkened for thin
 * lines on white) and one per status class, shared by every medium that draws a layout.
 */
public final class LadderPalette {

    /** Leg colours in order: blue, reddish purple, dark slate, brown, sky blue, ochre. */
    public static final List<Rgb> LEGS = List.of(
            Rgb.of(0x0072B2), Rgb.of(0xA8428F), Rgb.of(0x3F4A56), Rgb.of(0x8C5A2B),
            Rgb.of(0x2E8FC9), Rgb.of(0x9A7D0A));

    // Status and muted text colours keep 4.5:1 (WCAG AA) on the selection and finding bands as well as on white.
    public static final Rgb SUCCESS = Rgb.of(0x1A6E34);
    public static final Rgb WARNING = Rgb.of(0x955400);
    public static final Rgb FAILURE = Rgb.of(0xC0261F);
    public static final Rgb PROVISIONAL = Rgb.of(0x5B6670);
    public static final Rgb NO_FINAL = Rgb.of(0x7A848E);

    public static final Rgb SUCCESS_TINT = Rgb.of(0xE8F5EC);
    public static final Rgb WARNING_TINT = Rgb.of(0xFFF3DF);
    public static final Rgb FAILURE_TINT = Rgb.of(0xFDE9E7);

    public static final Rgb TEXT = Rgb.of(0x1F2328);
    public static final Rgb MUTED_TEXT = Rgb.of(0x56616B);
    public static final Rgb BACKGROUND = Rgb.of(0xFFFFFF);
    public static final Rgb GUTTER = Rgb.of(0xF6F8FA);
    public static final Rgb GRID = Rgb.of(0xE3E7EB);
    public static final Rgb LIFELINE = Rgb.of(0xB8C1CA);
    public static final Rgb HEADER_FILL = Rgb.of(0xEEF2F6);
    public static final Rgb HEADER_BORDER = Rgb.of(0xA9B4BF);
    public static final Rgb SELECTION = Rgb.of(0xD6E6F8);
    public static final Rgb SELECTION_EDGE = Rgb.of(0x2A64A5);
    public static final Rgb MARKED = Rgb.of(0xFFF2B3);
    public static final Rgb MARKED_EDGE = Rgb.of(0xD9A400);
    public static final Rgb SDP_BADGE = Rgb.of(0xE6EEF7);
    /** Media streams: Okabe-Ito bluish green, darkened, apart from every leg colour. */
    public static final Rgb MEDIA = Rgb.of(0x0A7A5A);

    private LadderPalette() {
    }

    /** The colour of a leg; legs beyond the palette reuse it cyclically. */
    public static Rgb leg(int legIndex) {
        return LEGS.get(Math.floorMod(legIndex, LEGS.size()));
    }

    /** Text colour for a status: green 2xx, amber 3xx/4xx, red 5xx/6xx, grey 1xx, grey 0 (none). */
    public static Rgb status(int status) {
        if (status >= 500) {
            return FAILURE;
        }
        if (status >= 300) {
            return WARNING;
        }
        if (status >= 200) {
            return SUCCESS;
        }
        return status >= 100 ? PROVISIONAL : NO_FINAL;
    }

    /** Light background tint for a final status, or null when the status needs none. */
    public static Rgb statusTint(int status) {
        if (status >= 500) {
            return FAILURE_TINT;
        }
        if (status >= 400) {
            return WARNING_TINT;
        }
        return null;
    }
}
