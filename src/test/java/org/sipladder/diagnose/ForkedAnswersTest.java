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
 * A forked INVITE can be answered 2xx by two branches (two To tags); RFC 3261 13.2.2.4 has the caller ACK each and
 * BYE those it does not keep. A caller that ACKs only the first leaves the second answerer retransmitting: that
 * answer's missing ACK is the caller's, and the finding says so.
 */
class ForkedAnswersTest {

    private static final String CARRIER = "203.0.113.10";
    private static final String PROXY = "198.51.100.20";
    private static final String INVITE = SipTexts.invite("fork-call", "sip:+15559870002@" + PROXY, "+15551230001", CARRIER,
            SipTexts.sdp(CARRIER, "0 PCMU/8000"));

    private static String ok(String tag, String contactHost) {
        return SipTexts.response(INVITE, 200, "OK", "Contact: <sip:u@" + contactHost + ":5060>",
                SipTexts.sdp(contactHost, "0 PCMU/8000")).replace(";tag=t200", ";tag=" + tag);
    }

    private static String ack(String tag, String contactHost) {
        return "ACK sip:u@" + contactHost + ":5060 SIP/2.0\r\nVia: SIP/2.0/UDP " + CARRIER + ":5060;branch=z9hG4bKack"
                + tag + "\r\nMax-Forwards: 70\r\n" + INVITE.lines().filter(l -> l.startsWith("From:")).findFirst()
                .orElseThrow() + "\r\nTo: <sip:+15559870002@" + PROXY + ">;tag=" + tag + "\r\nCall-ID: fork-call\r\n"
                + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    }

    /** Both branches answer 200 OK; the caller ACKs the first, and the second too when {@code ackBoth}. */
    private static CallFlow flow(boolean ackBoth) {
        String first = ok("a1", "192.0.2.30");
        String second = ok("b2", "192.0.2.31");
        TestCall call = new TestCall().hop(CARRIER, Role.CARRIER).hop(PROXY, Role.SIP_ENDPOINT)
                .send(CARRIER, PROXY, INVITE).send(PROXY, CARRIER, first).send(PROXY, CARRIER, second)
                .send(CARRIER, PROXY, ack("a1", "192.0.2.30"));
        if (ackBoth) {
            call.send(CARRIER, PROXY, ack("b2", "192.0.2.31"));
        } else {
            call.resend(PROXY, CARRIER, second).resend(PROXY, CARRIER, second).resend(PROXY, CARRIER, second);
        }
        return call.flow();
    }

    private static Diagnosis diagnose(CallFlow flow) {
        return DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());
    }

    @Test
    void aSecondBranchsAnswerLeftUnacknowledgedIsNamedAsSuch() {
        CallFlow flow = flow(false);
        Diagnosis d = diagnose(flow);
        List<Finding> found = d.withCode(FindingCode.SIP_ACK_MISSING);
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        // the caller kept the first branch's dialog: its call goes on
        assertEquals(Severity.WARNING, f.severity());
        assertFalse(d.failed(flow), d.findings().toString());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains("To tag a1") && x.contains("acknowledged")),
                f.evidence().facts().toString());
        assertTrue(f.explanation().contains("RFC 3261 13.2.2.4"), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("every 2xx"), f.fix().toString());
    }

    @Test
    void bothBranchesAcknowledgedIsNoFinding() {
        assertTrue(diagnose(flow(true)).withCode(FindingCode.SIP_ACK_MISSING).isEmpty());
    }

    @Test
    void anUnforkedAnswerKeepsItsAdvice() {
        // the ordinary case: one 200 OK, never acknowledged
        CallFlow flow = new TestCall().hop(CARRIER, Role.CARRIER).hop(PROXY, Role.SIP_ENDPOINT)
                .send(CARRIER, PROXY, INVITE).send(PROXY, CARRIER, ok("a1", "192.0.2.30"))
                .resend(PROXY, CARRIER, ok("a1", "192.0.2.30")).resend(PROXY, CARRIER, ok("a1", "192.0.2.30")).flow();
        Finding f = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty())
                .withCode(FindingCode.SIP_ACK_MISSING).get(0);
        assertFalse(f.explanation().contains("13.2.2.4"), f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("Send the ACK to the Contact"), f.fix().toString());
    }
}
