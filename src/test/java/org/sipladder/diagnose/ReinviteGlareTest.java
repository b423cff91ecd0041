package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.inDialog;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/** A re-INVITE refused with 491 (RFC 3261 14.1) is an error only while no later re-INVITE of the dialog succeeded. */
class ReinviteGlareTest {

    private static final String LK_URI = "sip:4991874350352@project-1z3kctsj.sip.livekit.cloud";

    /** Jambonz calls LiveKit (so Jambonz owns the Call-ID), LiveKit answers, Jambonz's re-INVITE CSeq 2 gets 491. */
    private static TestCall glare() {
        String invite = SipTexts.invite("call-mid", LK_URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        String ok = SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>", SipTexts.sdp(LIVEKIT, "8 PCMA/8000"));
        String reinvite = inDialog("INVITE", 2, JAMBONZ, SipTexts.SDP_G711, "Content-Type: application/sdp");
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite).send(LIVEKIT, JAMBONZ, ok)
                .send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, ""))
                .send(JAMBONZ, LIVEKIT, reinvite) // frame 4
                .send(LIVEKIT, JAMBONZ, SipTexts.response(reinvite, 491, "Request Pending")); // frame 5
    }

    /** Jambonz sends re-INVITE CSeq 3 {@code seconds} after the 491 (frame 6), answered {@code status} (frame 7). */
    private static CallFlow retried(long seconds, int status, String reason) {
        String again = inDialog("INVITE", 3, JAMBONZ, SipTexts.SDP_G711, "Content-Type: application/sdp");
        return glare().after(seconds).send(JAMBONZ, LIVEKIT, again).send(LIVEKIT, JAMBONZ, SipTexts.response(again, status, reason))
                .flow();
    }

    private static Finding glareOf(CallFlow flow) {
        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_REINVITE_GLARE);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @Test
    void aRetryAnsweredOkMakesTheGlareInformationNamingTheRetryAndItsDelay() {
        Finding f = glareOf(retried(3, 200, "OK"));
        assertEquals(Severity.INFO, f.severity());
        assertEquals(List.of(4L, 5L, 6L, 7L), f.evidence().frames());
        String facts = String.join("\n", f.evidence().facts());
        assertTrue(facts.contains("re-INVITE frame 6 from " + JAMBONZ + ":5060, 3.010 s after the 491 (frame 5), "
                + "answered 200 OK (frame 7)"), facts);
        assertTrue(facts.contains(JAMBONZ + " owns the Call-ID") && facts.contains("2.1-4 s; this retry came within it"), facts);
        assertEquals(1, f.fix().steps().size(), f.fix().steps().toString());
    }

    @Test
    void aRetryFasterThanTheCallIdOwnersWindowIsStillInformationButSaysSo() {
        Finding f = glareOf(retried(1, 200, "OK"));
        assertEquals(Severity.INFO, f.severity());
        String facts = String.join("\n", f.evidence().facts());
        assertTrue(facts.contains("1.010 s after the 491") && facts.contains("this retry came outside that window"), facts);
        assertTrue(f.fix().steps().stream().anyMatch(s -> s.contains("wait RFC 3261 14.1's random delay (2.1-4 s)")),
                f.fix().steps().toString());
    }

    @Test
    void aRetryThatFailedAgainOrNoRetryKeepsTheGlareAnError() {
        Finding failedAgain = glareOf(retried(3, 500, "Server Internal Error"));
        assertEquals(Severity.ERROR, failedAgain.severity());
        assertTrue(failedAgain.evidence().facts().contains("It was retried later, without a 2xx answer"),
                failedAgain.evidence().facts().toString());
        Finding none = glareOf(glare().flow());
        assertEquals(Severity.ERROR, none.severity());
        assertTrue(none.evidence().facts().contains("No retry in the capture"), none.evidence().facts().toString());
    }

    @Test
    void theOtherSidesRetryResolvesBothCollidedReInvites() {
        // true glare: LiveKit's re-INVITE (CSeq 7) is refused as well; LiveKit, which does not own the Call-ID,
        // retries 1 s later (within its 0-2 s) and gets 200: Jambonz's refresh is no longer needed
        String lk = inDialog("INVITE", 7, LIVEKIT, SipTexts.SDP_G711, "Content-Type: application/sdp");
        String lkAgain = inDialog("INVITE", 8, LIVEKIT, SipTexts.SDP_G711, "Content-Type: application/sdp");
        CallFlow flow = glare().send(LIVEKIT, JAMBONZ, lk).send(JAMBONZ, LIVEKIT, SipTexts.response(lk, 491, "Request Pending"))
                .after(1).send(LIVEKIT, JAMBONZ, lkAgain).send(JAMBONZ, LIVEKIT, SipTexts.response(lkAgain, 200, "OK")).flow();
        List<Finding> found = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_REINVITE_GLARE);
        assertEquals(2, found.size(), found.toString());
        for (Finding f : found) {
            assertEquals(Severity.INFO, f.severity(), f.evidence().facts().toString());
            String facts = String.join("\n", f.evidence().facts());
            assertTrue(facts.contains("re-INVITE frame 8 from " + LIVEKIT + ":5060, 1.010 s after the 491 (frame 7)"), facts);
            assertTrue(facts.contains(LIVEKIT + " does not own the Call-ID (" + JAMBONZ + " sent the first INVITE)")
                    && facts.contains("0-2 s; this retry came within it"), facts);
        }
    }
}
