package org.sipladder.diagnose;

import java.util.Locale;

/** "1 time", "12 attempts": a count with its noun in findings' titles and facts, never "1 time(s)". */
public final class Counted {

    private Counted() {
    }

    /** {@code n} with {@code noun}, plural unless n is 1 (the nouns used take a plain "s"). */
    public static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
