package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A re-INVITE that reaches a LiveKit node without the call: livekit/sip finds calls for an INVITE only by its To tag
 * among the node's own calls, and runs any other INVITE as a new call (100 Processing, ringing, trunk matching).
 */
class LiveKitReinviteNewCallTest {

    /** Another node of the same LiveKit cluster. */
    private static final String OTHER_NODE = "129.158.233.109";

    /**
     * Jambonz calls LiveKit, which answers 200 with its own Contact; Jambonz sends a re-INVITE (CSeq 2, the dialog's
     * To tag) to {@code node}, which answers {@code answers} ("status reason" each).
     */
    private static CallFlow reinvite(String node, String... answers) {
        String invite = SipTexts.invite("call-mid", "sip:4991874350352@" + TestCall.LIVEKIT, "+493023125417",
                TestCall.JAMBONZ, SipTexts.SDP_G711);
        String reinvite = FindingRulesTest.inDialog("INVITE", 2, TestCall.JAMBONZ, SipTexts.SDP_G711,
                "Content-Type: application/sdp");
        TestCall call = TestCall.carrierJambonzLiveKit().hop(OTHER_NODE, Role.LIVEKIT)
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 200, "OK",
                        "Contact: <sip:" + TestCall.LIVEKIT + ":5060>", SipTexts.sdp(TestCall.LIVEKIT, "8 PCMA/8000")))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, FindingRulesTest.inDialog("ACK", 1, TestCall.JAMBONZ, ""))
                .send(TestCall.JAMBONZ, node, reinvite);
        for (String a : answers) {
            String[] s = a.split(" ", 2);
            call.send(node, TestCall.JAMBONZ, SipTexts.response(reinvite, Integer.parseInt(s[0]), s[1]));
        }
        return call.flow();
    }

    private static Diagnosis diagnose(CallFlow flow) {
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
    }

    @Test
    void aReInviteAnotherNodeAnsweredAsASecondCallIsExplainedWithTheNodeThatAnswered() {
        Diagnosis d = diagnose(reinvite(OTHER_NODE, "100 Processing", "180 Ringing", "200 OK"));

        List<Finding> found = d.withCode(FindingCode.LK_REINVITE_NEW_CALL);
        assertEquals(1, found.size(), d.findings().stream().map(f -> f.code() + " " + f.title()).toList().toString());
        Finding f = found.get(0);
        assertEquals("re-INVITE to LiveKit " + OTHER_NODE + " handled as a new call: 100 Processing, 180 Ringing, 200 OK",
                f.title());
        assertEquals(List.of(3L, 5L, 6L, 7L, 8L), f.evidence().frames());
        assertTrue(f.evidence().facts().contains("The re-INVITE went to " + OTHER_NODE + ", the 200 OK came from "
                + TestCall.LIVEKIT), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("only by its To tag among the calls of the node that got it")
                && f.explanation().contains("second call"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("<sip:" + TestCall.LIVEKIT + ":5060>"), f.fix().steps().toString());
    }

    @Test
    void aReInviteRefusedAsANewCallIsThisFindingNotARefusedSessionChange() {
        Diagnosis d = diagnose(reinvite(TestCall.LIVEKIT, "100 Processing", "404 No trunk found"));

        Finding f = d.withCode(FindingCode.LK_REINVITE_NEW_CALL).get(0);
        assertTrue(f.explanation().contains("the new call was refused"), f.explanation());
        assertEquals(List.of(), d.withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED));
        // without LiveKit's new-call marks (100 Processing, ringing) an answer is the call's own: no such finding
        assertEquals(List.of(), diagnose(reinvite(TestCall.LIVEKIT, "200 OK")).withCode(FindingCode.LK_REINVITE_NEW_CALL));
        Diagnosis refused = diagnose(reinvite(TestCall.LIVEKIT, "488 Not Acceptable Here"));
        assertEquals(List.of(), refused.withCode(FindingCode.LK_REINVITE_NEW_CALL));
        assertEquals(1, refused.withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED).size());
    }
}
