package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.testkit.RandomText;

class SipFieldsTest {

    private static final String DOMAIN = ".sip.livekit.cloud";

    /** What containsIgnoreCase answers: a case-folding comparison at every place. */
    private static boolean atSomePlace(String haystack, String needle) {
        for (int i = 0; i + needle.length() <= haystack.length(); i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void findsANeedleInAnyCaseAsACaseFoldingLookAtEveryPlaceDoes() {
        Random random = new Random(3);
        String letters = ".sSiIpP:@1-lLvVkKeEtTcCoOudD\u017F\u212A";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder(RandomText.drawn(random, letters, 40));
            if (random.nextInt(3) == 0) {
                // the needle in a random case, somewhere
                StringBuilder needle = new StringBuilder();
                for (char c : DOMAIN.toCharArray()) {
                    needle.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                }
                b.insert(random.nextInt(b.length() + 1), needle);
            }
            String haystack = b.toString();
            assertEquals(atSomePlace(haystack, DOMAIN), SipFields.containsIgnoreCase(haystack, DOMAIN), haystack);
            assertEquals(atSomePlace(haystack, "@"), SipFields.containsIgnoreCase(haystack, "@"), haystack);
        }
    }

    @Test
    void aCharacterBeyondAsciiThatFoldsToTheNeedleStillMatches() {
        // U+017F (long s) folds to 's', U+212A (Kelvin sign) to 'k', as String.regionMatches ignoring case has it
        assertTrue(SipFields.containsIgnoreCase("sip:a@x.\u017Fip.live\u212Ait.cloud", DOMAIN));
        assertTrue(SipFields.containsIgnoreCase("sip:a@X.SIP.LIVEKIT.CLOUD:5060", DOMAIN));
        assertFalse(SipFields.containsIgnoreCase("sip:a@10.0.0.1.sip.livekit.clou", DOMAIN));
        assertFalse(SipFields.containsIgnoreCase(null, DOMAIN));
    }
}
