package org.sipladder.flow;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import org.sipladder.sip.SipMessage;

/**
 * Joins a call attempt retried under a new Call-ID to the attempt it retries: the new INVITE comes from the same
 * address, with the same From user, To user and Request-URI user, at most 5 s after the last message of the earlier
 * attempt, which failed in a way a changed or redirected request can mend: a redirect (3xx), an offer or extension
 * the callee cannot take (415, 416, 420, 421, 422, 423, 488, 494), or a server that failed, timed out or never
 * answered though its sender sent the INVITE again (408, 5xx, no response), after which a retry to the same server is
 * a new call (a load generator placing call after call to an overloaded server) and only one to another server is a
 * failover. Neither leg may already be part of another call (a B2BUA's outgoing legs for two incoming calls).
 * A retry under the same Call-ID (a higher CSeq after 401/407/422, RFC 3261 8.1.3.5 and 22.2; a new branch after a
 * 503 or a timeout, RFC 3263 4.3) stays in its leg and needs nothing here.
 */
final class RetryCorrelation {

    static final long WINDOW_MICROS = 5_000_000L;
    /**
     * At most this many of a sender's failed attempts are looked at for one INVITE, newest first: a flood of INVITEs
     * refused with 503 (a scanner, an overloaded server) kept thousands in the window, and every INVITE walked them all
     * (80,000 messages at 1,000 a second: 7 s). A retry follows the failure it mends within moments, so the attempt it
     * retries is among the newest few (its last failure, or its INVITE sent again, put it at the newest end).
     */
    static final int WALK_LIMIT = 256;

    /**
     * Attempts that may have failed, by the address that sent their INVITE: legs whose initial INVITE got a final
     * 3xx-6xx or was sent again (a retransmission, or a retry under its own Call-ID), the only ones a later INVITE can
     * retry. Most INVITEs find no entry for their sender, or a few of the last seconds: an SBC's thousands of answered
     * calls are never walked through (walking every recent INVITE had cost a second on 50,000 calls).
     */
    private final Map<String, ArrayDeque<Failing>> failingBySender = new HashMap<>();

    /**
     * A leg that may have failed in a way a retry mends; {@code serverFailed} when by a 408, a 5xx or no answer, which
     * only a retry to another server mends.
     */
    private record Failing(LegState leg, boolean serverFailed) {
    }

    /** Called once per leg, with the leg's first dialog-opening INVITE, which has arrival number {@code seq}. */
    void onInitialInvite(LegState leg, SipMessage invite, int seq, FlowGroups groups) {
        groups.opened(leg, seq);
        String sender = invite.src().address();
        ArrayDeque<Failing> failing = failingBySender.get(sender);
        if (failing == null) {
            return;
        }
        LegState earlier = retried(failing, leg, invite, groups);
        if (earlier != null) {
            leg.retried = earlier;
            SipMessage first = earlier.store().get(earlier.initialInvite);
            groups.join(earlier, leg, new RetryJoin(invite.frame(), invite.callId(), first.frame(), first.callId(),
                    sender, invite.timestampMicros() - earlier.lastMicros()));
        }
    }

    /**
     * Called with every later message of a leg whose initial INVITE was seen: a final answer to an INVITE that a
     * retry may mend, or the INVITE sent again, makes the leg an attempt a later INVITE of its sender may retry.
     */
    void onMessage(LegState leg, SipMessage m) {
        boolean serverFailed;
        if (m.isRequest()) {
            if (!"INVITE".equals(m.method()) || !SipFields.isInitialRequest(m)) {
                return;
            }
            serverFailed = true;
        } else {
            int status = m.status();
            if (status < 300 || !mendable(status) && !serverFailed(status) || !"INVITE".equals(m.cseqMethod())) {
                return;
            }
            serverFailed = serverFailed(status);
        }
        String sender = leg.store().get(leg.initialInvite).src().address();
        ArrayDeque<Failing> failing = failingBySender.computeIfAbsent(sender, k -> new ArrayDeque<>(4));
        Failing last = failing.peekLast();
        if (last == null || last.leg() != leg || last.serverFailed() != serverFailed) {
            if (leg.keptFailing) {
                failing.removeIf(f -> f.leg() == leg);
            }
            leg.keptFailing = true;
            failing.addLast(new Failing(leg, serverFailed));
        }
    }

    /**
     * True for final answers to which a changed or redirected request is the remedy: a 3xx, and RFC 3261 21.4's
     * unsupported media type, encoding, extension, session interval too small, interval too brief, not acceptable here,
     * bad extension (RFC 4028's 422, RFC 5393's 494). Others (403, 404, 480, 486, 603...) end the user's call: an
     * INVITE after them is the user or a load generator calling again, a new call.
     */
    private static boolean mendable(int status) {
        return switch (status) {
            case 415, 416, 420, 421, 422, 423, 488, 494 -> true;
            default -> status >= 300 && status < 400;
        };
    }

