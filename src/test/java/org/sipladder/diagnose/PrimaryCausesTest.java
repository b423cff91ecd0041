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
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED, primary.code());
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
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED, d.primaryFor(seed.id()).orElseThrow().code());
        assertTrue(d.withCode(FindingCode.LK_TRUNK_CONFLICT).isEmpty());
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
        assertEquals(List.of(FindingCode.LK_TRUNK_CONFLICT, FindingCode.LK_RULE_NO_AGENT, FindingCode.LK_RULE_UNKNOWN_TRUNK),
                d.findings().stream().map(Finding::code).toList());
    }

    @Test
    void aReInviteToLiveKitIsNotRoutedAsANewCall() {
        String uri = "sip:4991874350352@project.sip.livekit.cloud";
        String invite = SipTexts.invite("call-reinvite", uri, "+493023125417", TestCall.JAMBONZ, SipTexts.SDP_G711);
        String reInvite = SipTexts.retry(invite, 2).replace("To: <" + uri + ">", "To: <" + uri + ">;tag=t200");
        CallFlow flow = TestCall.carrierJambonzLiveKit()
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 200, "OK"))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, reInvite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(reInvite, 200, "OK")).flow();
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), TestConfig.config(
                List.of(TestConfig.trunk("ST_a", "4991874350352")), List.of(TestConfig.rule("SDR_a", "agent", "ST_a"))));
        assertEquals(1, d.routings().size(), "only the initial INVITE is routed");
        assertEquals(1L, d.routings().get(0).transaction().frame());
    }

    @Test
    void aRelayedFailureIsExplainedWhereItStarted() {
        String aInvite = SipTexts.invite("a-leg", "sip:4930111111@172.20.11.236", "+493023125417", TestCall.CARRIER, SipTexts.SDP_G711);
        String bInvite = SipTexts.invite("b-leg", "sip:+4930111111@203.0.113.9", "+493023125417", TestCall.JAMBONZ, SipTexts.SDP_G711);
        CallFlow flow = new TestCall().hop(TestCall.CARRIER, org.sipladder.flow.Role.CARRIER)
                .hop(TestCall.JAMBONZ, org.sipladder.flow.Role.JAMBONZ).hop("203.0.113.9", org.sipladder.flow.Role.CARRIER)
                .send(TestCall.CARRIER, TestCall.JAMBONZ, aInvite)
                .send(TestCall.JAMBONZ, "203.0.113.9", bInvite)
                .send("203.0.113.9", TestCall.JAMBONZ, SipTexts.response(bInvite, 486, "Busy Here"))
                .send(TestCall.JAMBONZ, TestCall.CARRIER, SipTexts.response(aInvite, 603, "Decline")).flow();
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.SIP_CALL_REJECTED, primary.code());
        assertEquals("b-leg", primary.callId());
        assertEquals("203.0.113.9 rejected the call: 486 Busy Here", primary.title());
        assertEquals(1, d.withCode(FindingCode.B2BUA_FAILURE_RELAYED).size());
    }

    /** A G.729-only offer through Jambonz: LiveKit refuses it, Jambonz relays the 488, so both legs show no common codec. */
    static CallFlow codecRefusalRelayedBack() {
        String g729 = SipTexts.sdp(TestCall.CARRIER, "18 G729/8000", "101 telephone-event/8000");
        String aInvite = SipTexts.invite("a-leg", "sip:+4930123456@" + TestCall.JAMBONZ, "+4917612345678", TestCall.CARRIER, g729);
        String bInvite = SipTexts.invite("b-leg", "sip:+4930123456@" + TestCall.LIVEKIT, "+4917612345678", TestCall.JAMBONZ,
                g729.replace(TestCall.CARRIER, TestCall.JAMBONZ), "X-CID: a-leg");
        CallFlow flow = TestCall.ringingThroughJambonz(aInvite, bInvite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(bInvite, 488, "Not Acceptable Here"))
                .send(TestCall.JAMBONZ, TestCall.CARRIER, SipTexts.response(aInvite, 488, "Not Acceptable Here")).flow();
        return flow;
    }

    @Test
    void aRefusalRelayedBackIsPrimaryOnTheLegWhereItStartedWhenBothLegsShowTheSameCause() {
        CallFlow flow = codecRefusalRelayedBack();
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        assertEquals(2, d.withCode(FindingCode.SIP_NO_COMMON_CODEC).size(), d.findings().toString());
        assertEquals(1, d.withCode(FindingCode.B2BUA_FAILURE_RELAYED).size());
        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.SIP_NO_COMMON_CODEC, primary.code());
        assertEquals("b-leg", primary.callId(), "LiveKit's refusal, not the carrier leg it was relayed over");
    }
}
