package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.inDialog;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * LiveKit's answer that no ACK reaches: LiveKit sends its 200 OK at most three times (once over TCP), and hangs up
 * some 6-8 s later when no RTP came either (livekit/sip pkg/sip/inbound.go). That BYE is the missing ACK's.
 */
class LiveKitNoAckTest {

    private static final String INVITE = SipTexts.invite("call-mid", FindingRulesTest.LK_URI, FindingRulesTest.CALLER,
            JAMBONZ, SipTexts.SDP_G711);
    private static final String OK = SipTexts.response(INVITE, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>",
            SipTexts.sdp(LIVEKIT, "8 PCMA/8000"));

    /** LiveKit answers; its 200 OK is sent {@code copies} more times; no ACK; LiveKit's BYE 7 s later. */
    private static TestCall unacknowledged(int copies, boolean inviteCaptured) {
        TestCall call = TestCall.carrierJambonzLiveKit();
        if (inviteCaptured) {
            call.send(JAMBONZ, LIVEKIT, INVITE);
        }
        call.send(LIVEKIT, JAMBONZ, SipTexts.response(INVITE, 100, "Processing")).send(LIVEKIT, JAMBONZ, OK);
        for (int i = 0; i < copies; i++) {
            call.resend(LIVEKIT, JAMBONZ, OK);
        }
        String bye = inDialog("BYE", 2, LIVEKIT, "");
        return call.after(7).send(LIVEKIT, JAMBONZ, bye);
    }

    private static Diagnosis diagnose(CallFlow flow) {
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
    }

    @Test
    void anAnswerSentOnceAndNeverAcknowledgedIsTheCauseOfLiveKitsBye() {
        // over TCP LiveKit sends the 200 OK once: no retransmission shows, yet no ACK came before its BYE
        CallFlow flow = unacknowledged(0, true).flow();
        Diagnosis d = diagnose(flow);
        assertTrue(d.failed(flow), d.findings().toString());
        Finding f = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.SIP_ACK_MISSING, f.code(), d.findings().toString());
        assertEquals("The answer was not acknowledged: no ACK reached LiveKit before its BYE", f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith(LIVEKIT + " sent BYE frame 4 7.0 s after")),
                f.evidence().facts().toString());
    }

    @Test
    void moreCopiesThanLiveKitSendsAreExplainedWithTheRfcTimers() {
        // LiveKit's server sends at most six (three by default): nine copies are another stack's schedule
        Finding f = diagnose(unacknowledged(8, true).flow()).withCode(FindingCode.SIP_ACK_MISSING).get(0);
        assertFalse(f.explanation().contains("three times over UDP"), f.explanation());
        assertTrue(f.explanation().contains("RFC 3261 13.3.1.4"), f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("LiveKit's SIP server sends its 200 OK at "
                + "most 6 times over UDP") && x.contains("9 copies follow another schedule")), f.evidence().facts().toString());
        // six are still LiveKit's, with its experimental inbound_wait_ack
        Finding six = diagnose(unacknowledged(5, true).flow()).withCode(FindingCode.SIP_ACK_MISSING).get(0);
        assertTrue(six.explanation().startsWith("LiveKit sends its 200 OK up to six times over UDP when its experimental "
                + "inbound_wait_ack is set"), six.explanation());
        // three are its default
        Finding three = diagnose(unacknowledged(2, true).flow()).withCode(FindingCode.SIP_ACK_MISSING).get(0);
        assertTrue(three.explanation().startsWith("LiveKit sends its 200 OK three times over UDP"), three.explanation());
    }

    @Test
    void liveKitsRetransmittedAnswerIsExplainedWithLiveKitsOwnTimers() {
        Finding f = diagnose(unacknowledged(2, true).flow()).withCode(FindingCode.SIP_ACK_MISSING).get(0);
        assertTrue(f.explanation().contains("three times over UDP (at 0, 0.25 and 0.75 s; once over TCP or TLS)")
                && f.explanation().contains("not an ordinary media timeout"), f.explanation());
        assertTrue(f.evidence().frames().contains(6L), "LiveKit's BYE is evidence: " + f.evidence().frames());
    }

    @Test
    void withoutTheInviteTheCaptureCannotTellAnAckWasMissing() {
        // only LiveKit's direction captured: an ACK may have reached it unseen
        assertTrue(diagnose(unacknowledged(0, false).flow()).withCode(FindingCode.SIP_ACK_MISSING).isEmpty());
    }

    @Test
    void anAcknowledgedAnswerIsNotCalledUnacknowledged() {
        TestCall call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, INVITE).send(LIVEKIT, JAMBONZ, OK)
                .send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, ""));
        CallFlow flow = call.after(7).send(LIVEKIT, JAMBONZ, inDialog("BYE", 2, LIVEKIT, "")).flow();
        assertTrue(diagnose(flow).withCode(FindingCode.SIP_ACK_MISSING).isEmpty());
    }
}