    private static boolean serverFailed(int status) {
        return status == 408 || (status >= 500 && status < 600);
    }

    /**
     * The newest earlier attempt {@code invite} retries, or null; forgets attempts too old to be retried now. The walk
     * runs newest first and stops at the first that fits, or after {@link #WALK_LIMIT} attempts.
     */
    private static LegState retried(ArrayDeque<Failing> failing, LegState leg, SipMessage invite, FlowGroups groups) {
        long now = invite.timestampMicros();
        // the oldest kept are the first to leave the window: most of what is too old goes here, without a walk
        while (!failing.isEmpty() && now - failing.peekFirst().leg().lastMicros() > WINDOW_MICROS) {
            failing.pollFirst();
        }
        String from = null;
        int looked = 0;
        for (Iterator<Failing> it = failing.descendingIterator(); it.hasNext() && looked < WALK_LIMIT; looked++) {
            Failing f = it.next();
            LegState earlier = f.leg();
            long gap = now - earlier.lastMicros();
            if (gap > WINDOW_MICROS) {
                // a later message (a retransmission, an answer) registers it again
                it.remove();
                continue;
            }
            SipMessage before = earlier.store().get(earlier.initialInvite);
            // a server that failed is retried at another one (a load generator calls the same server again)
            if (earlier == leg || gap < 0 || f.serverFailed() && before.dst().address().equals(invite.dst().address())
                    || otherCalls(earlier, leg, invite.src().address(), groups)) {
                continue;
            }
            if (from == null) {
                from = SipAddresses.user(invite.header("From"));
            }
            if (from.equals(SipAddresses.user(before.header("From")))
                    && SipAddresses.user(invite.header("To")).equals(SipAddresses.user(before.header("To")))
                    && SipAddresses.user(invite.requestUri()).equals(SipAddresses.user(before.requestUri()))
                    && failed(earlier, before.src().address(), invite)) {
                return earlier;
            }
        }
        return null;
    }

    /**
     * True when the two legs are already parts of two different calls: a B2BUA's outgoing legs for two incoming calls
     * from one caller to one number (its retry of an outgoing leg belongs to the same incoming call, as headers or
     * timing joined it). The earlier leg's call may hold the sender's own earlier attempts, nothing else.
     */
    private static boolean otherCalls(LegState earlier, LegState leg, String sender, FlowGroups groups) {
        if (earlier.group == leg.group) {
            return false;
        }
        if (groups.hasOtherLegs(leg)) {
            return true;
        }
        for (LegState l : earlier.group.legs()) {
            if (!sender.equals(l.firstMessage().src().address())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the last INVITE {@code sender} opened {@code leg} with got a final answer a changed request mends
     * (a 3xx, 415...494) and {@code retry} went elsewhere or changed the request; or failed at its server (408, 5xx,
     * or no response at all while the sender kept sending it again: two calls placed at once are not one retrying the
     * other) and {@code retry} went to another server; and nobody cancelled or ended the leg.
     */
    private static boolean failed(LegState leg, String sender, SipMessage retry) {
        String retryTo = retry.dst().address();
        SipMessage[] messages = leg.messages(new int[leg.size()]);
        SipMessage last = null;
        int status = 0;
        int sent = 0;
        for (SipMessage m : messages) {
            if (m.isRequest()) {
                if ("CANCEL".equals(m.method()) || "BYE".equals(m.method())) {
                    return false;
                }
                if ("INVITE".equals(m.method()) && SipFields.isInitialRequest(m) && sender.equals(m.src().address())) {
                    if (last == null || !SipFields.sameTransaction(m, last)) {
                        last = m;
                        status = 0;
                        sent = 0;
                    }
                    sent++;
                }
            } else if (last != null && SipFields.sameTransaction(m, last) && status < 200) {
                status = m.status();
            }
        }
        if (last == null) {
            return false;
        }
        if (mendable(status)) {
            // to another server, or with the request changed as the answer asks; the same request again to the
            // same server is a new call (a load generator's next call, refused like the last)
            return !retryTo.equals(last.dst().address()) || !RequestShape.same(last, retry);
        }
        return (status == 0 ? sent > 1 : serverFailed(status)) && !retryTo.equals(last.dst().address());
    }

    /** Why a retry was joined to the attempt it retries, made into text when read. */
    private record RetryJoin(long inviteFrame, String callId, long earlierFrame, String earlierCallId, String sender,
                             long gapMicros) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") retried the failed INVITE in frame "
                    + earlierFrame + " (Call-ID " + earlierCallId + "): the same sender " + sender
                    + ", From user, To user and Request-URI user, " + TimingCorrelation.milliseconds(gapMicros)
                    + " s after that attempt's last message.";
        }
    }
}
