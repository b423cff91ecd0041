package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Deployment;
import org.sipladder.livekit.LiveKitConfig;

/**
 * One error per root cause: LiveKit's one decision to drop a call shows as the config's reason, as the drop and as
 * the INVITE left without a final response; only the reason stays an error, the others say they follow from it.
 */
class ConsequentFindingsTest {

    private static final String DID = "+4930123456";
    private static final DiagnosisSettings SELF_HOSTED = new DiagnosisSettings(Deployment.SELF_HOSTED, null);

    /** LiveKit's 100 and 180, then silence; the caller cancels and LiveKit, which forgot the INVITE, answers 481. */
    private static CallFlow droppedThenGivenUp() {
        return StrandedRuleTest.droppedThenCancelled();
    }

    /** The only trunk allows another address than Jambonz's; its rule names it. */
    private static LiveKitConfig trunkForAnotherAddress(SIPRule ruleFilter) {
        return config(List.of(trunk("ST_jz", DID).addAllowedAddresses("198.51.100.20")),
                List.of(ruleFilter.apply(rule("SDR_main", "support-agent", "ST_jz"))));
    }

    private interface SIPRule {
        livekit.LivekitSip.SIPDispatchRuleInfo.Builder apply(livekit.LivekitSip.SIPDispatchRuleInfo.Builder rule);
    }

    private static List<Finding> errors(Diagnosis d) {
        return d.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    @Test
    void aTrunkThatRefusedTheSourceIsTheOneErrorOfASelfHostedDrop() {
        CallFlow flow = droppedThenGivenUp();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), trunkForAnotherAddress(r -> r), SELF_HOSTED);

        assertEquals(List.of(FindingCode.LK_SOURCE_NOT_ALLOWED), errors(d).stream().map(Finding::code).toList(),
                d.findings().toString());
        assertTrue(errors(d).get(0).primary());
        for (FindingCode code : List.of(FindingCode.LK_NO_RULE_MATCH, FindingCode.LK_SILENT_DROP,
                FindingCode.SIP_NO_FINAL_RESPONSE)) {
            Finding f = d.withCode(code).get(0);
            assertEquals(Severity.WARNING, f.severity(), code.name());
            assertTrue(f.explanation().contains("primary cause (LK_SOURCE_NOT_ALLOWED: "), f.explanation());
        }
        Finding rules = d.withCode(FindingCode.LK_NO_RULE_MATCH).get(0);
        assertTrue(rules.explanation().contains("dispatch rule SDR_main names trunk ST_jz and would take this call"),
                rules.explanation());
        // no wildcard rule to create: the fix is the trunk's, the primary cause's
        assertEquals(List.of("Fix this call's primary cause first (LK_SOURCE_NOT_ALLOWED: " + errors(d).get(0).title()
                + "); this follows from it and needs no fix of its own."), rules.fix().steps());
        assertEquals(List.of(), rules.fix().commands(), rules.fix().toString());
    }

    @Test
    void aRuleThatWouldRefuseTheCallThroughItsTrunkTooStaysASecondError() {
        CallFlow flow = droppedThenGivenUp();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow),
                trunkForAnotherAddress(r -> r.addInboundNumbers("+4917600000000")), SELF_HOSTED);

        assertEquals(List.of(FindingCode.LK_SOURCE_NOT_ALLOWED, FindingCode.LK_NO_RULE_MATCH),
                errors(d).stream().map(Finding::code).toList(), d.findings().toString());
        assertEquals(Severity.WARNING, d.withCode(FindingCode.LK_SILENT_DROP).get(0).severity());
    }

    @Test
    void noRuleForTheMatchedTrunkIsTheOneErrorAndTheDropFollowsFromIt() {
        CallFlow flow = droppedThenGivenUp();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow),
                config(List.of(trunk("ST_jz", DID)), List.of(rule("SDR_main", "support-agent", "ST_gone"))));

        assertEquals(List.of(FindingCode.LK_NO_RULE_MATCH), errors(d).stream().map(Finding::code).toList(),
                d.findings().toString());
        assertTrue(d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE).get(0).explanation()
                .contains("primary cause (LK_NO_RULE_MATCH: "));
    }

    @Test
    void aFloodDropNeverAnsweredShowsOneError() {
        CallFlow flow = FindingRulesTest.retransmittedCall();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        assertEquals(1, errors(d).size(), d.findings().toString());
        assertEquals(FindingCode.LK_SILENT_DROP, d.primaryFor(flow.id()).orElseThrow().code());
    }

    @Test
    void liveKitsOwnRefusalOfALateOfferStaysAnErrorBesideIt() {
        // LiveKit picks a trunk before it reads any offer: its 503 is no consequence of the missing SDP
        String invite = SipTexts.invite("late", "sip:" + DID + "@" + TestCall.LIVEKIT, "+4917612345678", TestCall.JAMBONZ, "");
        CallFlow flow = TestCall.carrierJambonzLiveKit()
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 503, "Try again later"))
                .flow();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        assertEquals(FindingCode.SIP_LATE_OFFER, d.primaryFor(flow.id()).orElseThrow().code(), d.findings().toString());
        assertEquals(Severity.ERROR, d.withCode(FindingCode.LK_RESPONSE_EXPLAINED).get(0).severity());
    }

    @Test
    void theSameRefusalReadAgainOnTheLegItWasRelayedOverFollowsFromWhereItStarted() {
        CallFlow flow = PrimaryCausesTest.codecRefusalRelayedBack();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals("b-leg", primary.callId());
        assertEquals(List.of(primary), errors(d), d.findings().toString());
        Finding relayed = d.withCode(FindingCode.SIP_NO_COMMON_CODEC).stream().filter(f -> "a-leg".equals(f.callId()))
                .findFirst().orElseThrow();
        // the cause is told where it started; what the caller's leg saw of it is information pointing there
        assertEquals(Severity.INFO, relayed.severity());
        assertTrue(relayed.explanation().endsWith(" The failure started on leg b-leg and was passed back over this leg "
                + "(see B2BUA_FAILURE_RELAYED): this is this call's primary cause (SIP_NO_COMMON_CODEC: "
                + primary.title() + ") seen again on the way back, not a second problem; fixing that fixes this too."),
                relayed.explanation());
    }
}
