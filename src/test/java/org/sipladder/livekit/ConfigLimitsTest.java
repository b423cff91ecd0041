package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.Limits;

/** Hostile LiveKit config files: deep nesting, secrets in error messages, many secrets to scrub (issue 16). */
class ConfigLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aDeeplyNestedArrayGivesTheSameClearErrorEveryTime() {
        Path file = LiveKitFixtures.write(dir, "deep.json", "[".repeat(10_000) + "]".repeat(10_000));
        String first = assertThrows(LiveKitConfigException.class, () -> new ConfigFileLoader().load(file)).getMessage();
        String second = assertThrows(LiveKitConfigException.class, () -> new ConfigFileLoader().load(file)).getMessage();
        assertEquals(first, second);
        assertTrue(first.contains("nested deeper than " + Limits.JSON_DEPTH), first);
        assertTrue(first.startsWith(file.toString()), first);
    }

    @Test
    void aTrunkWrappedInAnExtraArrayIsQuotedWithoutItsPassword() {
        Path file = LiveKitFixtures.write(dir, "wrapped.json", "[[{\"authPassword\":\"hunter2-xyz\",\"sipTrunkId\":"
                + "\"ST_w\",\"numbers\":[\"+15550001111\"],\"auth_password\":\"other-pw-77\"}]]");
        String message = assertThrows(LiveKitConfigException.class, () -> new ConfigFileLoader().load(file))
                .getMessage();
        assertFalse(message.contains("hunter2"), message);
        assertFalse(message.contains("other-pw"), message);
        assertTrue(message.contains("ST_w") || message.contains("not an object"), message);
    }

    @Test
    void aWrappedTrunkNamedAfterItsPasswordIsQuotedWithoutIt() {
        Path file = LiveKitFixtures.write(dir, "named.json", "[[{\"sipTrunkId\":\"ST_n\",\"name\":\"Pw-name-3321\","
                + "\"authPassword\":\"Pw-name-3321\"}]]");
        String message = assertThrows(LiveKitConfigException.class, () -> new ConfigFileLoader().load(file))
                .getMessage();
        assertFalse(message.contains("Pw-name"), message);
        assertTrue(message.contains("ST_n"), message);
    }

    @Test
    void aBadTrunkWhoseIdIsItsPasswordIsNamedWithoutIt() {
        // the error names the trunk by its ID: here the ID is the password, so it is named by its line alone
        Path file = LiveKitFixtures.write(dir, "id.json", "{\"items\": [\n{\"sipTrunkId\": \"Pw-id-7781\", \"numbers\": 5, "
                + "\"authPassword\": \"Pw-id-7781\"}]}");
        String message = assertThrows(LiveKitConfigException.class, () -> new ConfigFileLoader().load(file))
                .getMessage();
        assertFalse(message.contains("Pw-id"), message);
        assertTrue(message.contains("line 2"), message);
    }

    @Test
    void scrubberMasksEverySecretWhereverItStands() {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            secrets.add("pw" + Integer.toString(i * 7919 + 100_000, 36) + "!");
        }
        SecretScrubber scrubber = new SecretScrubber(secrets);
        // each secret stands as a token: after a colon, before a space, or next to another secret's "!"
        String text = "a:" + secrets.get(5) + "b " + secrets.get(99_999) + secrets.get(12_345) + " end";
        assertEquals("a:" + SecretScrubber.MASK + "b " + SecretScrubber.MASK + SecretScrubber.MASK + " end",
                scrubber.scrub(text));
        assertEquals("nothing here", scrubber.scrub("nothing here"));
        assertEquals(null, scrubber.scrub((String) null));
    }

    @Test
    void aListComesBackScrubbedTextByTextAndCannotBeChanged() {
        SecretScrubber scrubber = new SecretScrubber(List.of("s3cret", "pw"));
        List<List<String>> lists = List.of(List.of(), List.of("clean", "also clean"), new ArrayList<>(List.of("clean")),
                List.of("a s3cret here", "clean"), new ArrayList<>(java.util.Arrays.asList("x", null, "pw!")),
                new ArrayList<>(java.util.Arrays.asList("clean", null)));
        for (List<String> texts : lists) {
            List<String> scrubbed = scrubber.scrub(texts);
            List<String> expected = new ArrayList<>();
            texts.forEach(t -> expected.add(scrubber.scrub(t)));
            assertEquals(expected, scrubbed);
            assertThrows(UnsupportedOperationException.class, () -> scrubbed.add("more"), texts.toString());
        }
        // a mutable list handed in is not what comes out: changing it later changes no finding
        List<String> mutable = new ArrayList<>(List.of("clean"));
        List<String> scrubbed = scrubber.scrub(mutable);
        mutable.set(0, "changed");
        assertEquals(List.of("clean"), scrubbed);
    }

    @Test
    void longTextsAskedAgainAndAgainAreMaskedEveryTime() {
        // the scrubber remembers long clean texts by identity: a text with a secret must never be taken for one,
        // however often it and the clean ones come, with few secrets (indexOf) and with many (rolling hash)
        for (int secretCount : new int[] {1, 20}) {
            List<String> secrets = new ArrayList<>();
            for (int i = 0; i < secretCount; i++) {
                secrets.add("jz-Secr3t-" + (7781 + i));
            }
            SecretScrubber scrubber = new SecretScrubber(secrets);
            java.util.Random random = new java.util.Random(1806 + secretCount);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String filler = "x".repeat(40 + random.nextInt(200)) + i;
                texts.add(i % 2 == 0 ? filler : filler + " " + secrets.get(random.nextInt(secretCount)) + " end");
            }
            for (int round = 0; round < 20_000; round++) {
                int i = random.nextInt(random.nextBoolean() ? 8 : texts.size());
                String text = texts.get(i);
                String out = scrubber.scrub(text);
                if (i % 2 == 0) {
                    assertSame(text, out);
                } else {
                    assertTrue(out.endsWith(SecretScrubber.MASK + " end") && !out.contains("Secr3t"), out);
                }
            }
        }
    }

    @Test
    void secretsAreFoundInTextsOfAnyLengthAndCharacters() {
        // texts short and long (searched in their bytes from 32 characters on), with characters beyond Latin-1
        // (a pair of surrogates is one '?' in those bytes), '?' itself, secrets at the very start and end
        List<String> secrets = List.of("ab?c", "\u00e9x", "zz", "\u20acq", "?\ud83d\ude00b");
        SecretScrubber scrubber = new SecretScrubber(secrets);
        String[] pieces = {"a", "b", "c", "?", "x", "z", "q", "\u00e9", "\u20ac", "\ud83d\ude00", "ab?", "zz", "\u20acq",
            "ab?c", "\u00e9x", "?\ud83d\ude00b", "-", "lorem ipsum "};
        java.util.Random random = new java.util.Random(1809);
        int masked = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(random.nextBoolean() ? 12 : 60); n > 0; n--) {
                text.append(pieces[random.nextInt(random.nextInt(8) == 0 ? pieces.length : 9)]);
            }
            String t = text.toString();
            String expected = maskedNaively(t, secrets);
            String out = scrubber.scrub(t);
            assertEquals(expected, out, t);
            if (expected.equals(t)) {
                assertSame(t, out, t);
            } else {
                masked++;
            }
        }
        assertTrue(masked > 2_000 && masked < 18_000, "both kinds of text were drawn: " + masked);
    }

    /**
     * Every stretch some secret covers where it stands as a token (found by a regular expression: no letter or digit
     * next to an end of the secret that is one; anywhere when it is {@link SecretScrubber#ANYWHERE} long or more) as
     * one mask, as the scrubber hides them.
     */
    static String maskedNaively(String text, List<String> secrets) {
        int[] coverEnd = new int[text.length()];
        boolean any = false;
        for (String secret : secrets) {
            String word = "[\\p{L}\\p{Nd}]";
            boolean anywhere = secret.length() >= SecretScrubber.ANYWHERE;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    (!anywhere && secret.matches("(?s)" + word + ".*") ? "(?<!" + word + ")" : "")
                            + java.util.regex.Pattern.quote(secret)
                            + (!anywhere && secret.matches("(?s).*" + word) ? "(?!" + word + ")" : "")).matcher(text);
            for (int from = 0; from <= text.length() && m.find(from); from = m.start() + 1) {
                coverEnd[m.start()] = Math.max(coverEnd[m.start()], m.end());
                any = true;
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (coverEnd[i] > i) {
                int end = coverEnd[i];
                for (int k = i + 1; k < end; k++) {
                    end = Math.max(end, coverEnd[k]);
                }
                out.append(SecretScrubber.MASK);
                i = end;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    @Test
    void overlappingSecretsAreBothHidden() {
        SecretScrubber scrubber = new SecretScrubber(List.of("ab-cd", "cd-ef", "x"));
        String out = scrubber.scrub("__ab-cd-ef__");
        assertFalse(out.contains("ab") || out.contains("ef"), out);
        assertEquals("__" + SecretScrubber.MASK + "__", out);
    }
}
