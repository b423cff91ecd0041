package org.sipladder.diagnose;

/**
 * White space as the regular expression {@code \s} has it, for splitting as {@code text.split("\\s+", 2)} does without
 * compiling a regular expression on each call: the rules split Via values and codec names of nearly every message.
 */
final class Blanks {

    private Blanks() {
    }

    /** The characters of the regular expression class {@code \s}. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
