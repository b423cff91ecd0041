package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * RFC 4028 section 10: the refresher refreshes before the session interval runs out (half of it is recommended);
 * without a refresh the other side sends BYE slightly before the session expires (the minimum of 32 s and a third of
 * the interval is recommended), and each refresh answered 2xx starts the interval again. A BYE at that time, with
 * no refresh, is a session timer's; a BYE long after the interval is not: by then no side was enforcing a timer.
 */
class SessionTimerWindowTest {

    private static final String JAMBONZ = TestCall.JAMBONZ;
    private static final String LIVEKIT = TestCall.LIVEKIT;
    private static final String INVITE = SipTexts.invite("call-mid", FindingRulesTest.LK_URI, FindingRulesTest.CALLER,
            JAMBONZ, SipTexts.SDP_G711);

    /** Jambonz calls LiveKit, whose 200 OK sets Session-Expires 90 with Jambonz (uac) the refresher. */
    private static TestCall answered() {
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, INVITE)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(INVITE, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>",
                        "Session-Expires: 90;refresher=uac", SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, FindingRulesTest.inDialog("ACK", 1, JAMBONZ, ""));
    }

    /** Jambonz's session refresh (re-INVITE, CSeq {@code cseq}) answered 200 OK with Session-Expires 90. */
    private static TestCall refreshed(TestCall call, int cseq) {
        String reinvite = FindingRulesTest.inDialog("INVITE", cseq, JAMBONZ, SipTexts.SDP_G711,
                "Content-Type: application/sdp", "Session-Expires: 90;refresher=uac");
        return call.send(JAMBONZ, LIVEKIT, reinvite).send(LIVEKIT, JAMBONZ, SipTexts.response(reinvite, 200, "OK",
                "Session-Expires: 90;refresher=uac", SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, FindingRulesTest.inDialog("ACK", cseq, JAMBONZ, ""));
    }

    /** LiveKit's BYE (CSeq {@code cseq}) and Jambonz's 200 OK. */
    private static CallFlow byeFromLiveKit(TestCall call, int cseq) {
        String bye = FindingRulesTest.inDialog("BYE", cseq, LIVEKIT, "");
        return call.send(LIVEKIT, JAMBONZ, bye).send(JAMBONZ, LIVEKIT, SipTexts.response(bye, 200, "OK")).flow();
    }

    private static List<Finding> expired(CallFlow call) {
        return DiagnosisEngine.standard().diagnose(List.of(call), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_SESSION_TIMER_EXPIRED);
    }

    @Test
    void aByeTenMinutesIntoACallWithANinetySecondTimerIsAHangUpNotTheTimer() {
        // nobody refreshed and nobody hung up at 60-90 s: no side enforced the timer; the BYE at 600 s is a hang-up
        assertEquals(List.of(), expired(byeFromLiveKit(answered().after(600), 2)));
    }

    @Test
    void aByeAThirdOfTheIntervalBeforeItsEndWithoutARefreshIsTheTimer() {
        // RFC 4028 10: the side that does not refresh sends BYE min(32 s, 90/3 = 30 s) before expiry: at 60 s
        List<Finding> found = expired(byeFromLiveKit(answered().after(60), 2));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).evidence().facts().toString().contains("Session-Expires: 90"), found.toString());
    }

    @Test
    void theIntervalStartsAgainAtEachRefreshAnswered2xx() {
        // refreshed at 40 s, then no refresh: the session expires 90 s after that refresh, not after the answer
        List<Finding> found = expired(byeFromLiveKit(refreshed(answered().after(40), 2).after(88), 3));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).evidence().facts().toString().contains("after the refresh"), found.toString());
        // a BYE 30 s after that refresh is a hang-up: the interval had 60 s left
        assertEquals(List.of(), expired(byeFromLiveKit(refreshed(answered().after(40), 2).after(30), 3)));
    }
}
