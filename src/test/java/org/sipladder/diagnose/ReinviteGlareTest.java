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
    void aRetryThatFailedAgainOrNoRetryKeepsTheGlareAWarningOnTheAnsweredCall() {
        // the change was never made, but the call went on as it was: not failed, so a warning, not information
        Finding failedAgain = glareOf(retried(3, 500, "Server Internal Error"));
        assertEquals(Severity.WARNING, failedAgain.severity());
        assertTrue(failedAgain.evidence().facts().contains("It was retried later, without a 2xx answer"),
                failedAgain.evidence().facts().toString());
        Finding none = glareOf(glare().flow());
        assertEquals(Severity.WARNING, none.severity());
        assertTrue(none.evidence().facts().contains("No retry in the capture"), none.evidence().facts().toString());
    }

    /**
     * True glare with equal CSeq numbers (each side counts its own, RFC 3261 12.2.1.1): Jambonz's re-INVITE CSeq 2
     * (frame 4) crosses LiveKit's re-INVITE CSeq 2 (frame 5); Jambonz accepts LiveKit's with 200 (frame 6, ACKed in
     * frame 7), LiveKit refuses Jambonz's with 491 (frame 8, ACKed in frame 9); Jambonz retries with CSeq 3 3 s later
     * (frame 10), answered 200 (frame 11). {@code branches}: whether the in-dialog messages carry Via branches.
     */
    private static CallFlow sameCseqGlare(boolean branches) {
        String jb = inDialog("INVITE", 2, JAMBONZ, SipTexts.SDP_G711, "Content-Type: application/sdp")
                .replace("z9hG4bKmidINVITE2", "z9hG4bKjbINVITE2");
        String lk = inDialog("INVITE", 2, LIVEKIT, SipTexts.SDP_G711, "Content-Type: application/sdp")
                .replace("z9hG4bKmidINVITE2", "z9hG4bKlkINVITE2");
        String lkOk = SipTexts.response(lk, 200, "OK", "Contact: <sip:" + JAMBONZ + ":5060>", SipTexts.sdp(JAMBONZ, "8 PCMA/8000"));
        String lkAck = inDialog("ACK", 2, LIVEKIT, "").replace("z9hG4bKmidACK2", "z9hG4bKlkACK2");
        String jbRefused = SipTexts.response(jb, 491, "Request Pending");
        String jbAck = inDialog("ACK", 2, JAMBONZ, "").replace("z9hG4bKmidACK2", "z9hG4bKjbINVITE2");
        String again = inDialog("INVITE", 3, JAMBONZ, SipTexts.SDP_G711, "Content-Type: application/sdp");
        String againOk = SipTexts.response(again, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>", SipTexts.sdp(LIVEKIT, "8 PCMA/8000"));
        String invite = SipTexts.invite("call-mid", LK_URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        String ok = SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>", SipTexts.sdp(LIVEKIT, "8 PCMA/8000"));
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite).send(LIVEKIT, JAMBONZ, ok)
                .send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, ""))
                .send(JAMBONZ, LIVEKIT, unbranched(jb, branches)).send(LIVEKIT, JAMBONZ, unbranched(lk, branches))
                .send(JAMBONZ, LIVEKIT, unbranched(lkOk, branches)).send(LIVEKIT, JAMBONZ, unbranched(lkAck, branches))
                .send(LIVEKIT, JAMBONZ, unbranched(jbRefused, branches)).send(JAMBONZ, LIVEKIT, unbranched(jbAck, branches))
                .after(3).send(JAMBONZ, LIVEKIT, unbranched(again, branches))
                .send(LIVEKIT, JAMBONZ, unbranched(againOk, branches)).flow();
    }

    private static String unbranched(String message, boolean branches) {
        return branches ? message : message.replaceFirst(";branch=[^\\r;]*", "");
    }

    @Test
    void reInvitesCrossingWithTheSameCseqAreEachPairedWithTheirOwnAnswer() {
        for (boolean branches : new boolean[] {true, false}) {
            CallFlow flow = sameCseqGlare(branches);
            Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
            Finding f = glareOf(flow);
            String facts = String.join("\n", f.evidence().facts());
            // Jambonz's re-INVITE was the one refused, not LiveKit's: 491 and 200 are not swapped
            assertEquals(List.of(4L, 8L, 10L, 11L), f.evidence().frames(), "branches " + branches + ": " + facts);
            assertEquals(Severity.INFO, f.severity(), facts);
            assertTrue(facts.contains("re-INVITE frame 4 from " + JAMBONZ + ":5060 answered 491 (frame 8)"), facts);
            assertTrue(facts.contains("re-INVITE frame 10 from " + JAMBONZ + ":5060, 3.020 s after the 491 (frame 8), "
                    + "answered 200 OK (frame 11)"), facts);
            List<InviteTransaction> invites = InviteTransaction.of(flow);
            assertEquals(491, invites.get(1).finalResponse().status(), "Jambonz's re-INVITE, branches " + branches);
            assertEquals(200, invites.get(2).finalResponse().status(), "LiveKit's re-INVITE, branches " + branches);
            // the dialog recovered: the call stays answered and did not fail after the answer
            assertEquals(200, flow.aLeg().finalStatus());
            assertTrue(!diagnosis.failed(flow) && !diagnosis.failedAfterAnswer(flow.id()), diagnosis.findings().toString());
            assertTrue(diagnosis.findings().stream().noneMatch(x -> x.severity() == Severity.ERROR),
                    diagnosis.findings().toString());
        }
    }

    @Test
    void byesCrossingWithTheSameCseqKeepTheirOwnAnswersAndCopies() {
        // both sides hang up at once with CSeq 2; LiveKit sends its BYE again; Jambonz answers it 481 (its dialog is
        // gone), LiveKit answers Jambonz's 200
        String jb = inDialog("BYE", 2, JAMBONZ, "").replace("z9hG4bKmidBYE2", "z9hG4bKjbBYE2");
        String lk = inDialog("BYE", 2, LIVEKIT, "").replace("z9hG4bKmidBYE2", "z9hG4bKlkBYE2");
        String invite = SipTexts.invite("call-mid", LK_URI, "+493023125417", JAMBONZ, SipTexts.SDP_G711);
        String ok = SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>", SipTexts.sdp(LIVEKIT, "8 PCMA/8000"));
        CallFlow flow = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite).send(LIVEKIT, JAMBONZ, ok)
                .send(JAMBONZ, LIVEKIT, inDialog("ACK", 1, JAMBONZ, ""))
                .send(JAMBONZ, LIVEKIT, jb).send(LIVEKIT, JAMBONZ, lk).resend(LIVEKIT, JAMBONZ, lk) // frames 4-6
                .send(JAMBONZ, LIVEKIT, SipTexts.response(lk, 481, "Call/Transaction Does Not Exist")) // frame 7
                .send(LIVEKIT, JAMBONZ, SipTexts.response(jb, 200, "OK")).flow(); // frame 8
        List<DialogRequests> byes = DialogRequests.of(flow, "BYE");
        assertEquals(2, byes.size(), byes.toString());
        assertEquals(List.of(4L, 8L, 1), List.of(byes.get(0).request().frame(), byes.get(0).finalResponse().frame(),
                byes.get(0).copies()), "Jambonz's BYE");
        assertEquals(List.of(5L, 7L, 2), List.of(byes.get(1).request().frame(), byes.get(1).finalResponse().frame(),
                byes.get(1).copies()), "LiveKit's BYE");
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
