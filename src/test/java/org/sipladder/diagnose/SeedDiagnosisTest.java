package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Consistency;

/** Acceptance of issue 4 on the bundled demo case: the analyzer finds the real cause of the 503 by itself. */
class SeedDiagnosisTest {

    private final CallFlow flow = SeedCall.flow();
    private final Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(List.of(flow), TestConfig.seed());

    @Test
    void trunkConflictIsThePrimaryCauseOfThe503() {
        Finding primary = diagnosis.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.LK_TRUNK_CONFLICT, primary.code());
        assertEquals(List.of("ST_GjeZjGQjrsvC", "ST_keiPmt6sJhJh"), primary.evidence().configIds());
        assertEquals("3f6a8c1e-94b2-4d7f-b5a0-7c2e19d84f63", primary.callId());
        assertEquals(List.of(4L, 5L, 6L), primary.evidence().frames());
        assertTrue(primary.fix().commands().contains("lk sip inbound delete ST_keiPmt6sJhJh"), primary.fix().commands().toString());
        assertEquals(primary, diagnosis.findings().get(0), "the primary cause is listed first");
        assertEquals(1, diagnosis.findings().stream().filter(Finding::primary).count());
    }

    @Test
    void predictsTheCapturedResponsesAndCallsThemConsistent() {
        assertEquals(1, diagnosis.routings().size());
        LiveKitRouting routing = diagnosis.routings().get(0);
        assertEquals(List.of("100 Processing", "503 Try again later"), routing.outcome().expectedResponses());
        assertEquals(Consistency.CONSISTENT, routing.consistency());
        assertEquals("4991874350352", routing.invite().calledNumber());
        assertEquals("18.197.68.41", routing.invite().sourceIp(), "LiveKit saw the NAT address, from Via received=");
        assertTrue(routing.summary().endsWith(": consistent"), routing.summary());
    }

    @Test
    void reportsTheConfigProblemsEachWithAFix() {
        assertFinding(FindingCode.LK_RULE_UNKNOWN_TRUNK, "SDR_3mqGtt8QNX2x");
        assertFinding(FindingCode.LK_RULE_NO_AGENT, "SDR_HyMhj4T8greh");
        Finding relayed = diagnosis.withCode(FindingCode.B2BUA_FAILURE_RELAYED).get(0);
        assertFalse(relayed.primary());
        assertEquals(List.of(6L, 8L), relayed.evidence().frames());
        assertTrue(relayed.title().contains("503 Try again later") && relayed.title().contains("603 Decline"), relayed.title());
        assertFalse(relayed.fix().steps().isEmpty());
    }

    @Test
    void ruleWithoutAgentGetsTheAgentOfTheOtherRuleInItsFix() {
        Finding noAgent = diagnosis.withCode(FindingCode.LK_RULE_NO_AGENT).get(0);
        assertTrue(noAgent.fix().json().contains("\"agentName\": \"my-telephony-agent\""), noAgent.fix().json());
        assertEquals(List.of("lk sip dispatch update --id SDR_HyMhj4T8greh SDR_HyMhj4T8greh.json"), noAgent.fix().commands());
    }

    @Test
    void privateAddressTowardLiveKitIsReportedWithTheNatAddress() {
        Finding leak = diagnosis.withCode(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER).get(0);
        assertEquals(List.of(4L, 7L), leak.evidence().frames());
        assertTrue(leak.evidence().facts().stream().anyMatch(f -> f.startsWith("SDP c= 172.20.11.236")));
        assertTrue(String.join(" ", leak.fix().steps()).contains("--external-ip 18.197.68.41"));
        assertFalse(leak.primary());
    }

    @Test
    void configOnlyTrunkConflictIsNotRepeatedBesideTheCallFinding() {
        assertEquals(1, diagnosis.withCode(FindingCode.LK_TRUNK_CONFLICT).size());
    }

    @Test
    void theTrunkPasswordAppearsNowhere() {
        assertFalse(diagnosis.findings().toString().contains(TestConfig.SEED_PASSWORD));
        assertTrue(diagnosis.findings().toString().contains("password set"));
    }

    private void assertFinding(FindingCode code, String configId) {
        List<Finding> found = diagnosis.withCode(code);
        assertEquals(1, found.size(), code.name());
        Finding f = found.get(0);
        assertTrue(f.evidence().configIds().contains(configId), f.evidence().configIds().toString());
        assertFalse(f.primary(), "config findings are never primary");
        assertFalse(f.fix().steps().isEmpty() || f.fix().commands().isEmpty(), code + " has a fix");
    }
}
