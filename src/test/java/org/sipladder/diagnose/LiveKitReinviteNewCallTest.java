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
        // the dialog's To tag: the one LiveKit's 200 OK gave (SipTexts.response tags it t200)
        String reinvite = FindingRulesTest.inDialog("INVITE", 2, TestCall.JAMBONZ, SipTexts.SDP_G711,
                "Content-Type: application/sdp").replace(";tag=SCL_1", ";tag=t200");
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

    /** The one LK_REINVITE_NEW_CALL finding of {@code d}, checked to name OTHER_NODE and {@code outcome} in its title. */
    private static Finding theOnlyFinding(Diagnosis d, String outcome) {
        List<Finding> found = d.withCode(FindingCode.LK_REINVITE_NEW_CALL);
        assertEquals(1, found.size(), d.findings().stream().map(f -> f.code() + " " + f.title()).toList().toString());
        assertEquals("re-INVITE to LiveKit " + OTHER_NODE + " handled as a new call: " + outcome, found.get(0).title());
        return found.get(0);
    }

    private static Diagnosis diagnose(CallFlow flow) {
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
    }

    @Test
    void aReInviteAnotherNodeAnsweredAsASecondCallIsExplainedWithTheNodeThatAnswered() {
        Diagnosis d = diagnose(reinvite(OTHER_NODE, "100 Processing", "180 Ringing", "200 OK"));

        Finding f = theOnlyFinding(d, "100 Processing, 180 Ringing, 200 OK");
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

    /**
     * LiveKit calls out through Jambonz, which answers 200; Jambonz then sends a re-INVITE of that call (its own CSeq 1,
     * To tag = LiveKit's From tag) to {@code node}, which answers {@code answers}.
     */
    private static CallFlow outboundReinvite(String node, String... answers) {
        String invite = OutboundCapture.liveKitInvite(TestCall.JAMBONZ);
        String ok = SipTexts.response(invite, 200, "OK", "Contact: <sip:" + TestCall.JAMBONZ + ":5060>",
                SipTexts.sdp(TestCall.JAMBONZ, "0 PCMU/8000"));
        String ack = "ACK sip:" + TestCall.JAMBONZ + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + TestCall.LIVEKIT
                + ":5060;branch=z9hG4bKack1\r\nFrom: <sip:" + OutboundCapture.FROM + "@" + TestCall.LIVEKIT
                + ">;tag=SCL_7Hq2xYz\r\nTo: <sip:" + OutboundCapture.CALLED + "@" + TestCall.JAMBONZ + ">;tag=t200\r\n"
                + "Call-ID: " + OutboundCapture.LK_CALL_ID + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
        String body = SipTexts.sdp(TestCall.JAMBONZ, "0 PCMU/8000");
        String reinvite = "INVITE sip:" + node + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + TestCall.JAMBONZ
                + ":5060;branch=z9hG4bKre1\r\nFrom: <sip:" + OutboundCapture.CALLED + "@" + TestCall.JAMBONZ
                + ">;tag=t200\r\nTo: <sip:" + OutboundCapture.FROM + "@" + TestCall.LIVEKIT + ">;tag=SCL_7Hq2xYz\r\n"
                + "Call-ID: " + OutboundCapture.LK_CALL_ID + "\r\nCSeq: 1 INVITE\r\nContact: <sip:" + TestCall.JAMBONZ
                + ":5060>\r\nContent-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        TestCall call = new TestCall().hop(TestCall.LIVEKIT, Role.LIVEKIT).hop(TestCall.JAMBONZ, Role.JAMBONZ)
                .hop(OTHER_NODE, Role.LIVEKIT)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, invite)
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, SipTexts.response(invite, 100, "Trying"))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, ok)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, ack)
                .send(TestCall.JAMBONZ, node, reinvite);
        for (String a : answers) {
            String[] s = a.split(" ", 2);
            call.send(node, TestCall.JAMBONZ, SipTexts.response(reinvite, Integer.parseInt(s[0]), s[1]));
        }
        return call.flow();
    }

    @Test
    void aReInviteOfACallLiveKitPlacedIsAlsoTakenAsANewCallByANodeWithoutIt() {
        // livekit/sip processInvite looks a re-INVITE of an outbound call up by its To tag among the outbound calls of
        // the node that got it (Client.getActiveCall); without one it goes on as a new inbound call
        Diagnosis d = diagnose(outboundReinvite(OTHER_NODE, "100 Processing", "404 No trunk found"));

        Finding f = theOnlyFinding(d, "100 Processing, 404 No trunk found");
        assertEquals(List.of(1L, 3L, 5L, 6L, 7L), f.evidence().frames());
        assertTrue(f.evidence().facts().get(0).startsWith("LiveKit " + TestCall.LIVEKIT + " placed the call (INVITE frame "
                + "1, Contact <sip:" + TestCall.LIVEKIT + ":5060>, From tag SCL_7Hq2xYz); " + TestCall.JAMBONZ
                + " answered it 200 (frame 3)"), f.evidence().facts().toString());
        assertTrue(f.evidence().facts().contains("The re-INVITE went to " + OTHER_NODE + ", the call was placed by "
                + TestCall.LIVEKIT), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("the outbound calls of the node that got it"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("to the Contact of LiveKit's INVITE (<sip:" + TestCall.LIVEKIT
                + ":5060>)"), f.fix().steps().toString());
        assertEquals(List.of(), d.withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED));
        assertEquals(List.of(), diagnose(outboundReinvite(TestCall.LIVEKIT, "200 OK"))
                .withCode(FindingCode.LK_REINVITE_NEW_CALL));
    }
}
