package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;

/**
 * Refusals of in-dialog session changes that a B2BUA passed on from one leg to another: a B2BUA (Jambonz) runs a
 * dialog per leg, sends its own re-INVITE or UPDATE on the next leg for the one it got, and answers the one it got
 * with what came back (RFC 3261 does not relay in-dialog requests across dialogs; a B2BUA does it on its own), so one
 * refusal shows once per leg. A proxy keeps the Call-ID and is not a leg of its own: this looks across legs only.
 */
final class RefusalRelays {

    /** A refused change: its method, request and final response, and whether it came before the INVITE's answer. */
    record Refusal(String method, DialogRequests request, boolean early) {
        SipMessage answer() {
            return request.finalResponse();
        }
    }

    private RefusalRelays() {
    }

    /**
     * The refusals as chains, each from where the refusal started to the leg it was passed back on last; a refusal
     * not relayed is a chain of one. Every refusal is in exactly one chain; chains come in the order of their last step.
     */
    static List<List<Refusal>> chains(CallFlow flow, List<Refusal> refusals) {
        List<List<Refusal>> chains = new ArrayList<>(refusals.size());
        Refusal[] inner = new Refusal[refusals.size()];
        boolean[] relayedOn = new boolean[refusals.size()];
        for (int i = 0; i < refusals.size(); i++) {
            inner[i] = passedOnFrom(flow, refusals.get(i), refusals);
            if (inner[i] != null) {
                relayedOn[indexOf(refusals, inner[i])] = true;
            }
        }
        for (int i = 0; i < refusals.size(); i++) {
            if (relayedOn[i]) {
                continue; // a step of the chain of the refusal it was passed back as
            }
            List<Refusal> chain = new ArrayList<>(2);
            Refusal step = refusals.get(i);
            // a chain is as long as the legs it crossed; the bound keeps a malformed capture from looping
            while (step != null && chain.size() < refusals.size()) {
                chain.add(0, step);
                step = inner[indexOf(refusals, step)];
            }
            chains.add(chain);
        }
        return chains;
    }

    /**
     * The refusal {@code outer}'s answerer got on another leg before answering it: a change it sent on after {@code
     * outer}'s request arrived, refused back to it (on the address it answered from, or to another of its addresses
     * when it is a B2BUA with one on each side) before it answered; of several, the last refused. Null when the
     * answerer made the refusal itself.
     */
    private static Refusal passedOnFrom(CallFlow flow, Refusal outer, List<Refusal> refusals) {
        SipMessage request = outer.request().request();
        SipMessage answer = outer.answer();
        Refusal from = null;
        for (Refusal r : refusals) {
            SipMessage sent = r.request().request();
            SipMessage fin = r.answer();
            if (r != outer && r.early() == outer.early() && !sent.callId().equals(request.callId())
                    && sent.frame() > request.frame() && fin.frame() < answer.frame()
                    && sameHop(flow, fin.dst(), answer.src())
                    && (from == null || fin.frame() > from.answer().frame())) {
                from = r;
            }
        }
        return from;
    }

    /**
     * The place of {@code r} in {@code refusals}, by identity: the record's own equals would compare whole messages
     * (and be linked by a method-handle bootstrap at its first call).
     */
    private static int indexOf(List<Refusal> refusals, Refusal r) {
        for (int i = 0; i < refusals.size(); i++) {
            if (refusals.get(i) == r) {
                return i;
            }
        }
        return -1;
    }

    /** True when both endpoints are one hop: the same address, or two addresses of one B2BUA (an SBC's two sides). */
    private static boolean sameHop(CallFlow flow, Endpoint a, Endpoint b) {
        if (a.address().equals(b.address())) {
            return true;
        }
        return flow.hasHop(a, Role.JAMBONZ) && flow.hasHop(b, Role.JAMBONZ)
                || flow.hasHop(a, Role.B2BUA) && flow.hasHop(b, Role.B2BUA);
    }
}
