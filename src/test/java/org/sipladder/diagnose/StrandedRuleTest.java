package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A dispatch rule whose only trunk was deleted: the trunk matches, no rule takes the call, LiveKit rings and drops
 * it; the caller cancels after a while and LiveKit, which has forgotten the INVITE, answers the CANCEL 481. Also a
 * rule stranded by its inbound_numbers holding the trunk's own number (the DID), which LiveKit compares with the caller.
 */
class StrandedRuleTest {

    private static final String DID = "+4930123456";

    /** carrier -> Jambonz -> LiveKit: 100 and 180 from LiveKit, then the caller's CANCEL, which LiveKit answers 481. */
    static CallFlow droppedThenCancelled() {
        String aInvite = SipTexts.invite("a-leg", "sip:" + DID + "@" + TestCall.JAMBONZ, "+4917612345678", TestCall.CARRIER,
                SipTexts.SDP_G711);
        String bInvite = SipTexts.invite("b-leg", "sip:" + DID + "@" + TestCall.LIVEKIT, "+4917612345678", TestCall.JAMBONZ,
                SipTexts.SDP_G711, "X-CID: a-leg");
        String aCancel = SipTexts.cancel(aInvite);
        String bCancel = SipTexts.cancel(bInvite);
        return TestCall.ringingThroughJambonz(aInvite, bInvite)
                .after(12)
                .send(TestCall.CARRIER, TestCall.JAMBONZ, aCancel)
                .send(TestCall.JAMBONZ, TestCall.CARRIER, SipTexts.response(aCancel, 200, "OK"))
                .send(TestCall.JAMBONZ, TestCall.CARRIER, SipTexts.response(aInvite, 487, "Request Terminated"))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, bCancel)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(bCancel, 481, "Call/Transaction Does Not Exist"))
                .flow();
    }

    private static LiveKitConfig strandedRule() {
        return TestConfig.config(List.of(TestConfig.trunk("ST_in", DID)),
                List.of(TestConfig.rule("SDR_main", "support-agent", "ST_gone")));
    }

    @Test
    void theFixPointsTheStrandedRuleAtTheMatchedTrunkInsteadOfCreatingANewOne() {
        CallFlow flow = droppedThenCancelled();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), strandedRule());

        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.LK_NO_RULE_MATCH, primary.code());
        assertEquals(List.of("lk sip dispatch update --id SDR_main --trunks ST_in"), primary.fix().commands());
        assertNull(primary.fix().json(), "no new rule to create");
        assertTrue(primary.fix().steps().get(0).contains("[ST_gone] name no existing inbound trunk"), primary.fix().toString());
    }

    @Test
    void liveKitsNoRulesErrorSaysTheProjectHasRulesForOtherTrunks() {
        CallFlow flow = droppedThenCancelled();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), strandedRule());

        Finding drop = d.withCode(FindingCode.LK_SILENT_DROP).get(0);
        assertTrue(drop.explanation().contains("\"No SIP Dispatch Rules defined\", although the project has 1 rule: none "
                + "names trunk ST_in"), drop.explanation());
        String lastStep = d.routings().get(0).outcome().reasoning().get(d.routings().get(0).outcome().reasoning().size() - 1);
        assertTrue(lastStep.contains("although the project has 1 rule"), lastStep);
    }

    @Test
    void theOnlyExistingTrunkIsNamedInTheUnknownTrunkFix() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(), strandedRule());

        Finding f = d.withCode(FindingCode.LK_RULE_UNKNOWN_TRUNK).get(0);
        assertEquals("lk sip dispatch update --id SDR_main --trunks ST_in", f.fix().commands().get(0));
    }

    @Test
    void aCancelAnswered481SaysLiveKitHadEndedTheInviteNotThatItMayStillHaveBeenRinging() {
        CallFlow flow = droppedThenCancelled();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), strandedRule());

        Finding f = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE).get(0);
        assertFalse(f.explanation().contains("may still have been ringing"), f.explanation());
        assertTrue(f.explanation().contains("got 481 Call/Transaction Does Not Exist: " + TestCall.LIVEKIT
                + ":5060 no longer had the INVITE transaction"), f.explanation());
        assertTrue(f.fix().steps().stream().noneMatch(s -> s.startsWith("Load the project's trunks")),
                "the config is loaded: " + f.fix());
        assertTrue(f.fix().steps().stream().noneMatch(s -> s.contains("why the caller never cancelled")), f.fix().toString());
    }

    private static LiveKitConfig callerFilter(String inboundNumber) {
        return TestConfig.config(List.of(TestConfig.trunk("ST_in", DID)),
                List.of(TestConfig.rule("SDR_main", "support-agent", "ST_in").addInboundNumbers(inboundNumber)));
    }

    @Test
    void theFixTakesTheCalledNumberOutOfTheRulesCallerFilterInsteadOfCreatingANewRule() {
        CallFlow flow = droppedThenCancelled();

        Finding primary = DiagnosisEngine.standard().diagnose(List.of(flow), callerFilter("4930123456"))
                .primaryFor(flow.id()).orElseThrow();

        assertEquals(FindingCode.LK_NO_RULE_MATCH, primary.code());
        assertEquals(List.of("lk sip dispatch update --id SDR_main SDR_main.json"), primary.fix().commands());
        assertTrue(primary.fix().steps().get(0).contains("its inbound_numbers [4930123456] hold the called number "
                + DID), primary.fix().toString());
        assertFalse(primary.fix().json().contains("inboundNumbers"), primary.fix().json());
        assertTrue(primary.fix().json().contains("support-agent"), "the rule keeps its agent: " + primary.fix().json());
    }

    @Test
    void aRuleFilteringOnARealCallerStillGetsTheGeneralAdvice() {
        CallFlow flow = droppedThenCancelled();

        Finding primary = DiagnosisEngine.standard().diagnose(List.of(flow), callerFilter("+4917600000000"))
                .primaryFor(flow.id()).orElseThrow();

        assertEquals(FindingCode.LK_NO_RULE_MATCH, primary.code());
        assertEquals(List.of("lk sip dispatch create rule.json"), primary.fix().commands());
    }
}
