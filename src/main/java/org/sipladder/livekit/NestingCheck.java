package org.sipladder.livekit;

import org.sipladder.Limits;

/**
 * Follows the nesting of JSON text fed to it in pieces, without parsing it, and tells where it first goes deeper than
 * {@link Limits#JSON_DEPTH}; brackets inside strings do not count.
 */
final class NestingCheck {

    private int depth;
    private int line = 1;
    private int column;
    private boolean inString;
    private boolean escaped;
    private boolean blank = true;

    /** Feeds the next {@code n} characters; returns "at line L, column C" where the limit is passed, else null. */
    String feed(char[] text, int n) {
        for (int i = 0; i < n; i++) {
            char c = text[i];
            column++;
            if (c == '\n') {
                line++;
                column = 0;
            }
            if (blank && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                blank = false;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > Limits.JSON_DEPTH) {
                    return "at line " + line + ", column " + column;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return null;
    }

    /** True while only white space was fed. */
    boolean blank() {
        return blank;
    }
}
