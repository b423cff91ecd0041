package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * One INVITE sent on a leg with the responses that came back for it (retransmissions left out).
 *
 * @param flow      the call flow
 * @param invite    the INVITE as first sent
 * @param responses its responses in capture order
 */
public record InviteTransaction(CallFlow flow, FlowMessage invite, List<FlowMessage> responses) {

    private static final Pattern TO_TAG = Pattern.compile(">?\\s*;\\s*tag\\s*=", Pattern.CASE_INSENSITIVE);

    /** The INVITE transactions of every leg of a flow, in capture order. */
    public static List<InviteTransaction> of(CallFlow flow) {
        List<InviteTransaction> result = new ArrayList<>();
        for (FlowMessage m : flow.messages()) {
            if (!m.retransmission() && "INVITE".equals(m.message().method())) {
                result.add(new InviteTransaction(flow, m, responsesTo(flow, m)));
            }
        }
        return result;
    }

    private static List<FlowMessage> responsesTo(CallFlow flow, FlowMessage invite) {
        SipMessage request = invite.message();
        boolean proxied = proxied(flow, request);
        List<FlowMessage> responses = new ArrayList<>();
        for (FlowMessage m : flow.messages()) {
            SipMessage r = m.message();
            if (!m.retransmission() && !r.isRequest() && m.legIndex() == invite.legIndex()
                    && r.frame() > request.frame() && "INVITE".equals(r.cseqMethod())
                    && r.cseqNumber() == request.cseqNumber() && sameCallId(r, request)
                    && (!proxied || answers(r, request))) {
                responses.add(m);
            }
        }
        return responses;
    }

    /**
     * True when a proxy passed the same INVITE (Call-ID and CSeq) on to another hop: each hop's responses are then
     * only those coming back from where its copy was sent, so a proxy's relayed answer is not taken for the next
     * hop's.
     */
    private static boolean proxied(CallFlow flow, SipMessage request) {
        for (FlowMessage m : flow.messages()) {
            SipMessage other = m.message();
            if (!m.retransmission() && "INVITE".equals(other.method()) && other.cseqNumber() == request.cseqNumber()
                    && sameCallId(other, request) && !other.src().address().equals(request.src().address())) {
                return true;
            }
        }
        return false;
    }

    private static boolean answers(SipMessage response, SipMessage request) {
        return response.src().address().equals(request.dst().address())
                && response.dst().address().equals(request.src().address());
    }

    private static boolean sameCallId(SipMessage a, SipMessage b) {
        return a.callId() != null && a.callId().equals(b.callId());
    }

    /**
     * This transaction keeping of its call only the id, legs and timings (no hops, no messages): for keeping it
     * after the call is let go (the desktop app assembles a call when it is shown).
     */
    public InviteTransaction detached() {
        return new InviteTransaction(new CallFlow(flow.id(), flow.legs(), List.of(), List.of(), List.of(),
                flow.timings()), invite, responses);
    }

    public SipMessage request() {
        return invite.message();
    }

    /** The first final (2xx-6xx) response, or null when none was captured. */
    public SipMessage finalResponse() {
        return responses.stream().map(FlowMessage::message).filter(r -> r.status() >= 200).findFirst().orElse(null);
    }

    /** True for a re-INVITE: its To header already carries the dialog's tag, so no routing happens for it. */
    public boolean inDialog() {
        String to = request().header("To");
        return to != null && TO_TAG.matcher(to).find();
    }

    public String callId() {
        return request().callId();
    }

    public long frame() {
        return request().frame();
    }
}
