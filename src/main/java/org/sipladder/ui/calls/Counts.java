package org.sipladder.ui.calls;

import java.util.Locale;
import org.sipladder.Counted;

/** "1 call", "20,000 calls": a count with its noun, grouped in thousands the same way on every machine. */
public final class Counts {

    private Counts() {
    }

    /** {@code n} with {@code noun}, plural unless n is 1 (nouns here take a plain "s"). */
    public static String of(long n, String noun) {
        return Counted.groupedOf(n, noun);
    }

    /**
     * "12 calls", or "12 calls and 3 other dialogs" when {@code others} of the {@code dialogs} are registrations,
     * subscriptions or pings: counted apart from calls, as diagnose counts them.
     */
    public static String callsAndOthers(long dialogs, long others) {
        String calls = of(dialogs - others, "call");
        return others == 0 ? calls : calls + " and " + of(others, "other dialog");
    }

    /**
     * "3 of 12 calls", or "3 of 12 calls and 0 of 2 other dialogs": {@code shown} of the {@code dialogs}, of which
     * {@code shownOthers} and {@code others} are registrations, subscriptions or pings.
     */
    public static String callsAndOthersShown(long shown, long shownOthers, long dialogs, long others) {
        String calls = String.format(Locale.ROOT, "%,d of %s", shown - shownOthers, of(dialogs - others, "call"));
        return others == 0 ? calls
                : calls + String.format(Locale.ROOT, " and %,d of %s", shownOthers, of(others, "other dialog"));
    }
}
