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

    /**
     * Copies of a message closer together than this are the one packet captured twice (on two interfaces, or by a
     * mirror port that sees both directions of a link), not a retransmission: a UA sends the 2xx again after T1
     * (RFC 3261 17.2.1/13.3.1.4: 500 ms unless configured lower, and never nearly this low).
     */
    static final long DUPLICATE_MICROS = 50_000;

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
                List<SipMessage> copies = copies(flow.messages(), ok);
                if (copies.isEmpty()) {
                    continue;
                }
                SipMessage acked = ackBack(flow.messages(), ok);
                // an ACK that reached the answerer after which it stopped sending the 200 OK: acknowledged, late
                if (acked != null && copies.get(copies.size() - 1).frame() < acked.frame()) {
                    continue;
                }
                findings.add(finding(flow, ok, copies.size(), acked != null ? acked : ack(flow, ok)));
            }
        }
        return findings;
    }

    /**
     * The retransmissions of {@code ok} after it: the same answer sent again by the same sender to the same
     * receiver, each at least {@link #DUPLICATE_MICROS} after the copy before it. A copy of the answer between
     * other addresses (the same message behind a NAT, or on another hop) is not this sender's.
     */
    private static List<SipMessage> copies(List<FlowMessage> messages, SipMessage ok) {
        List<SipMessage> copies = new ArrayList<>();
        long last = ok.timestampMicros();
        for (int i = 0; i < messages.size(); i++) {
            FlowMessage x = messages.get(i);
            SipMessage c = x.message();
            if (x.retransmission() && c.frame() > ok.frame() && !c.isRequest() && c.status() == ok.status()
                    && ok.callId().equals(c.callId()) && c.cseqNumber() == ok.cseqNumber()
                    && ok.src().equals(c.src()) && ok.dst().equals(c.dst()) && ok.sameToTag(c)) {
                if (c.timestampMicros() - last >= DUPLICATE_MICROS) {
                    copies.add(c);
                }
                last = c.timestampMicros();
            }
        }
        return copies;
    }

    /** The first ACK of {@code ok}'s transaction after it sent back to its sender, or null. */
    private static SipMessage ackBack(List<FlowMessage> messages, SipMessage ok) {
        for (int i = 0; i < messages.size(); i++) {
            SipMessage x = messages.get(i).message();
            if (x.frame() > ok.frame() && x.isRequest() && "ACK".equals(x.method()) && ok.callId().equals(x.callId())
                    && x.cseqNumber() == ok.cseqNumber() && ok.src().equals(x.dst())) {
                return x;
            }
        }
        return null;
    }

    private static SipMessage ack(CallFlow flow, SipMessage ok) {
        return flow.messages().stream().map(FlowMessage::message).filter(x -> x.isRequest() && "ACK".equals(x.method())
                && ok.callId().equals(x.callId()) && x.cseqNumber() == ok.cseqNumber()).findFirst().orElse(null);
    }

    private static Finding finding(CallFlow flow, SipMessage ok, long copies, SipMessage ack) {
        List<String> facts = new ArrayList<>();
        facts.add("200 OK frame " + ok.frame() + " from " + ok.src() + " sent " + (copies + 1) + " times; Contact "
                + ok.header("Contact") + (ok.header("Record-Route") == null ? "" : ", Record-Route " + ok.header("Record-Route")));
        if (ack == null) {
            facts.add("No ACK in the capture");
        } else if (ack.dst().equals(ok.src())) {
            facts.add("ACK frame " + ack.frame() + " reached " + ok.src() + ", which sent the 200 OK again after it: the"
                    + " ACK did not match the answer (Request-URI " + ack.requestUri() + ")");
        } else {
            facts.add("ACK frame " + ack.frame() + " went to " + ack.dst() + " (Request-URI " + ack.requestUri()
                    + "), not back to " + ok.src());
        }
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
