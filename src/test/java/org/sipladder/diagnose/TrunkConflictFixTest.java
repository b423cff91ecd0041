package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipladder.diagnose.FindingRulesTest.liveKitCall;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.RoutingSimulator;
import org.sipladder.livekit.TrunkMatch;

/** The commands of LK_TRUNK_CONFLICT, applied as lk applies them, must not take the number from other callers. */
class TrunkConflictFixTest {

    private static final String DID = "4991874350352";

    @Test
    void keepingTheTrunkForOneCallerDoesNotLeaveEveryOtherCallerWithoutATrunk() {
        // ST_a is set apart for FindingRulesTest.CALLER only; ST_b takes every caller: calls from CALLER match both
        LiveKitConfig config = config(List.of(trunk("ST_a", "+" + DID).addAllowedNumbers(FindingRulesTest.CALLER),
                trunk("ST_b", DID)), List.of(rule("SDR_a", "agent-a", "ST_a"), rule("SDR_b", "agent-b", "ST_b")));

        List<Finding> found = DiagnosisEngine.standard().diagnose(
                List.of(liveKitCall(DID, "100 Processing", "503 Try again later")), config)
                .withCode(FindingCode.LK_TRUNK_CONFLICT).stream().filter(f -> f.callId() != null).toList();
        assertEquals(1, found.size());
        LiveKitConfig fixed = new LkServer(config).apply(found.get(0).fix()).config();

        for (String caller : List.of(FindingRulesTest.CALLER, "+15105550100")) {
            InboundInvite invite = new InboundInvite("c", DID, caller, "sbc.example", "203.0.113.9", null, DID, null,
                    null, false, false, null);
            TrunkMatch.Kind kind = new RoutingSimulator(fixed).simulate(invite).trunk().kind();
            assertEquals(TrunkMatch.Kind.MATCHED, kind, "after " + found.get(0).fix().commands() + ", a call from " + caller);
        }
    }
}
