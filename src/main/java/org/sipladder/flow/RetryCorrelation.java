package org.sipladder.flow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.sipladder.sip.SipMessage;

/**
 * Joins a call attempt retried under a new Call-ID to the attempt it retries: the new INVITE comes from the same
 * address, with the same From user, To user and Request-URI user, at most 5 s after the last message of the earlier
 * attempt, which failed (a final 3xx-6xx other than a callee's or caller's own decision) or got no response at all
 * though its sender sent it again; neither leg may already be part of another call (a B2BUA's outgoing legs for two
 * incoming calls).
 * A retry under the same Call-ID (a higher CSeq after 401/407/422, RFC 3261 8.1.3.5 and 22.2; a new branch after a
 * 503 or a timeout, RFC 3263 4.3) stays in its leg and needs nothing here.
 */
final class RetryCorrelation {

    static final long WINDOW_MICROS = 5_000_000L;
    /** Attempts whose first INVITE is older than this are forgotten: Timer B (32 s) plus the window, and slack. */
    private static final long MEMORY_MICROS = 40_000_000L;
    /**
     * Final answers that end the user's call rather than an attempt at it: busy, cancelled by the caller, declined
     * everywhere. A new INVITE after them is the user calling again, a new call.
     */
    private static final Set<Integer> DECISIONS = Set.of(486, 487, 600, 603, 604, 606);

    /** An attempt's opening INVITE: its leg and arrival number. */
    private record Sent(LegState leg, int seq, long micros) {
    }

    private final Map<String, Deque<Sent>> sentBySender = new HashMap<>();

    /** Called once per leg, with the leg's first dialog-opening INVITE, which has arrival number {@code seq}. */
    void onInitialInvite(LegState leg, SipMessage invite, int seq, FlowGroups groups) {
        String sender = invite.src().address();
        Deque<Sent> sent = sentBySender.get(sender);
        if (sent != null) {
            Sent earlier = retried(sent, leg, invite, groups);
            if (earlier != null) {
                leg.retried = earlier.leg();
                SipMessage first = earlier.leg().store().get(earlier.seq());
                groups.join(earlier.leg(), leg, new RetryJoin(invite.frame(), invite.callId(), first.frame(),
                        first.callId(), sender, invite.timestampMicros() - earlier.leg().lastMicros()));
            }
        } else {
            sent = new ArrayDeque<>();
            sentBySender.put(sender, sent);
        }
        sent.addLast(new Sent(leg, seq, invite.timestampMicros()));
        while (sent.peekFirst().micros() < invite.timestampMicros() - MEMORY_MICROS) {
            sent.pollFirst();
        }
    }

    /** The newest earlier attempt {@code invite} retries, or null. */
    private static Sent retried(Deque<Sent> sent, LegState leg, SipMessage invite, FlowGroups groups) {
        String from = null;
        for (Iterator<Sent> it = sent.descendingIterator(); it.hasNext(); ) {
            Sent s = it.next();
            long gap = invite.timestampMicros() - s.leg().lastMicros();
            if (s.leg() == leg || gap < 0 || gap > WINDOW_MICROS || otherCalls(s.leg(), leg, invite.src().address(), groups)) {
                continue;
            }
            SipMessage before = s.leg().store().get(s.seq());
            if (from == null) {
                from = SipAddresses.user(invite.header("From"));
            }
            if (from.equals(SipAddresses.user(before.header("From")))
                    && SipAddresses.user(invite.header("To")).equals(SipAddresses.user(before.header("To")))
                    && SipAddresses.user(invite.requestUri()).equals(SipAddresses.user(before.requestUri()))
                    && failed(s.leg(), before.src().address())) {
                return s;
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
     * True when the last INVITE {@code sender} opened {@code leg} with got a final 3xx-6xx that is not a decision
     * ({@link #DECISIONS}), or no response at all while the sender kept sending it again (it waited in vain: two
     * calls placed at once are not one retrying the other), and nobody cancelled or ended the leg.
     */
    private static boolean failed(LegState leg, String sender) {
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
        return last != null && (status == 0 ? sent > 1 : status >= 300 && !DECISIONS.contains(status));
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
