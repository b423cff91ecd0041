package org.sipladder.testkit;

import java.util.Random;

/** Random texts for the tests that compare a fast form with a plain one: a failing round reproduces from its seed. */
public final class RandomText {

    private RandomText() {
    }

    /** Up to {@code max - 1} characters drawn from {@code alphabet}. */
    public static String drawn(Random random, String alphabet, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(max); i > 0; i--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
