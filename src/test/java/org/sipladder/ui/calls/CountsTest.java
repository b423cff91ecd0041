package org.sipladder.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** "1 call", not "1 calls"; thousands grouped the same way whatever the machine's locale. */
class CountsTest {

    @Test
    void oneIsSingularAndThousandsAreGrouped() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // groups with "." and would print 20.000
            assertEquals("1 call", Counts.of(1, "call"));
            assertEquals("0 calls", Counts.of(0, "call"));
            assertEquals("20,000 calls", Counts.of(20_000, "call"));
            assertEquals("1,234,567 messages", Counts.of(1_234_567, "message"));
        } finally {
            Locale.setDefault(before);
        }
    }
}
