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
 * A BYE sent where RFC 3261 12.2.1.1 sends it (the 200 OK's Contact, no Record-Route to follow) and answered 481 was
 * not misaddressed: the receiver itself had lost the dialog, and the advice to send it to the Contact would be the
 * advice the sender already followed.
 */
class DialogLostTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String PBX = "192.0.2.30";
    private static final String INVITE = SipTexts.invite("lost-call", "sip:+15559870002@" + PBX, "+15551230001", CARRIER,
            SipTexts.sdp(CARRIER, "0 PCMU/8000"));

    private static String bye(String requestUri) {
        return "BYE " + requestUri + " SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER + ":5060;branch=z9hG4bKbye1\r\n"
                + "Max-Forwards: 70\r\n" + INVITE.lines().filter(l -> l.startsWith("From:")).findFirst().orElseThrow()
                + "\r\nTo: <sip:+15559870002@" + PBX + ">;tag=t200\r\nCall-ID: lost-call\r\nCSeq: 2 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static Finding refused(String byeUri) {
        String bye = bye(byeUri);
        CallFlow flow = new TestCall().hop(CARRIER, Role.CARRIER).hop(PBX, Role.SIP_ENDPOINT)
                .send(CARRIER, PBX, INVITE)
                .send(PBX, CARRIER, SipTexts.response(INVITE, 200, "OK", "Contact: <sip:pbx@" + PBX + ":5060>",
                        SipTexts.sdp(PBX, "0 PCMU/8000")))
                .send(CARRIER, PBX, "ACK sip:pbx@" + PBX + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER
                        + ":5060;branch=z9hG4bKack1\r\n" + INVITE.lines().filter(l -> l.startsWith("From:")).findFirst()
                        .orElseThrow() + "\r\nTo: <sip:+15559870002@" + PBX + ">;tag=t200\r\nCall-ID: lost-call\r\n"
                        + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n")
                .after(20).send(CARRIER, PBX, bye).send(PBX, CARRIER, SipTexts.response(bye, 481,
                        "Call/Transaction Does Not Exist")).flow();
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);
    }

    @Test
    void aByeToTheContactRefused481SaysTheReceiverLostTheDialog() {
        Finding f = refused("sip:pbx@" + PBX + ":5060");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.explanation().contains("went where RFC 3261 12.2.1.1 sends it"), f.explanation());
        String step = f.fix().steps().get(0);
        assertFalse(step.startsWith("Send in-dialog requests to the Contact"), step);
        assertTrue(step.contains(PBX) && step.contains("logs"), step);
    }

    @Test
    void aByeToAnotherTargetKeepsTheAdviceToUseTheContact() {
        Finding f = refused("sip:+15559870002@" + PBX + ":5060");
        assertTrue(f.fix().steps().get(0).startsWith("Send in-dialog requests to the Contact"), f.fix().toString());
    }
}
