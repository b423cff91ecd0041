package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.CALLER;
import static org.sipladder.diagnose.FindingRulesTest.liveKitCall;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.RoutingOutcome;
import org.sipladder.livekit.RoutingSimulator;

/**
 * The fixes applied one after another, as a user follows them, must each be accepted by LiveKit's server
 * ({@link LkServer}: its update re-checks every trunk on the updated one's numbers and every default trunk, so a
 * trunk conflict left in place refuses them) and must leave no dispatch rule pointing at a deleted trunk.
 */
class FixOrderTest {

    private static final String DID = "+4991874350352";
    private static final String DID2 = "+4930111222";

    /** Two trunks claim DID (one with, one without '+'); a call to DID gets 503, a call to DID2 finds no trunk. */
    private static final List<CallFlow> CALLS = List.of(liveKitCall("4991874350352", "100 Processing", "503 Try again later"),
            liveKitCall(DID2, "100 Processing", "404 No trunk found"));

    @Test
    void theMissingNumberWaitsForTheConflictAndTheDeletedTrunksRuleGoes() {
        LiveKitConfig config = config(List.of(trunk("ST_a", DID), trunk("ST_b", "4991874350352")),
                List.of(rule("SDR_a", "bot", "ST_a"), rule("SDR_b", "bot", "ST_b")));
        Diagnosis d = DiagnosisEngine.standard().diagnose(CALLS, config);
        Finding conflict = only(d, FindingCode.LK_TRUNK_CONFLICT);
        Finding missing = only(d, FindingCode.LK_NO_TRUNK_MATCH);

        assertTrue(missing.fix().steps().get(0).startsWith("First fix LK_TRUNK_CONFLICT"), missing.fix().steps().toString());
        LiveKitConfig fixed = new LkServer(config).apply(conflict.fix()).apply(missing.fix()).config();

        assertEquals(List.of(), DiagnosisEngine.standard().diagnose(List.of(), fixed)
                .withCode(FindingCode.LK_RULE_UNKNOWN_TRUNK), "after " + conflict.fix().commands());
        assertAgent(fixed, "4991874350352", CALLER);
        assertAgent(fixed, DID2, CALLER);
    }

    @Test
    void theMissingNumberGoesToTheTrunkTheConflictFixKeeps() {
        // ST_a takes only CALLER, ST_b every caller: the conflict's fix keeps ST_b and deletes ST_a
        LiveKitConfig config = config(List.of(trunk("ST_a", DID).addAllowedNumbers(CALLER), trunk("ST_b", DID)),
                List.of(rule("SDR_a", "bot", "ST_a"), rule("SDR_b", "bot", "ST_b")));
        List<CallFlow> calls = List.of(liveKitCall(DID, "100 Processing", "503 Try again later"), CALLS.get(1));
        Diagnosis d = DiagnosisEngine.standard().diagnose(calls, config);

        LiveKitConfig fixed = new LkServer(config).apply(only(d, FindingCode.LK_TRUNK_CONFLICT).fix())
                .apply(only(d, FindingCode.LK_NO_TRUNK_MATCH).fix()).config();

        assertAgent(fixed, DID, CALLER);
        assertAgent(fixed, DID, "+15105550100");
        assertAgent(fixed, DID2, CALLER);
    }

    @Test
    void theDeletedDefaultTrunksRuleMovesToTheKeptOne() {
        // the only rule with an agent names ST_b, the default trunk the fix deletes
        LiveKitConfig config = config(List.of(trunk("ST_a"), trunk("ST_b")), List.of(rule("SDR_b", "bot", "ST_b")));
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing",
                "503 Try again later")), config);

        LiveKitConfig fixed = new LkServer(config).apply(only(d, FindingCode.LK_DEFAULT_TRUNK_CONFLICT).fix()).config();

        assertAgent(fixed, DID, CALLER);
    }

    @Test
    void aCallerFixOnATrunkLiveKitWillNotUpdateSaysWhatComesFirst() {
        // ST_a and ST_b both take +15105550100 on DID: LiveKit refuses any update of either until that is fixed
        LiveKitConfig config = config(List.of(trunk("ST_a", DID).addAllowedNumbers("+15105550100"),
                trunk("ST_b", DID).addAllowedNumbers("+15105550100")), List.of(rule("SDR_a", "bot", "ST_a")));
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing",
                "404 No trunk found")), config);

        List<Finding> found = d.withCode(FindingCode.LK_CALLER_NOT_ALLOWED).stream()
                .filter(f -> !f.fix().commands().isEmpty()).toList();
        assertFalse(found.isEmpty());
        for (Finding f : found) {
            assertTrue(f.fix().steps().get(0).startsWith("First fix LK_TRUNK_CONFLICT"), f.fix().steps().toString());
        }
    }

    @Test
    void aCallerLeftOutByTwoTrunksIsAddedToOneOnly() {
        // each trunk on DID takes another caller; both leave CALLER out
        LiveKitConfig config = config(List.of(trunk("ST_a", DID).addAllowedNumbers("+15105550100"),
                trunk("ST_b", DID).addAllowedNumbers("+441234567")),
                List.of(rule("SDR_a", "bot", "ST_a"), rule("SDR_b", "bot", "ST_b")));
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing",
                "404 No trunk found")), config);

        List<Finding> found = d.withCode(FindingCode.LK_CALLER_NOT_ALLOWED);
        assertEquals(2, found.size());
        LkServer server = new LkServer(config);
        found.forEach(f -> server.apply(f.fix()));

        assertAgent(server.config(), DID, CALLER);
    }

    private static Finding only(Diagnosis d, FindingCode code) {
        List<Finding> found = d.withCode(code).stream().filter(f -> f.callId() != null).toList();
        assertEquals(1, found.size(), code + " " + found);
        return found.get(0);
    }

    private static void assertAgent(LiveKitConfig config, String called, String caller) {
        InboundInvite invite = new InboundInvite("c", called, caller, "sbc.example", "203.0.113.9", null, called, null,
                null, false, false, null);
        RoutingOutcome outcome = new RoutingSimulator(config).simulate(invite);
        DispatchMatch dispatch = outcome.dispatch();
        assertTrue(dispatch.kind() == DispatchMatch.Kind.MATCHED && !dispatch.agentNames().isEmpty(),
                "a call from " + caller + " to " + called + ": " + outcome.trunk().kind() + ", " + dispatch.kind());
    }
}
