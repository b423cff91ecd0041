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
 * A 200 OK that crosses the caller's CANCEL still needs the caller's ACK and then a BYE (RFC 3261 9.1, 15): a caller
 * that drops it leaves the callee retransmitting. The caller had hung up, so no call was lost: a warning naming the
 * crossing, not a failed call blamed on NAT.
 */
class CancelCrossedTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String PBX = "192.0.2.30";
    private static final String INVITE = SipTexts.invite("race-call", "sip:+15559870002@" + PBX, "+15551230001", CARRIER,
            SipTexts.sdp(CARRIER, "0 PCMU/8000"));

    private static CallFlow call(boolean cancelled) {
        String ok = SipTexts.response(INVITE, 200, "OK", "Contact: <sip:" + PBX + ":5060>", SipTexts.sdp(PBX, "0 PCMU/8000"));
        String cancel = SipTexts.cancel(INVITE);
        TestCall call = new TestCall().hop(CARRIER, Role.CARRIER).hop(PBX, Role.SIP_ENDPOINT)
                .send(CARRIER, PBX, INVITE).send(PBX, CARRIER, SipTexts.response(INVITE, 180, "Ringing")).after(8);
        if (cancelled) {
            call.send(CARRIER, PBX, cancel);
        }
        call.send(PBX, CARRIER, ok);
        if (cancelled) {
            call.send(PBX, CARRIER, SipTexts.response(cancel, 200, "OK"));
        }
        return call.resend(PBX, CARRIER, ok).resend(PBX, CARRIER, ok).resend(PBX, CARRIER, ok).flow();
    }

    @Test
    void anAnswerThatCrossedTheCancelAndWasNeverAcknowledgedIsTheCallersSlipNotAFailedCall() {
        CallFlow flow = call(true);
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        Finding f = d.withCode(FindingCode.SIP_ACK_MISSING).get(0);
        assertEquals(Severity.WARNING, f.severity(), f.toString());
        assertTrue(f.explanation().contains("crossed") && f.explanation().contains("RFC 3261 9.1"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("BYE"), f.fix().toString());
        assertFalse(d.failed(flow), d.findings().toString());
    }

    @Test
    void withoutACancelTheMissingAckStillFailsTheCall() {
        CallFlow flow = call(false);
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
        assertEquals(Severity.ERROR, d.withCode(FindingCode.SIP_ACK_MISSING).get(0).severity());
        assertTrue(d.failed(flow));
    }
}
