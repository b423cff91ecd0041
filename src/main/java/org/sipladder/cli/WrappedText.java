package org.sipladder.cli;

import java.io.PrintWriter;

/** Prints text word-wrapped at 100 columns for a terminal, each line with its indent. */
final class WrappedText {

    private static final int WIDTH = 100;

    private final PrintWriter out;

    WrappedText(PrintWriter out) {
        this.out = out;
    }

    /** Prints {@code text}, its first line starting with {@code first}, the others with {@code rest}. */
    void print(String text, String first, String rest) {
        StringBuilder line = new StringBuilder(first);
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > WIDTH && line.length() > rest.length()) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder(rest);
            }
            if (line.length() > 0 && !line.toString().isBlank()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line.toString().stripTrailing());
    }
}
