package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.livekit.SecretScrubber;

/** A finding on its way out: the password hidden wherever it stands, and a finding without it given back as it is. */
class ScrubbedFindingTest {

    private static final String PASSWORD = "jz-Secr3t-7781";
    private static final SecretScrubber SECRETS = new SecretScrubber(List.of(PASSWORD));

    @Test
    void aFindingWithNothingToHideIsGivenBackAsItIs() {
        Finding clean = finding(-1, List.of("lk sip inbound list"));
        assertSame(clean, DiagnosisEngine.scrub(clean, SECRETS));
        assertSame(clean, DiagnosisEngine.scrub(clean, SecretScrubber.none()));
    }

    @Test
    void aListThatCanChangeIsCopiedEvenWhenClean() {
        List<String> commands = new ArrayList<>(List.of("lk sip inbound list"));
        Finding clean = finding(-1, commands);
        Finding scrubbed = DiagnosisEngine.scrub(clean, SECRETS);
        assertNotSame(clean, scrubbed);
        assertEquals(clean, scrubbed);
        commands.add("changed later");
        assertEquals(List.of("lk sip inbound list"), scrubbed.fix().commands());
    }

    @Test
    void thePasswordIsHiddenInEachPlaceItStandsIn() {
        for (int place = 0; place < 7; place++) {
            Finding f = finding(place, List.of("lk sip inbound list"));
            Finding scrubbed = DiagnosisEngine.scrub(f, SECRETS);
            String all = scrubbed.title() + scrubbed.explanation() + scrubbed.evidence() + scrubbed.fix();
            assertFalse(all.contains(PASSWORD), place + ": " + all);
            assertTrue(all.contains(SecretScrubber.MASK), place + ": " + all);
            assertEquals(finding(-1, List.of("lk sip inbound list")).evidence().frames(), scrubbed.evidence().frames());
            assertEquals(f.code(), scrubbed.code());
            assertEquals(f.callId(), scrubbed.callId());
        }
    }

    @Test
    void aOneLetterPasswordLeavesTheWordsItIsPartOfAlone() {
        SecretScrubber p = new SecretScrubber(List.of("p"));
        Finding words = finding(-1, List.of("lk sip inbound list"));
        assertSame(words, DiagnosisEngine.scrub(words, p));
        Finding command = finding(-1, List.of("lk sip inbound update --id ST_1 --auth-password p"));
        assertEquals(List.of("lk sip inbound update --id ST_1 --auth-password " + SecretScrubber.MASK),
                DiagnosisEngine.scrub(command, p).fix().commands());
    }

    /** A finding with the password in place {@code secretAt} (0-6: title to fix JSON; -1: nowhere). */
    private static Finding finding(int secretAt, List<String> commands) {
        String[] texts = {"title", "explanation", "ST_1", "fact", "step", "lk sip inbound list", "{}"};
        if (secretAt >= 0) {
            texts[secretAt] = texts[secretAt] + " " + PASSWORD;
        }
        List<String> cmds = secretAt == 5 ? List.of(texts[5]) : commands;
        return new Finding(FindingCode.LK_NO_TRUNK_MATCH, Severity.ERROR, texts[0], texts[1], "call-1", "flow-1", true,
                new Evidence(List.of(7L, 9L), List.of(texts[2]), List.of(texts[3])),
                new Fix(List.of(texts[4]), cmds, texts[6]));
    }
}
