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
        String text = "a" + secrets.get(5) + "b " + secrets.get(99_999) + secrets.get(12_345) + " end";
        assertEquals("a" + SecretScrubber.MASK + "b " + SecretScrubber.MASK + SecretScrubber.MASK + " end",
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
    void overlappingSecretsAreBothHidden() {
        SecretScrubber scrubber = new SecretScrubber(List.of("abcd", "cdef", "x"));
        String out = scrubber.scrub("__abcdef__");
        assertFalse(out.contains("ab") || out.contains("ef"), out);
        assertEquals("__" + SecretScrubber.MASK + "__", out);
    }
}
