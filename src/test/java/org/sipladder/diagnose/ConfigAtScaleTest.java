package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.sipladder.Limits;

/** A config with thousands of entries gives a few bounded findings, not one per pair (issue 16). */
class ConfigAtScaleTest {

    private static List<Finding> configFindings(Diagnosis d, FindingCode code) {
        return d.findings().stream().filter(f -> f.code() == code && f.flowId() == null).toList();
    }

    private static int size(Finding f) {
        int n = f.title().length() + f.explanation().length() + (f.fix().json() == null ? 0 : f.fix().json().length());
        for (List<String> texts : List.of(f.evidence().facts(), f.evidence().configIds(), f.fix().steps(),
                f.fix().commands())) {
            n += texts.stream().mapToInt(String::length).sum();
        }
        return n;
    }

    @Test
    void rulesWithoutTrunkIdsSharingOneKeyAreOneFindingWithTheirCount() {
        List<SIPDispatchRuleInfo.Builder> rules = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rules.add(TestConfig.rule("SDR_" + i, "agent"));
        }
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(), TestConfig.config(List.of(), rules));
        List<Finding> conflicts = configFindings(d, RuleConflictCheck.CODE);
        assertEquals(1, conflicts.size(), conflicts.size() + " findings");
        Finding f = conflicts.get(0);
        assertTrue(f.title().contains("400 dispatch rules"), f.title());
        assertTrue(f.evidence().configIds().size() <= Limits.IDS_PER_FINDING, f.evidence().configIds().toString());
        assertTrue(f.fix().steps().size() + f.fix().commands().size() <= 2 * Limits.FIX_STEPS_PER_FINDING);
        assertTrue(size(f) < 20_000, "bounded: " + size(f));
    }

    @Test
    void twoRulesSharingAKeyStillNameBoth() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(), TestConfig.config(List.of(),
                List.of(TestConfig.rule("SDR_a", "agent", "ST_1"), TestConfig.rule("SDR_b", "agent", "ST_1"),
                        TestConfig.rule("SDR_c", "agent", "ST_2"))));
        List<Finding> conflicts = configFindings(d, RuleConflictCheck.CODE);
        assertEquals(1, conflicts.size());
        assertEquals(List.of("SDR_a", "SDR_b"), conflicts.get(0).evidence().configIds());
    }

    @Test
    void manyTrunksWithOneNumberGiveOneBoundedFinding() {
        List<SIPInboundTrunkInfo.Builder> trunks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            trunks.add(TestConfig.trunk("ST_" + i, "+15550001111").setAuthUsername("u" + i).setAuthPassword("pw-" + i));
        }
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(), TestConfig.config(trunks, List.of()));
        List<Finding> conflicts = configFindings(d, TrunkConflictCheck.CODE);
        assertEquals(1, conflicts.size());
        Finding f = conflicts.get(0);
        assertTrue(f.title().contains("300 trunks"), f.title());
        assertTrue(f.evidence().configIds().size() <= Limits.IDS_PER_FINDING);
        assertTrue(f.fix().steps().size() <= Limits.FIX_STEPS_PER_FINDING, f.fix().steps().size() + " steps");
        assertTrue(f.fix().commands().size() <= Limits.FIX_STEPS_PER_FINDING, f.fix().commands().size() + " commands");
        assertTrue(size(f) < 20_000, "bounded: " + size(f));
    }
}
