package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.LiveKitConfig;

class PrimaryCausesTest {

    private final CallFlow seed = SeedCall.flow();

    @Test
    void withoutConfigLiveKitsOwnAnswerIsTheBestExplanation() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(seed), LiveKitConfig.empty());
        Finding primary = d.primaryFor(seed.id()).orElseThrow();
        assertEquals("LK_RESPONSE_EXPLAINED", primary.code());
        assertEquals("LiveKit could not pick an inbound trunk (503 Try again later)", primary.title());
        assertEquals(Consistency.UNKNOWN, d.routings().get(0).consistency());
        assertTrue(d.routings().get(0).summary().startsWith("No LiveKit config loaded"));
    }

    @Test
    void aSimulationTheCaptureContradictsNeverGivesThePrimaryCause() {
        // Only the authenticated trunk is left: LiveKit would now challenge with 407, but the capture shows 503.
        LiveKitConfig changed = TestConfig.config(
                List.of(TestConfig.trunk("ST_GjeZjGQjrsvC", "+4991874350352").setAuthUsername("jambonz").setAuthPassword("pw")),
                List.of(TestConfig.rule("SDR_ZyY3ewVGtwEd", "my-telephony-agent", "ST_GjeZjGQjrsvC")));
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(seed), changed);
        assertEquals(Consistency.INCONSISTENT, d.routings().get(0).consistency());
        assertEquals("LK_RESPONSE_EXPLAINED", d.primaryFor(seed.id()).orElseThrow().code());
        assertTrue(d.withCode("LK_TRUNK_CONFLICT").isEmpty());
    }

    @Test
    void aCallThatSucceededHasNoPrimaryCause() {
        CallFlow ok = FindingRulesTest.liveKitCall("4991874350352", "100 Processing", "180 Ringing", "200 OK");
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(ok), TestConfig.seed());
        assertTrue(d.findings().stream().noneMatch(Finding::primary), d.findings().toString());
    }

    @Test
    void configOnlyDiagnosisHasNoPrimaryAndNoRoutings() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(), TestConfig.seed());
        assertTrue(d.routings().isEmpty());
        assertTrue(d.findings().stream().noneMatch(Finding::primary));
        assertEquals(List.of("LK_TRUNK_CONFLICT", "LK_RULE_NO_AGENT", "LK_RULE_UNKNOWN_TRUNK"),
                d.findings().stream().map(Finding::code).toList());
    }
}
