package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.testkit.RandomText;

/** The hand-made text helpers of the flow engine agree with the JDK routines they stand in for. */
class FlowTextTest {

    @Test
    void millisecondsPrintAsPercentThreeF() {
        Random random = new Random(7);
        long[] edges = {0, 1, 499, 500, 501, 999, 1000, 1499, 1500, 2500, 10_000_500, 4_999_999, 5_000_000,
            123_456_789_500L, 86_400_000_000L};
        for (long micros : edges) {
            assertEquals(String.format(Locale.ROOT, "%.3f", micros / 1e6), TimingCorrelation.milliseconds(micros),
                    "micros " + micros);
        }
        for (int i = 0; i < 200_000; i++) {
            long micros = i % 2 == 0 ? random.nextInt(10_000_000) : random.nextLong(3_600_000_000_000L);
            assertEquals(String.format(Locale.ROOT, "%.3f", micros / 1e6), TimingCorrelation.milliseconds(micros),
                    "micros " + micros);
        }
    }

    @Test
    void containsIgnoreCaseFindsTheNeedleInAnyCaseAndPlace() {
        assertTrue(SipFields.containsIgnoreCase("sip:1@x.SIP.LiveKit.cloud", ".sip.livekit.cloud"));
        assertTrue(SipFields.containsIgnoreCase("LiveKit", "livekit"));
        assertTrue(SipFields.containsIgnoreCase("my-Drachtio-server", "drachtio"));
        assertTrue(SipFields.containsIgnoreCase("lLivekit", "livekit"));
        assertTrue(SipFields.containsIgnoreCase("LlIVEKIT", "livekit"));
        assertFalse(SipFields.containsIgnoreCase("liveki", "livekit"));
        assertFalse(SipFields.containsIgnoreCase("l i v e k i t", "livekit"));
        assertFalse(SipFields.containsIgnoreCase(null, "livekit"));
        assertFalse(SipFields.containsIgnoreCase("", "livekit"));
        Random random = new Random(11);
        String alphabet = "lLiIvVeEkKtT.x";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder(RandomText.drawn(random, alphabet, 20));
            if (random.nextBoolean()) {
                // the needle, or a near miss, in random case at a random place
                String word = random.nextBoolean() ? "livekit" : "liveki";
                StringBuilder cased = new StringBuilder();
                for (char c : word.toCharArray()) {
                    cased.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                }
                b.insert(random.nextInt(b.length() + 1), cased);
            }
            String hay = b.toString();
            boolean expected = hay.toLowerCase(Locale.ROOT).contains("livekit");
            assertEquals(expected, SipFields.containsIgnoreCase(hay, "livekit"), hay);
        }
    }

    @Test
    void aNeedleIsFoundWhereContainsIgnoreCaseFindsIt() {
        SipFields.Needle domain = new SipFields.Needle(".sip.livekit.cloud");
        assertTrue(domain.in("sip:1@x.SIP.LiveKit.cloud"));
        assertTrue(domain.in(".sip.livekit.cloud"));
        assertFalse(domain.in(".sip.livekit.clou"));
        assertFalse(domain.in(null));
        // characters beyond ASCII that fold to the needle's (dotless i, long s, Kelvin sign, dotted I) in the draw
        Random random = new Random(17);
        String alphabet = "sSiIpPlLvVeEkKcCoOuUdD.@:1\u0131\u017f\u212a\u0130\u00e9";
        String[] needles = {".sip.livekit.cloud", "livekit", "drachtio", "sip.", "k"};
        for (int i = 0; i < 50_000; i++) {
            String needle = needles[i % needles.length];
            StringBuilder b = new StringBuilder(RandomText.drawn(random, alphabet, 40));
            if (random.nextBoolean()) {
                // the needle in random case at a random place, perhaps cut short
                String word = needle.substring(0, needle.length() - random.nextInt(2));
                StringBuilder cased = new StringBuilder();
                for (char c : word.toCharArray()) {
                    cased.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                }
                b.insert(random.nextInt(b.length() + 1), cased);
            }
            String hay = b.toString();
            assertEquals(SipFields.containsIgnoreCase(hay, needle), new SipFields.Needle(needle).in(hay), hay);
        }
    }

    @Test
    void digitsKeepTheDigitsInOrder() {
        Random random = new Random(11);
        String alphabet = "0123456789+-.;=abc١٢";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            for (int n = random.nextInt(14); n > 0; n--) {
                char c = alphabet.charAt(random.nextInt(random.nextBoolean() ? 10 : alphabet.length()));
                s.append(c);
                if (Character.isDigit(c)) {
                    expected.append(c);
                }
            }
            assertEquals(expected.toString(), SipFields.digits(s.toString()), s.toString());
        }
        String allDigits = "4930123456";
        assertTrue(SipFields.digits(allDigits) == allDigits, "a number is given back as it is");
    }
}
