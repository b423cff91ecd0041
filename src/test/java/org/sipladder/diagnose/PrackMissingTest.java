package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A 5xx from the side that sent a reliable provisional response no PRACK acknowledged is that side giving up on the
 * PRACK (RFC 3262 3), not a failing or overloaded peer: the missing or refused PRACK is the call's cause.
 */
class PrackMissingTest {

    static final String CARRIER = "203.0.113.10";
    static final String PBX = "192.0.2.30";
    static final String INVITE = SipTexts.invite("prack-call", "sip:+15559870002@" + PBX, "+15551230001", CARRIER,
            SipTexts.sdp(CARRIER, "0 PCMU/8000"), "Supported: 100rel, timer");
    static final String RELIABLE_183 = SipTexts.response(INVITE, 183, "Session Progress", "Require: 100rel", "RSeq: 1",
            "Contact: <sip:" + PBX + ":5060>", SipTexts.sdp(PBX, "0 PCMU/8000"));

    /** The carrier's INVITE, the PBX's reliable 183 (sent again {@code copies} times), {@code middle}, then 504. */
    static CallFlow call(int copies, String... middle) {
        TestCall call = new TestCall().hop(CARRIER, Role.CARRIER).hop(PBX, Role.SIP_ENDPOINT)
                .send(CARRIER, PBX, INVITE).send(PBX, CARRIER, SipTexts.response(INVITE, 100, "Trying"))
                .send(PBX, CARRIER, RELIABLE_183);
        for (int i = 0; i < middle.length; i += 2) {
            call.send("c".equals(middle[i]) ? CARRIER : PBX, "c".equals(middle[i]) ? PBX : CARRIER, middle[i + 1]);
        }
        for (int i = 0; i < copies; i++) {
            call.resend(PBX, CARRIER, RELIABLE_183);
        }
        return call.after(30).send(PBX, CARRIER, SipTexts.response(INVITE, 504, "Server Time-out")).flow();
    }

    static String prack(String rack) {
        return "PRACK sip:" + PBX + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER + ":5060;branch=z9hG4bKpr1\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:+15551230001@" + CARRIER + ">;tag=f1\r\n"
                + "To: <sip:+15559870002@" + PBX + ">;tag=t183\r\nCall-ID: prack-call\r\nCSeq: 2 PRACK\r\n"
                + "RAck: " + rack + "\r\nContent-Length: 0\r\n\r\n";
    }

    static Diagnosis diagnose(CallFlow flow) {
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
    }

    @Test
    void aReliable183NeverPrackedIsWhyThe504Came() {
        CallFlow flow = call(6);
        Diagnosis d = diagnose(flow);
        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.SIP_PRACK_MISSING, primary.code(), d.findings().toString());
        assertEquals(Severity.ERROR, primary.severity());
        assertTrue(primary.title().contains("183 Session Progress") && primary.title().contains("no PRACK"), primary.title());
        assertTrue(primary.evidence().facts().get(0).contains("sent it again 6 times"), primary.evidence().toString());
        assertTrue(primary.fix().steps().get(0).contains("PRACK"), primary.fix().toString());
        // the 504 itself is no second cause: it follows from the missing PRACK
        Finding rejected = d.withCode(FindingCode.SIP_CALL_REJECTED).get(0);
        assertEquals(Severity.WARNING, rejected.severity(), rejected.toString());
    }

    @Test
    void aPrackAnswered481NamesTheRAckThatMatchedNothing() {
        String prack = prack("7 1 INVITE");
        CallFlow flow = call(3, "c", prack, "p", SipTexts.response(prack, 481, "Call/Transaction Does Not Exist"));
        Finding primary = diagnose(flow).primaryFor(flow.id()).orElseThrow();
        assertEquals(FindingCode.SIP_PRACK_MISSING, primary.code());
        assertTrue(primary.title().contains("481"), primary.title());
        assertTrue(primary.explanation().contains("RAck 1 1 INVITE"), primary.explanation());
    }

    @Test
    void anAcknowledgedReliable183LeavesThe504ToItsOwnFinding() {
        String prack = prack("1 1 INVITE");
        CallFlow flow = call(0, "c", prack, "p", SipTexts.response(prack, 200, "OK"));
        Diagnosis d = diagnose(flow);
        assertTrue(d.withCode(FindingCode.SIP_PRACK_MISSING).isEmpty(), d.findings().toString());
        assertEquals(FindingCode.SIP_CALL_REJECTED, d.primaryFor(flow.id()).orElseThrow().code());
    }

    @Test
    void aSingle183WithNoPrackSeenProvesNothing() {
        // the capture may miss the PRACK's direction: without the 183 sent again nothing says the PBX went without it
        CallFlow flow = call(0);
        assertTrue(diagnose(flow).withCode(FindingCode.SIP_PRACK_MISSING).isEmpty());
    }
}
