package org.sipladder.diagnose;

/**
 * Splitting at white space as {@code text.split("\\s+", 2)} does, without compiling a regular expression on each
 * call: the rules split Via values and codec names of nearly every message.
 */
final class Blanks {

    private Blanks() {
    }

    /**
     * What follows the first run of white space in {@code trimmed} (a string without leading white space), as
     * {@code trimmed.split("\\s+", 2)[1]}; null when it has no white space.
     */
    static String afterFirst(String trimmed) {
        int space = 0;
        while (space < trimmed.length() && !isSpace(trimmed.charAt(space))) {
            space++;
        }
        if (space == trimmed.length()) {
            return null;
        }
        int rest = space;
        while (rest < trimmed.length() && isSpace(trimmed.charAt(rest))) {
            rest++;
        }
        return trimmed.substring(rest);
    }

    /** The characters of the regular expression class {@code \s}. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
