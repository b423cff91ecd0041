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
 * The 4xx statuses whose meaning and way out the RFCs fix (421 of RFC 3261 21.4.16, 422 of RFC 4028 6, 484 of RFC 3261
 * 21.4.22) get their own meaning and fix, not "read the reason phrase".
 */
class ExtensionRejectionTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String PBX = "192.0.2.30";
    private static final String INVITE = SipTexts.invite("ext-call", "sip:+15559870002@" + PBX, "+15551230001", CARRIER,
            SipTexts.sdp(CARRIER, "0 PCMU/8000"), "Session-Expires: 60");

    private static Diagnosis rejected(String... answers) {
        TestCall call = new TestCall().hop(CARRIER, Role.CARRIER).hop(PBX, Role.SIP_ENDPOINT).send(CARRIER, PBX, INVITE);
        for (String answer : answers) {
            call.send(PBX, CARRIER, answer);
        }
        return DiagnosisEngine.standard().diagnose(List.of(call.flow()), LiveKitConfig.empty());
    }

    @Test
    void a421NamesTheExtensionThePeerRequiresAndHowToOfferIt() {
        Finding f = rejected(SipTexts.response(INVITE, 421, "Extension Required", "Require: 100rel"))
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertTrue(f.explanation().contains("requires an extension"), f.explanation());
        assertTrue(f.evidence().facts().contains("Require: 100rel"), f.evidence().facts().toString());
        String step = f.fix().steps().get(0);
        assertTrue(step.contains("Supported"), step);
        assertFalse(step.startsWith("Read the reason phrase"), step);
    }

    @Test
    void a484SaysTheNumberIsIncomplete() {
        Finding f = rejected(SipTexts.response(INVITE, 484, "Address Incomplete"))
                .withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertTrue(f.explanation().contains("incomplete"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("digits"), f.fix().toString());
    }

    @Test
    void a422RetriedSaysToOfferTheMinSe() {
        String retry = SipTexts.retry(INVITE, 2).replace("Session-Expires: 60", "Session-Expires: 90");
        Diagnosis d = rejected(SipTexts.response(INVITE, 422, "Session Interval Too Small", "Min-SE: 90"));
        Finding rejected = d.withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertTrue(rejected.fix().steps().get(0).contains("Min-SE"), rejected.fix().toString());
        TestCall call = new TestCall().hop(CARRIER, Role.CARRIER).hop(PBX, Role.SIP_ENDPOINT).send(CARRIER, PBX, INVITE)
                .send(PBX, CARRIER, SipTexts.response(INVITE, 422, "Session Interval Too Small", "Min-SE: 90"))
                .send(CARRIER, PBX, retry).send(PBX, CARRIER, SipTexts.response(retry, 200, "OK"));
        CallFlow flow = call.flow();
        Finding recovered = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_RETRY_RECOVERED).get(0);
        assertEquals(Severity.INFO, recovered.severity());
        assertTrue(recovered.fix().steps().get(0).contains("Min-SE"), recovered.fix().toString());
    }
}
