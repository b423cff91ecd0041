package org.sipladder.diagnose;

import java.util.List;
import java.util.ArrayList;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_ACK_MISSING: the 200 OK to an INVITE was retransmitted because no ACK reached its sender; LiveKit ends such
 * a call with a BYE.
 */
final class AckMissingCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_ACK_MISSING;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            for (FlowMessage m : flow.messages()) {
                SipMessage ok = m.message();
                if (m.retransmission() || ok.isRequest() || ok.status() < 200 || ok.status() >= 300
                        || !"INVITE".equals(ok.cseqMethod())) {
                    continue;
                }
                long copies = copies(flow.messages(), ok);
                if (copies > 0) {
                    findings.add(finding(flow, ok, copies, ack(flow, ok)));
                }
            }
        }
        return findings;
    }

    /** How many retransmissions of {@code ok} came after it. */
    private static long copies(List<FlowMessage> messages, SipMessage ok) {
        long copies = 0;
        for (int i = 0; i < messages.size(); i++) {
            FlowMessage x = messages.get(i);
            if (x.retransmission() && x.message().frame() > ok.frame() && !x.message().isRequest()
                    && x.message().status() == ok.status() && ok.callId().equals(x.message().callId())
                    && x.message().cseqNumber() == ok.cseqNumber()) {
                copies++;
            }
        }
        return copies;
    }

    private static SipMessage ack(CallFlow flow, SipMessage ok) {
        return flow.messages().stream().map(FlowMessage::message).filter(x -> x.isRequest() && "ACK".equals(x.method())
                && ok.callId().equals(x.callId()) && x.cseqNumber() == ok.cseqNumber()).findFirst().orElse(null);
    }

    private static Finding finding(CallFlow flow, SipMessage ok, long copies, SipMessage ack) {
        List<String> facts = new ArrayList<>();
        facts.add("200 OK frame " + ok.frame() + " from " + ok.src() + " sent " + (copies + 1) + " times; Contact "
                + ok.header("Contact") + (ok.header("Record-Route") == null ? "" : ", Record-Route " + ok.header("Record-Route")));
        facts.add(ack == null ? "No ACK in the capture" : "ACK frame " + ack.frame() + " went to " + ack.dst()
                + " (Request-URI " + ack.requestUri() + "), not back to " + ok.src());
        return DialogRequests.finding(flow, ok, CODE, CODE.title(copies),
                "The party that answers retransmits its 200 OK until the ACK arrives, and ends the call (BYE) when "
                        + "none does (LiveKit after a few seconds). A missing ACK, or one sent to another address "
                        + "than the 200 OK's Contact and Record-Route, means the caller's side cannot reach the "
                        + "answerer: NAT, a Contact with a private address, or Record-Route ignored.",
                List.of(ok.frame()), facts,
                List.of("Send the ACK to the Contact of the 200 OK through its Record-Route entries.",
                        "Make sure the answerer's Contact address is reachable from the caller (public address, "
                                + "correct port and transport)."));
    }
}
