package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestCall.JAMBONZ;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/** SIP_REQUEST_REJECTED says what a refusal means to the request, and does not contradict the answer's headers. */
class RequestRejectedTest {

    private static final String SERVER = "192.0.2.102";

    private static Finding rejectedSubscribe(String allow) {
        String subscribe = "SUBSCRIBE sip:alice@registrar.example SIP/2.0\r\nVia: SIP/2.0/UDP " + JAMBONZ
                + ":5060;branch=z9hG4bKsub1\r\nMax-Forwards: 70\r\nFrom: <sip:alice@registrar.example>;tag=s1\r\n"
                + "To: <sip:alice@registrar.example>\r\nCall-ID: sub-405\r\nCSeq: 1 SUBSCRIBE\r\nEvent: reg\r\n"
                + "Expires: 600\r\nContent-Length: 0\r\n\r\n";
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(new TestCall().hop(JAMBONZ, Role.JAMBONZ)
                .hop(SERVER, Role.SIP_ENDPOINT).send(JAMBONZ, SERVER, subscribe)
                .send(SERVER, JAMBONZ, SipTexts.response(subscribe, 405, "Method Not Allowed", "Allow: " + allow))
                .flow()), LiveKitConfig.empty());
        List<Finding> found = d.withCode(FindingCode.SIP_REQUEST_REJECTED);
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }

    @Test
    void a405WhoseAllowListsTheMethodRefusesItHereOnly() {
        Finding listed = rejectedSubscribe("INVITE, ACK, BYE, CANCEL, SUBSCRIBE, NOTIFY");
        assertTrue(listed.explanation().contains("although its Allow header lists SUBSCRIBE"), listed.explanation());
        Finding unlisted = rejectedSubscribe("INVITE, ACK, BYE, CANCEL");
        assertTrue(unlisted.explanation().contains("does not allow this method"), unlisted.explanation());
    }

    @Test
    void liveKitsRefusalSaysItTakesNoOtherMethodsRatherThanPointingToAnAllowHeader() {
        // livekit/sip's OnNoRoute: 405 with no Allow for every method it has no handler for (here MESSAGE)
        String message = "MESSAGE sip:agent@" + TestCall.LIVEKIT + " SIP/2.0\r\nVia: SIP/2.0/UDP " + JAMBONZ
                + ":5060;branch=z9hG4bKmsg1\r\nMax-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=m1\r\n"
                + "To: <sip:agent@" + TestCall.LIVEKIT + ">\r\nCall-ID: msg-405\r\nCSeq: 1 MESSAGE\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi";
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(new TestCall().hop(JAMBONZ, Role.JAMBONZ)
                .hop(TestCall.LIVEKIT, Role.LIVEKIT).send(JAMBONZ, TestCall.LIVEKIT, message)
                .send(TestCall.LIVEKIT, JAMBONZ, SipTexts.response(message, 405, "Method Not Allowed")).flow()),
                LiveKitConfig.empty());
        List<Finding> found = d.withCode(FindingCode.SIP_REQUEST_REJECTED);
        assertEquals(1, found.size(), d.findings().toString());
        Finding f = found.get(0);
        assertTrue(f.explanation().contains("LiveKit SIP handles only INVITE, ACK, CANCEL, BYE, OPTIONS and NOTIFY"),
                f.explanation());
        assertTrue(f.fix().steps().get(0).contains("LiveKit never takes it"), f.fix().steps().toString());
    }
}
