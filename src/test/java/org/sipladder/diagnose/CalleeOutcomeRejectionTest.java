package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A rejection whose Reason names the callee's own outcome by its Q.850 cause (busy, no user responding, no answer,
 * call rejected) is a delivered call's result, not a routing fault: information. Only the Reason of the answer where
 * the rejection started counts; a relay that adds one to the status it passes back may only be translating it.
 */
class CalleeOutcomeRejectionTest {

    private static final String PBX = "203.0.113.9";
    private static final String A_INVITE = SipTexts.invite("a-leg", "sip:4930111111@" + TestCall.JAMBONZ,
            "+493023125417", TestCall.CARRIER, SipTexts.SDP_G711);
    private static final String B_INVITE = SipTexts.invite("b-leg", "sip:+4930111111@" + PBX, "+493023125417",
            TestCall.JAMBONZ, SipTexts.SDP_G711, "X-CID: a-leg");

    /** Carrier to Jambonz to a PBX that answers {@code status}; Jambonz passes it back; each answer's Reason given. */
    private static Diagnosis throughJambonz(int status, String text, String pbxReason, String jambonzReason) {
        CallFlow flow = new TestCall().hop(TestCall.CARRIER, Role.CARRIER).hop(TestCall.JAMBONZ, Role.JAMBONZ)
                .hop(PBX, Role.SIP_ENDPOINT)
                .send(TestCall.CARRIER, TestCall.JAMBONZ, A_INVITE)
                .send(TestCall.JAMBONZ, PBX, B_INVITE)
                .send(PBX, TestCall.JAMBONZ, SipTexts.response(B_INVITE, 180, "Ringing"))
                .after(20)
                .send(PBX, TestCall.JAMBONZ, response(B_INVITE, status, text, pbxReason))
                .send(TestCall.JAMBONZ, TestCall.CARRIER, response(A_INVITE, status, text, jambonzReason)).flow();
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
    }

    private static String response(String invite, int status, String text, String reason) {
        return reason == null ? SipTexts.response(invite, status, text)
                : SipTexts.response(invite, status, text, "Reason: " + reason);
    }

    @Test
    void noAnswerAtTheCalleeIsInformationAndItsRelayNeedsNoFix() {
        Diagnosis d = throughJambonz(480, "Temporarily Unavailable", "Q.850;cause=19;text=\"NO_ANSWER\"",
                "Q.850;cause=19;text=\"NO_ANSWER\"");
        Finding rejected = d.withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertEquals("b-leg", rejected.callId());
        assertEquals(Severity.INFO, rejected.severity(), rejected.toString());
        assertTrue(rejected.explanation().contains("Q.850 cause 19: no answer from user"), rejected.explanation());
        String steps = rejected.fix().steps().toString();
        assertTrue(steps.startsWith("[Nothing is broken in signalling"), steps);
        assertFalse(steps.contains("registered or routable"), steps);
        Finding relayed = d.withCode(FindingCode.B2BUA_FAILURE_RELAYED).get(0);
        assertEquals(Severity.INFO, relayed.severity());
        assertFalse(relayed.fix().steps().get(0).startsWith("Find out why"), relayed.fix().steps().toString());
    }

    @Test
    void aNotFoundWhoseCauseIsNoUserRespondingIsTheCalleesOutcomeToo() {
        Finding rejected = throughJambonz(404, "Not Found", "Q.850;cause=18", null)
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertEquals(Severity.INFO, rejected.severity(), rejected.toString());
    }

    @Test
    void aReasonAddedOnlyByTheRelayDoesNotSpeakForWhereTheRejectionStarted() {
        // the PBX said nothing about the callee; Jambonz's cause 18 may be its mapping of 480 (RFC 3398)
        Diagnosis d = throughJambonz(480, "Temporarily Unavailable", null, "Q.850;cause=18");
        Finding rejected = d.withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertEquals(Severity.ERROR, rejected.severity(), rejected.toString());
        assertTrue(rejected.fix().steps().get(0).contains("registered or routable"), rejected.fix().toString());
        assertEquals(Severity.WARNING, d.withCode(FindingCode.B2BUA_FAILURE_RELAYED).get(0).severity());
    }

    @Test
    void aRefusalWhoseCauseIsCallRejectedStaysAnError() {
        // RFC 3398 maps 403 to cause 21 as well: there "call rejected" may be the refusal of the caller itself
        Finding rejected = throughJambonz(403, "Forbidden", "Q.850;cause=21", "Q.850;cause=21")
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertEquals(Severity.ERROR, rejected.severity(), rejected.toString());
    }
}
