package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The few-secrets search moves through a text by Horspool's table instead of looking at every character: it must still
 * find every occurrence, those that overlap (another secret's or its own) and those at a text's very ends.
 */
class SecretSearchTest {

    private static final String M = SecretScrubber.MASK;

    @Test
    void everyOccurrenceIsHiddenWhereverItStands() {
        SecretScrubber s = new SecretScrubber(List.of("jz-Secr3t-7781", "Other-Pw-99"));
        assertEquals(M, s.scrub("jz-Secr3t-7781"));
        assertEquals(M + " then " + M, s.scrub("jz-Secr3t-7781 then Other-Pw-99"));
        assertEquals("a " + M + " b " + M + " c " + M, s.scrub("a jz-Secr3t-7781 b jz-Secr3t-7781 c Other-Pw-99"));
        assertEquals(M + M, s.scrub("Other-Pw-99jz-Secr3t-7781"));
        assertEquals("x" + M + "y", s.scrub("xjz-Secr3t-7781y"));
        String clean = "jz-Secr3t-778 and jz-Secr3t-7782 and ther-Pw-99 and 7781 " + "z".repeat(80);
        assertSame(clean, s.scrub(clean));
    }

    @Test
    void overlappingOccurrencesBecomeOneMask() {
        // a secret that overlaps itself, and two that overlap each other, both at a text's start and end
        SecretScrubber self = new SecretScrubber(List.of("abab-abab-abab"));
        assertEquals(M, self.scrub("abab-abab-abab-abab"));
        assertEquals("<" + M + ">", self.scrub("<abab-abab-abab-abab-abab>"));
        SecretScrubber two = new SecretScrubber(List.of("Secret-One-1", "One-1-Two-22"));
        assertEquals(M, two.scrub("Secret-One-1-Two-22"));
        assertEquals("(" + M + ")", two.scrub("(Secret-One-1-Two-22)"));
        SecretScrubber nested = new SecretScrubber(List.of("outer-Secret-long", "Secret-l"));
        assertEquals("[" + M + "]", nested.scrub("[outer-Secret-long]"));
    }

    @Test
    void charactersSharingALowByteSkipNothing() {
        // U+0141 and U+0241 share 'A''s low byte (0x41): the table's move for them must be the smallest of the three
        SecretScrubber s = new SecretScrubber(List.of("xA\u0141yz-pw-1234", "\u0241\u0241A-second-pw"));
        assertEquals("-" + M + "-", s.scrub("-xA\u0141yz-pw-1234-"));
        assertEquals(M + "A", s.scrub("\u0241\u0241A-second-pwA"));
        assertEquals("\u0141" + M, s.scrub("\u0141\u0241\u0241A-second-pw"));
    }

    @Test
    void theSearchFindsWhatANaiveOneFinds() {
        List<String> secrets = List.of("abab-abab", "ba-\u0141b-ab", "a", "bb", "ab-ab-ab-ab");
        List<String> pieces = List.of("a", "b", "-", "\u0141", " ", "ab", "abab-abab", "ba-\u0141b-ab", "ab-ab-ab-ab");
        Random random = new Random(2026);
        for (int count = 1; count <= secrets.size(); count++) {
            List<String> these = new ArrayList<>(secrets.subList(0, count));
            SecretScrubber s = new SecretScrubber(these);
            int masked = 0;
            for (int round = 0; round < 4_000; round++) {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(random.nextBoolean() ? 10 : 70); n > 0; n--) {
                    text.append(pieces.get(random.nextInt(pieces.size())));
                }
                String t = text.toString();
                String expected = ConfigLimitsTest.maskedNaively(t, these);
                assertEquals(expected, s.scrub(t), these + " in " + t);
                masked += expected.equals(t) ? 0 : 1;
            }
            assertTrue(masked > 100, "texts with secrets were drawn: " + masked);
        }
    }
}
