package org.sipladder;

/** A count with its noun, as messages to the user write it: "1 packet", "2 packets". */
public final class Counted {

    private Counted() {
    }

    /** {@code n} and {@code noun}, plural unless n is 1 (the nouns given here take a plain "s"). */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
