package org.sipladder.cli;

import java.io.PrintWriter;

/** Prints text word-wrapped at 100 columns for a terminal, each line with its indent. */
final class WrappedText {

    private static final int WIDTH = 100;
    /**
     * A word longer than this (a sender's method name of kilobytes, as a fuzzing suite sends, quoted by a finding) is
     * cut to a line with its length given; shorter ones (a long URI) stand whole on a line of their own.
     */
    static final int LONGEST_WORD = 2 * WIDTH;

    private final PrintWriter out;

    WrappedText(PrintWriter out) {
        this.out = out;
    }

    /** Prints {@code text}, its first line starting with {@code first}, the others with {@code rest}. */
    void print(String text, String first, String rest) {
        StringBuilder line = new StringBuilder(first);
        for (String written : text.split(" ")) {
            String word = cut(written, WIDTH - rest.length());
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

    /** {@code text} with each word longer than {@link #LONGEST_WORD} {@link #cut} to a line, on one line still. */
    static String cutWords(String text) {
        if (text.length() <= LONGEST_WORD) {
            return text;
        }
        String[] words = text.split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            words[i] = cut(words[i], WIDTH);
        }
        return String.join(" ", words);
    }

    /**
     * {@code word}, or when it is longer than {@link #LONGEST_WORD} its start, "..." and its length, in {@code room}
     * characters (the --json output keeps it whole).
     */
    static String cut(String word, int room) {
        if (word.length() <= LONGEST_WORD) {
            return word;
        }
        String tail = "... (" + String.format(java.util.Locale.ROOT, "%,d", word.length()) + " characters)";
        return word.substring(0, Math.max(1, room - tail.length())) + tail;
    }
}
