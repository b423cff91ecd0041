package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;
import org.sipladder.sip.SipMessage;

/**
 * A proxy that gave up on an unanswered INVITE by itself: its no-answer timer ran out (RFC 3261 16.6 step 11 and
 * 16.8, Timer C; Kamailio's tm fr_inv_timer, OpenSIPS's fr_inv_timeout), so it answered the caller (408, 480) and
 * cancelled the branch it was ringing. Its CANCEL is not the caller's: the caller sent none.
 *
 * @param upstream the caller's INVITE to the proxy, answered by the proxy itself
 * @param cancel   the proxy's CANCEL of the branch
 */
record ProxyRingTimeout(InviteTransaction upstream, SipMessage cancel) {

    /** How far apart the proxy's answer upstream and its CANCEL downstream may be: one timer fires both. */
    private static final long SAME_TIMER_MICROS = 2_000_000;

    /**
     * The time-out behind {@code cancel}, the CANCEL of {@code tx}: when its sender got {@code tx}'s call in an
     * INVITE of {@code invites} that nobody cancelled and that it answered itself, but with no 487, around that
     * CANCEL; else null (the caller, or a hop that passed on the caller's CANCEL, gave up).
     */
    static ProxyRingTimeout of(InviteTransaction tx, SipMessage cancel, List<InviteTransaction> invites) {
        if (cancel == null) {
            return null;
        }
        String proxy = cancel.src().address();
        for (InviteTransaction t : invites) {
            SipMessage answer = t.finalResponse();
            if (t != tx && !t.inDialog() && t.frame() < tx.frame() && t.request().dst().address().equals(proxy)
                    && t.cancel() == null && answer != null && answer.status() != 487 && answer.status() >= 300
                    && answer.src().address().equals(proxy)
                    && Math.abs(answer.timestampMicros() - cancel.timestampMicros()) <= SAME_TIMER_MICROS) {
                return new ProxyRingTimeout(t, cancel);
            }
        }
        return null;
    }

    String proxy() {
        return cancel.src().address();
    }

    /** Seconds from the branch's INVITE to the proxy's CANCEL: how long it let the callee ring. */
    double rangSeconds(InviteTransaction branch) {
        return (cancel.timestampMicros() - branch.request().timestampMicros()) / 1e6;
    }

    String title(InviteTransaction branch) {
        return String.format(Locale.ROOT, "%s gave up after %.1f s without an answer: %s to the caller", proxy(),
                rangSeconds(branch), upstream.finalResponse().label());
    }

    String fact(InviteTransaction branch) {
        SipMessage answer = upstream.finalResponse();
        return String.format(Locale.ROOT, "CANCEL frame %d from %s, %.3f s after the INVITE: %s got no CANCEL from %s"
                + " and answered it %s itself (frame %d), as a proxy does when its no-answer timer runs out",
                cancel.frame(), cancel.src(), rangSeconds(branch), proxy(), upstream.request().src().address(),
                answer.label(), answer.frame());
    }

    /** What the caller got and why: {@code meaning} is what that status means to an INVITE. */
    String explanation(InviteTransaction branch, String meaning) {
        SipMessage answer = upstream.finalResponse();
        return String.format(Locale.ROOT, "%d means %s. %s let %s ring for %.1f s, then its own no-answer timer ended "
                + "the call: it answered the caller %s itself and cancelled the branch (the %s on it answers that "
                + "CANCEL); the caller did not give up.", answer.status(), meaning, proxy(),
                branch.request().dst().address(), rangSeconds(branch), answer.label(),
                branch.finalResponse().label());
    }

    String fixStep(InviteTransaction branch) {
        return String.format(Locale.ROOT, "Nothing is broken in signalling: %s did not answer within the %.0f s %s "
                + "lets a call ring. If calls should ring longer, raise that proxy's no-answer timer (Kamailio: tm "
                + "fr_inv_timer; OpenSIPS: fr_inv_timeout; RFC 3261 Timer C, at least 3 minutes by default); or send "
                + "unanswered calls on (voicemail, another number).", branch.request().dst().address(),
                rangSeconds(branch), proxy());
    }
}
