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
 * A re-INVITE that gets no response times out after Timer B, and RFC 3261 14.1 has its sender end the dialog then: a
 * BYE from it after the silence is the re-INVITE's doing, which the finding must say instead of "it did not stop it".
 */
class ReinviteTimeoutTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String PBX = "192.0.2.30";
    private static final String INVITE = SipTexts.invite("reinv-call", "sip:+15559870002@" + PBX, "+15551230001", CARRIER,
            SipTexts.sdp(CARRIER, "0 PCMU/8000"));
    private static final String FROM_TAG = INVITE.lines().filter(l -> l.startsWith("From:")).findFirst().orElseThrow()
            .replaceFirst("^From: ", "");

    /** A request of the dialog sent by the PBX (the callee) to the carrier's Contact. */
    private static String fromPbx(String method, int cseq, String body) {
        return method + " sip:" + CARRIER + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + PBX + ":5060;branch=z9hG4bK" + method
                + cseq + "\r\nMax-Forwards: 70\r\nFrom: <sip:+15559870002@" + PBX + ">;tag=t200\r\nTo: " + FROM_TAG
                + "\r\nCall-ID: reinv-call\r\nCSeq: " + cseq + " " + method + "\r\nContact: <sip:" + PBX + ":5060>\r\n"
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    private static CallFlow call(long byeAfterSeconds) {
        String reinvite = fromPbx("INVITE", 100, SipTexts.sdp(PBX, "0 PCMU/8000") + "a=sendonly\r\n");
        String bye = fromPbx("BYE", 101, "");
        TestCall call = new TestCall().hop(CARRIER, Role.CARRIER).hop(PBX, Role.SIP_ENDPOINT)
                .send(CARRIER, PBX, INVITE)
                .send(PBX, CARRIER, SipTexts.response(INVITE, 200, "OK", "Contact: <sip:" + PBX + ":5060>",
                        SipTexts.sdp(PBX, "0 PCMU/8000")))
                .after(10).send(PBX, CARRIER, reinvite).resend(PBX, CARRIER, reinvite).resend(PBX, CARRIER, reinvite);
        return call.after(byeAfterSeconds).send(PBX, CARRIER, bye).send(CARRIER, PBX, SipTexts.response(bye, 200, "OK"))
                .flow();
    }

    @Test
    void aByeAtTimerBAfterAnUnansweredReInviteIsWhatEndedTheCall() {
        CallFlow flow = call(31);
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        Finding f = d.withCode(FindingCode.SIP_NO_FINAL_RESPONSE).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.explanation().contains("ended the call") && f.explanation().contains("RFC 3261 14.1"),
                f.explanation());
        assertFalse(f.explanation().contains("did not stop it"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("for the whole call"), f.fix().toString());
        assertFalse(d.failed(flow));
    }

    @Test
    void aHangUpLongAfterTheTimeoutIsNotTakenForIt() {
        Finding f = DiagnosisEngine.standard().diagnose(List.of(call(300)), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_NO_FINAL_RESPONSE).get(0);
        assertFalse(f.explanation().contains("ended the call"), f.explanation());
    }
}
