package org.sipladder.source.homer;

import java.util.regex.Pattern;

/**
 * Text a Homer server wrote (its JSON error "message", an I/O error's words) made fit to show on one line in a
 * terminal or a dialog: terminal escape sequences go whole, not only their ESC, so no "[31m" is left behind and no
 * window title an OSC carried shows up as words.
 */
final class ServerText {

    /**
     * ECMA-48 sequences, 7-bit and 8-bit: OSC, DCS, SOS, PM and APC strings up to their terminator (BEL, ESC \ or
     * ST) or the end; CSI with its parameters, intermediates and final byte; any other ESC with its intermediates and
     * final byte.
     */
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "(?:\\x1b[\\]PX^_]|[\\x{90}\\x{98}\\x{9d}\\x{9e}\\x{9f}])[^\\x07\\x1b\\x{9c}]*(?:\\x07|\\x1b\\\\|\\x{9c})?"
                    + "|(?:\\x1b\\[|\\x{9b})[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?"
                    + "|\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?");
    /** C0 and C1 controls and DEL left after the sequences, with the spaces around them. */
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\s]+");

    private ServerText() {
    }

    /** {@code text} without escape sequences, its controls and line breaks as single spaces, cut at {@code max}. */
    static String oneLine(String text, int max) {
        String plain = CONTROLS.matcher(ESCAPE_SEQUENCE.matcher(text).replaceAll("")).replaceAll(" ").strip();
        return plain.length() > max ? plain.substring(0, max) + "..." : plain;
    }
}
