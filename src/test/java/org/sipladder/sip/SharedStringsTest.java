package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The read's shared strings: an equal string comes back as the one kept, until four newer ones came to its set. */
class SharedStringsTest {

    /** A new string object equal to {@code text}, never the literal itself. */
    private static String copy(String text) {
        return new String(text.toCharArray());
    }

    @Test
    void anEqualStringComesBackAsTheFirstOne() {
        SharedStrings shared = new SharedStrings();
        String first = copy("a84b4c76e66710@pc33.atlanta.example.com");
        assertSame(first, shared.share(first, 42));
        assertSame(first, shared.share(copy(first), 42));
        // another text of the same hash is kept beside it, not instead of it
        String other = copy("other@192.0.2.1");
        assertSame(other, shared.share(other, 42));
        assertSame(first, shared.share(copy(first), 42));
        assertSame(other, shared.share(copy(other), 42));
    }

    @Test
    void aStringStaysUntilFourNewerOnesCameToItsSet() {
        SharedStrings shared = new SharedStrings();
        // one hash: one set; the ways are taken in turn, and a hit does not keep a string longer
        String[] kept = new String[5];
        for (int i = 0; i < 4; i++) {
            kept[i] = copy("value-" + i);
            assertSame(kept[i], shared.share(kept[i], 7));
        }
        assertSame(kept[0], shared.share(copy("value-0"), 7));
        kept[4] = copy("value-4");
        assertSame(kept[4], shared.share(kept[4], 7));
        // the oldest left; the other four are kept
        String again = copy("value-0");
        assertNotSame(kept[0], shared.share(again, 7));
        for (int i = 2; i < 5; i++) {
            assertSame(kept[i], shared.share(copy("value-" + i), 7), "value-" + i);
        }
        // value-0 came back as a new string and took the oldest's way: value-1's
        assertNotSame(kept[1], shared.share(copy("value-1"), 7));
        assertEquals("value-1", shared.share(copy("value-1"), 7));
    }

    @Test
    void setsDoNotEvictEachOther() {
        SharedStrings shared = new SharedStrings();
        String kept = copy("call-id@host");
        shared.share(kept, 1);
        // a thousand strings of other hashes (spread over the other sets) leave it in place
        for (int i = 0; i < 1000; i++) {
            shared.share(copy("x" + i), 1_000_003 * (i + 2));
        }
        assertSame(kept, shared.share(copy("call-id@host"), 1));
    }
}
