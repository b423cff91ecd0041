package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
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

    /** True when the attempt failed: a final 3xx-6xx, or none captured. */
    static boolean failed(InviteTransaction tx) {
        SipMessage last = tx.finalResponse();
        return last == null || last.status() >= 300;
    }

    /** "frame 1 (415), frame 5 (no final response)": each attempt's INVITE frame and how it ended. */
    static String list(List<InviteTransaction> attempts) {
        StringBuilder s = new StringBuilder();
        for (InviteTransaction t : attempts) {
            SipMessage last = t.finalResponse();
            s.append(s.length() == 0 ? "" : ", ").append("frame ").append(t.frame()).append(" (")
                    .append(last == null ? "no final response" : last.label()).append(')');
        }
        return s.toString();
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
