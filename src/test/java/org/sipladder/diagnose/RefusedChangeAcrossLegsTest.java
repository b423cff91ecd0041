package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * Refused session changes outside the plain answered dialog: an UPDATE refused in the early dialog (RFC 3311 5.1,
 * before the INVITE's answer), which never fails the call by itself, and a refusal a B2BUA passed back from one leg to
 * the other, which is one finding naming where it started.
 */
class RefusedChangeAcrossLegsTest {

    private static final String CARRIER = TestCall.CARRIER;
    private static final String JAMBONZ = TestCall.JAMBONZ;
    private static final String LIVEKIT = TestCall.LIVEKIT;

    /** An in-dialog request of Call-ID {@code callId} from {@code from} to {@code to}, tags f1 and t1. */
    private static String request(String method, int cseq, String callId, String from, String to, String body) {
        return method + " sip:peer@" + to + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + from + ":5060;branch=z9hG4bK" + callId
                + method + cseq + "\r\nFrom: <sip:a@" + from + ">;tag=f1\r\nTo: <sip:b@" + to + ">;tag=t1\r\nCall-ID: "
                + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    private static String hold(String host) {
        return SipTexts.sdp(host, "8 PCMA/8000") + "a=sendonly\r\n";
    }

    /**
     * Jambonz calls LiveKit; LiveKit answers 183 with SDP; Jambonz sends an UPDATE that LiveKit refuses with
     * {@code status}; then LiveKit answers the INVITE {@code inviteStatus}.
     */
    private static CallFlow earlyUpdate(String updateBody, int status, String reason, String retryAfter,
                                        int inviteStatus, String inviteReason) {
        String invite = SipTexts.invite("early-1", "sip:4991874350352@" + LIVEKIT, "+493023125417", JAMBONZ,
                SipTexts.SDP_G711);
        String update = request("UPDATE", 2, "early-1", JAMBONZ, LIVEKIT, updateBody);
        TestCall call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 183, "Session Progress",
                        SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, update)
                .send(LIVEKIT, JAMBONZ, retryAfter.isEmpty() ? SipTexts.response(update, status, reason)
                        : SipTexts.response(update, status, reason, retryAfter))
                .after(2)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, inviteStatus, inviteReason));
        return call.flow();
    }

    @Test
    void anEarlyUpdateTheRefuserDoesNotImplementIsNotToBeReplacedByAReInviteBeforeTheAnswer() {
        // RFC 3261 14.1: no re-INVITE while the INVITE is still in progress; RFC 3311 5.1: UPDATE is the early way
        CallFlow flow = earlyUpdate(hold(JAMBONZ), 501, "Not Implemented", "", 200, "OK");

        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_EARLY_UPDATE_REFUSED).get(0);

        String step = f.fix().steps().get(0);
        assertFalse(step.contains("with re-INVITE instead"), step);
        assertTrue(step.contains("Allow") && step.contains("once the call is answered"), step);
    }

    @Test
    void anEarlyUpdateRefused491IsReportedAsEarlyAndLeavesTheEarlyMedia() {
        CallFlow flow = earlyUpdate(hold(JAMBONZ), 491, "Request Pending", "", 200, "OK");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        assertEquals(List.of(), d.withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED), d.findings().toString());
        List<Finding> early = d.withCode(FindingCode.SIP_EARLY_UPDATE_REFUSED);
        assertEquals(1, early.size(), d.findings().toString());
        Finding f = early.get(0);
        assertEquals("hold UPDATE (a=sendonly) before the answer refused by LiveKit " + LIVEKIT + ": 491 Request Pending",
                f.title());
        assertEquals(Severity.WARNING, f.severity());
        assertFalse(d.failed(flow));
        assertTrue(f.explanation().contains("glare") && f.explanation().contains("early dialog")
                && f.explanation().contains("early media such as ringback or announcements flows as before and was not "
                + "put on hold") && f.explanation().contains("the call started with the media agreed before the "
                + "refused UPDATE"), f.explanation());
        assertFalse(f.explanation().contains("stays answered"), f.explanation());
        assertEquals(List.of(3L, 4L, 5L), f.evidence().frames());
    }

    @Test
    void anEarlyUpdateRefused500IsNeverTheFailedCallsPrimaryCause() {
        CallFlow flow = earlyUpdate(SipTexts.sdp(JAMBONZ, "0 PCMU/8000"), 500, "Server Internal Error",
                "Retry-After: 3", 480, "Temporarily Unavailable");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        assertTrue(d.failed(flow));
        Finding f = d.withCode(FindingCode.SIP_EARLY_UPDATE_REFUSED).get(0);
        assertTrue(f.explanation().contains("another offer or INVITE of this dialog still open")
                && f.explanation().contains("The INVITE then failed with 480 Temporarily Unavailable (frame 5): that failure has its "
                + "own finding; the refused UPDATE did not cause it by itself"), f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("Retry-After")), f.evidence().facts().toString());
        assertFalse(f.primary());
        // the only finding of the failed call, and still not its cause
        assertTrue(d.primaryFor(flow.id()).isEmpty(), d.findings().toString());
    }

    @Test
    void anUpdateAnswered200BeforeTheAnswerIsNoFinding() {
        CallFlow flow = earlyUpdate(hold(JAMBONZ), 200, "OK", "", 200, "OK");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        assertEquals(List.of(), d.withCode(FindingCode.SIP_EARLY_UPDATE_REFUSED));
        assertEquals(List.of(), d.withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED));
    }

    /**
     * The carrier calls Jambonz (Call-ID a-leg), Jambonz calls LiveKit (b-leg), both answered; the carrier puts the
     * call on hold, Jambonz sends its own re-INVITE to LiveKit, LiveKit refuses it 486 and Jambonz answers the
     * carrier's with {@code relayed}.
     */
    private static CallFlow relayedHold(int relayed, String reason) {
        String inviteA = SipTexts.invite("a-leg", "sip:4991874350352@" + JAMBONZ, "+493023125417", CARRIER,
                SipTexts.sdp(CARRIER, "8 PCMA/8000"));
        String inviteB = SipTexts.invite("b-leg", "sip:4991874350352@" + LIVEKIT, "+493023125417", JAMBONZ,
                SipTexts.SDP_G711, "X-CID: a-leg");
        String holdA = request("INVITE", 2, "a-leg", CARRIER, JAMBONZ, hold(CARRIER));
        String holdB = request("INVITE", 2, "b-leg", JAMBONZ, LIVEKIT, hold(JAMBONZ));
        return TestCall.carrierJambonzLiveKit().send(CARRIER, JAMBONZ, inviteA).send(JAMBONZ, LIVEKIT, inviteB)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(inviteB, 200, "OK", SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, request("ACK", 1, "b-leg", JAMBONZ, LIVEKIT, ""))
                .send(JAMBONZ, CARRIER, SipTexts.response(inviteA, 200, "OK", SipTexts.sdp(JAMBONZ, "8 PCMA/8000")))
                .send(CARRIER, JAMBONZ, request("ACK", 1, "a-leg", CARRIER, JAMBONZ, ""))
                .after(10)
                .send(CARRIER, JAMBONZ, holdA)                                          // frame 7
                .send(JAMBONZ, LIVEKIT, holdB)                                          // frame 8
                .send(LIVEKIT, JAMBONZ, SipTexts.response(holdB, 486, "Busy Here"))     // frame 9
                .send(JAMBONZ, LIVEKIT, request("ACK", 2, "b-leg", JAMBONZ, LIVEKIT, ""))
                .send(JAMBONZ, CARRIER, SipTexts.response(holdA, relayed, reason))      // frame 11
                .send(CARRIER, JAMBONZ, request("ACK", 2, "a-leg", CARRIER, JAMBONZ, ""))
                .flow();
    }

    @Test
    void aRefusalJambonzRelaysFromLiveKitToTheCarrierIsOneFindingNamingWhereItStarted() {
        CallFlow flow = relayedHold(486, "Busy Here");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        List<Finding> refused = d.withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED);
        assertEquals(1, refused.size(), refused.toString());
        Finding f = refused.get(0);
        assertEquals("hold re-INVITE (a=sendonly) refused by LiveKit " + LIVEKIT + ": 486 Busy Here, relayed by Jambonz "
                + JAMBONZ + " to Carrier " + CARRIER, f.title());
        assertEquals("a-leg", f.callId());
        assertEquals(List.of(7L, 8L, 9L, 11L), f.evidence().frames());
        assertTrue(f.evidence().facts().contains("It started at LiveKit " + LIVEKIT + " and came back over Call-ID "
                + "b-leg, then Call-ID a-leg"), f.evidence().facts().toString());
        assertTrue(f.evidence().facts().contains("Jambonz " + JAMBONZ + " relayed 486 to " + CARRIER + " on its other "
                + "leg (frame 11, Call-ID a-leg)"), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("this one refusal shows on 2 legs"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains(LIVEKIT) || f.fix().steps().get(0).contains(JAMBONZ),
                f.fix().steps().toString());
    }

    @Test
    void aRefusalTheB2buaTranslatesSaysWhatTheCallerGot() {
        Finding f = DiagnosisEngine.standard().diagnose(List.of(relayedHold(500, "Server Internal Error")),
                LiveKitConfig.empty()).withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED).get(0);

        assertEquals("hold re-INVITE (a=sendonly) refused by LiveKit " + LIVEKIT + ": 486 Busy Here, relayed by Jambonz "
                + JAMBONZ + " to Carrier " + CARRIER + " as 500 Server Internal Error", f.title());
        assertTrue(f.evidence().facts().contains("Jambonz " + JAMBONZ + " turned 486 into 500 Server Internal Error to "
                + CARRIER + " on its other leg (frame 11, Call-ID a-leg)"), f.evidence().facts().toString());
    }

    @Test
    void refusalsOfTwoLegsThatJambonzMadeEachOnItsOwnStayTwoFindings() {
        // the carrier's hold is refused before Jambonz sent anything on toward LiveKit: two refusals, not one relayed
        String inviteA = SipTexts.invite("a-leg", "sip:4991874350352@" + JAMBONZ, "+493023125417", CARRIER,
                SipTexts.sdp(CARRIER, "8 PCMA/8000"));
        String inviteB = SipTexts.invite("b-leg", "sip:4991874350352@" + LIVEKIT, "+493023125417", JAMBONZ,
                SipTexts.SDP_G711);
        String holdA = request("INVITE", 2, "a-leg", CARRIER, JAMBONZ, hold(CARRIER));
        String holdB = request("INVITE", 2, "b-leg", JAMBONZ, LIVEKIT, hold(JAMBONZ));
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(CARRIER, JAMBONZ, inviteA).send(JAMBONZ, LIVEKIT, inviteB)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(inviteB, 200, "OK", SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, CARRIER, SipTexts.response(inviteA, 200, "OK", SipTexts.sdp(JAMBONZ, "8 PCMA/8000")))
                .after(10).send(CARRIER, JAMBONZ, holdA)
                .send(JAMBONZ, CARRIER, SipTexts.response(holdA, 488, "Not Acceptable Here"))
                .after(5).send(JAMBONZ, LIVEKIT, holdB)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(holdB, 486, "Busy Here")).flow();

        List<Finding> refused = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_SESSION_CHANGE_REFUSED);

        assertEquals(2, refused.size(), refused.toString());
        assertFalse(refused.get(0).title().contains("relayed"), refused.get(0).title());
    }
}
