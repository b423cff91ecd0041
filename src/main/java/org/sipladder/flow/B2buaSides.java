package org.sipladder.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.sip.SipMessage;

/**
 * The addresses a B2BUA with an address on each side (an SBC's public and private interfaces) was shown to use: for
 * each address it sends B-legs from, those it received their A-legs on, each with the B-leg INVITE whose join showed
 * it (a Call-ID naming the receiving address, a kept From tag, a carried SDP origin). A capture holds a few such hosts.
 */
final class B2buaSides {

    /** An address that received an A-leg, and the B-leg INVITE whose join showed it. */
    record Shown(String receiver, long frame, String callId) {
    }

    private final Map<String, List<Shown>> bySender = new HashMap<>();

    /** Records that {@code bInvite}, sent from another address than {@code receiver}, continues an A-leg it received. */
    void learn(SipMessage bInvite, String receiver) {
        List<Shown> shown = bySender.computeIfAbsent(bInvite.src().address(), k -> new ArrayList<>(1));
        for (Shown s : shown) {
            if (s.receiver().equals(receiver)) {
                return;
            }
        }
        shown.add(new Shown(receiver, bInvite.frame(), bInvite.callId()));
    }

    /** The addresses shown to receive A-legs for the B-legs {@code sender} sends; empty when none. */
    List<Shown> receiversFor(String sender) {
        List<Shown> shown = bySender.get(sender);
        return shown == null ? List.of() : shown;
    }
}
