package org.sipladder;

import java.util.Locale;

/** A count with its noun, as messages to the user write it: "1 packet", "2 packets". */
public final class Counted {

    private Counted() {
    }

    /** {@code n} and {@code noun}, plural unless n is 1 (the nouns given here take a plain "s"). */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * {@code n} grouped in thousands, "50,000": how the text outputs write the counts a reader compares (calls,
     * findings, calls per cause). Findings' own texts use {@link #of}, ungrouped, as diagnose --json keeps them.
     */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** As {@link #of}, the count grouped in thousands ({@link #grouped}): "1,000 findings". */
    public static String groupedOf(long n, String noun) {
        return grouped(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
