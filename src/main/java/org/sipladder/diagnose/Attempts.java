package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * One sender's attempts at one call, in capture order: the dialog-opening INVITEs it sent on a leg (a retry with a
 * higher CSeq after 401/407/422, or to the next server after 503 or a timeout) and on the legs that retry that leg
 * under a new Call-ID ({@link org.sipladder.flow.Leg#retryOf}).
 */
final class Attempts {

    private Attempts() {
    }

    /** The attempts {@code tx} is one of, {@code tx} among them; {@code invites} are the call's INVITE transactions. */
    static List<InviteTransaction> of(CallFlow flow, List<InviteTransaction> invites, InviteTransaction tx) {
        int root = root(flow, tx.invite().legIndex());
        String sender = tx.request().src().address();
        List<InviteTransaction> attempts = new ArrayList<>(2);
        for (int i = 0; i < invites.size(); i++) {
            InviteTransaction t = invites.get(i);
            // an INVITE challenged for credentials is the first half of the attempt its authenticated copy makes
            if (!t.inDialog() && t.request().src().address().equals(sender)
                    && (t == tx || !OutboundAuthCheck.challenged(t))
                    && root(flow, t.invite().legIndex()) == root) {
                attempts.add(t);
            }
        }
        return attempts;
    }

    /**
     * The attempts answered 2xx (each one's attempts are the others of its {@link #key}), in capture order, by
     * {@link #key}: of the attempts {@link #of} a failed one, only those can be the retry that recovered it.
     */
    static Map<String, List<InviteTransaction>> answered(CallFlow flow, List<InviteTransaction> invites) {
        Map<String, List<InviteTransaction>> answered = new HashMap<>();
        for (int i = 0; i < invites.size(); i++) {
            InviteTransaction t = invites.get(i);
            SipMessage fin = t.finalResponse();
            if (fin != null && fin.status() >= 200 && fin.status() < 300 && !t.inDialog()) {
                answered.computeIfAbsent(key(flow, t), k -> new ArrayList<>(1)).add(t);
            }
        }
        return answered;
    }

    /** What the attempts {@link #of} a transaction share: its sender's address and the first leg of its retries. */
    static String key(CallFlow flow, InviteTransaction tx) {
        return tx.request().src().address() + '\n' + root(flow, tx.invite().legIndex());
    }

    /** True when the attempt failed: a final 3xx-6xx, or none captured. */
    static boolean failed(InviteTransaction tx) {
        SipMessage last = tx.finalResponse();
        return last == null || last.status() >= 300;
    }

    /**
     * "frame 1 (415), frame 5 (180 Ringing, cancelled at frame 9, no final response), frame 6 (no response)": each
     * attempt's INVITE frame and how it ended; one without a final answer says what it got and whether its sender
     * cancelled it.
     */
    static String list(List<InviteTransaction> attempts) {
        StringBuilder s = new StringBuilder();
        for (InviteTransaction t : attempts) {
            SipMessage last = t.finalResponse();
            s.append(s.length() == 0 ? "" : ", ").append("frame ").append(t.frame()).append(" (");
            if (last != null) {
                s.append(last.label());
            } else {
                List<FlowMessage> responses = t.responses();
                s.append(responses.isEmpty() ? "no response" : responses.get(responses.size() - 1).message().label());
                SipMessage cancel = t.cancel();
                if (cancel != null) {
                    s.append(", cancelled at frame ").append(cancel.frame());
                }
                if (!responses.isEmpty()) {
                    s.append(", no final response");
                }
            }
            s.append(')');
        }
        return s.toString();
    }

    /**
     * True when an attempt was sent while one before it was still pending, before its final answer or, without one,
     * before its CANCEL or the last sign of it (a response or a resend): parallel branches, not retries after each
     * other's end. A forking proxy's branch that only rang or stayed silent until the proxy cancelled it has no
     * final answer (RFC 3261 16.7 step 10, 16.10) and is a branch all the same.
     */
    static boolean forked(List<InviteTransaction> attempts) {
        for (int i = 1; i < attempts.size(); i++) {
            long sent = attempts.get(i).frame();
            for (int j = 0; j < i; j++) {
                if (sent < end(attempts.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The frame an attempt ended at: its final answer, else its CANCEL, else its last response or resend. */
    private static long end(InviteTransaction t) {
        SipMessage last = t.finalResponse();
        if (last != null) {
            return last.frame();
        }
        SipMessage cancel = t.cancel();
        if (cancel != null) {
            return cancel.frame();
        }
        SipMessage request = t.request();
        long end = request.frame();
        for (FlowMessage m : t.flow().messages()) {
            SipMessage x = m.message();
            if (x.frame() > end && x.cseqNumber() == request.cseqNumber() && Objects.equals(x.callId(), request.callId())
                    && (m.retransmission() && "INVITE".equals(x.method()) && x.src().equals(request.src())
                    && x.dst().equals(request.dst()) || !x.isRequest() && "INVITE".equals(x.cseqMethod())
                    && x.src().equals(request.dst()) && x.dst().equals(request.src()))) {
                end = x.frame();
            }
        }
        return end;
    }

    /** The first leg of the retries {@code legIndex} belongs to. */
    private static int root(CallFlow flow, int legIndex) {
        int leg = legIndex;
        for (int guard = 0; guard < flow.legs().size() && flow.legs().get(leg).retryOf() >= 0; guard++) {
            leg = flow.legs().get(leg).retryOf();
        }
        return leg;
    }
}
