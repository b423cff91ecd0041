package org.sipladder.flow;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.sipladder.sip.SipMessage;

/**
 * Joins the leg a transfer dialled to the call that asked for it when no header names that call (RFC 3515 REFER):
 * the new leg's INVITE is sent by the host that received the REFER (or that accepted it with a 2xx, 202 Accepted as a
 * rule) at most {@link #WINDOW_MICROS} after that 2xx, or after the REFER while it is not answered yet (a phone may
 * dial before it sends its 202), and it calls the user the REFER's Refer-To names (a phone number's digits compared,
 * with or without its leading +). A refused REFER asks for nothing. Where the REFERs of several calls fit, none is
 * joined. A REFER is used once: it asks for one new call. A REFER for an attended transfer names the dialog to replace
 * in its Refer-To URI (RFC 3891); the INVITE naming that dialog in its Replaces header is its leg, from whichever
 * address it was sent. A leg captured up to {@link #EARLY_MICROS} before the REFER that asked for it (packets of two
 * interfaces merged out of order, or two captures with clocks apart) joins when the REFER comes, if it is the only one
 * that fits and still a call of its own.
 */
final class TransferCorrelation {

    /**
     * 32 s: 64 times T1, the longest a SIP transaction may take (RFC 3261 17.1.1.2, 17.1.2.2). A transferee acts on
     * an accepted REFER at once (it reports the new call's progress in NOTIFYs of the REFER's implicit subscription,
     * RFC 3515 2.4.4), after at most a webhook's or dial plan's delay of a few seconds; the same number dialled by the
     * host later than that is a call of its own.
     */
    static final long WINDOW_MICROS = 32_000_000L;

    /** How long before its REFER a leg may show: as long as the timing join lets a B-leg show before its A-leg. */
    static final long EARLY_MICROS = TimingCorrelation.WINDOW_MICROS;

    /** A REFER seen recently, and the 2xx that accepted it once seen. */
    private static final class Referral {
        final LegState leg;
        final SipMessage refer;
        /** The Refer-To user as written, and as compared ({@link #userKey}). */
        final String named;
        final String target;
        /** The Call-ID of the dialog the Refer-To URI asks to replace, or null. */
        final String replaces;
        SipMessage accepted;
        boolean used;

        Referral(LegState leg, SipMessage refer, String named) {
            this.leg = leg;
            this.refer = refer;
            this.named = named;
            this.target = userKey(named);
            this.replaces = replacedCallId(refer.header("Refer-To"));
        }

        /** True when an INVITE from {@code sender} to these users, replacing dialog {@code replacing}, is this one's. */
        boolean asksFor(String sender, String uriUser, String toUser, String replacing) {
            return replaces != null ? replaces.equals(replacing)
                    : toldTo(sender) && (target.equals(uriUser) || target.equals(toUser));
        }

        /** When its window opened: the 2xx's time, or the REFER's while it waits for one. */
        long since() {
            return (accepted != null ? accepted : refer).timestampMicros();
        }

        /** True when {@code host} received the REFER or accepted it. */
        boolean toldTo(String host) {
            return host.equals(refer.dst().address()) || accepted != null && host.equals(accepted.src().address());
        }
    }

    /**
     * Why a leg was joined to the call that asked for it, made into text when read; {@code status} 0 when the REFER was
     * not answered yet.
     */
    private record Join(long inviteFrame, String callId, String sender, long delayMicros, int status, long referFrame,
                        String referCallId, String target) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + TimingCorrelation.milliseconds(delayMicros) + " s after that host "
                    + (status > 0 ? "accepted (" + status + ") the REFER in frame " : "received the REFER in frame ")
                    + referFrame + " (Call-ID " + referCallId + (status > 0 ? ")" : ", not answered yet)")
                    + ", and it calls " + target + ", the REFER's Refer-To user.";
        }
    }

    /** REFERs of the last {@link #WINDOW_MICROS}, oldest first: a few at most, none in most captures. */
    private final List<Referral> referrals = new ArrayList<>(0);
    /**
     * At or before the earliest {@link Referral#since} of {@link #referrals} (a referral refused or dropped may leave
     * it earlier than needed, which costs only a walk).
     */
    private long earliestSince = Long.MAX_VALUE;
    /** How many referrals {@link #forgetOld} looked at: what a test bounds, as the work grows with the REFERs. */
    private long looks;
    /** Legs opened in the last {@link #EARLY_MICROS}, oldest first: a REFER captured after its leg looks back at them. */
    private final ArrayDeque<LegState> recent = new ArrayDeque<>();
    /**
     * The time of the first message of each leg of {@link #recent}, in the same order (a ring as the deque is): the
     * drop of the oldest at every INVITE read three objects out of the cache to learn it, 1 % of a large capture's read.
     */
    private long[] recentFirst = new long[16];
    private int recentHead;

    /** Looks at every message of {@code leg}: a REFER, or the final answer to one. */
    void onMessage(LegState leg, SipMessage m, FlowGroups groups) {
        if (m.isRequest()) {
            if ("REFER".equals(m.method()) && sent(leg, m) == null) {
                String named = SipAddresses.user(m.header("Refer-To"));
                if (!named.isEmpty()) {
                    forgetOld(m.timestampMicros());
                    Referral r = new Referral(leg, m, named);
                    referrals.add(r);
                    opens(r);
                    joinEarlierLeg(r, groups);
                }
            }
        } else if (!referrals.isEmpty() && m.status() >= 200 && "REFER".equals(m.cseqMethod())) {
            Referral r = answered(leg, m);
            if (r != null && r.accepted == null) {
                if (m.status() < 300) {
                    r.accepted = m;
                    opens(r);
                } else if (!r.used) {
                    referrals.remove(r);
                }
            }
        }
    }

    /** Called once per leg, with the leg's first dialog-opening INVITE. */
    void onInitialInvite(LegState leg, SipMessage invite, FlowGroups groups) {
        remember(leg, invite.timestampMicros());
        if (referrals.isEmpty() || groups.hasOtherLegs(leg)) {
            return;
        }
        forgetOld(invite.timestampMicros());
        String sender = invite.src().address();
        String uriUser = userKey(SipAddresses.user(invite.requestUri()));
        String toUser = userKey(SipAddresses.user(invite.header("To")));
        String replacing = replacedCallId(invite);
        Referral found = null;
        boolean several = false;
        // RFC 3892: the referee copies the REFER's Referred-By into the request it sends, which tells calls apart
        // whose REFERs name one target, where the referrers differ
        String referrer = referrerUri(invite.header("Referred-By"));
        Referral foundByReferrer = null;
        boolean severalByReferrer = false;
        for (Referral r : referrals) {
            long delay = invite.timestampMicros() - r.since();
            if (r.used || delay < 0 || r.leg.group == leg.group || !r.asksFor(sender, uriUser, toUser, replacing)) {
                continue;
            }
            several |= found != null && found.leg.group != r.leg.group;
            found = r; // the newest of one call's REFERs (sent again, or a second attempt)
            if (referrer != null && referrer.equals(referrerUri(r.refer.header("Referred-By")))) {
                severalByReferrer |= foundByReferrer != null && foundByReferrer.leg.group != r.leg.group;
                foundByReferrer = r;
            }
        }
        if (several) {
            // the REFERs of two calls fit: which call this leg belongs to is not known, unless its Referred-By tells
            found = severalByReferrer ? null : foundByReferrer;
        }
        if (found != null) {
            found.used = true;
            leg.referredBy = found.leg;
            groups.join(found.leg, leg, new Join(invite.frame(), invite.callId(), sender,
                    invite.timestampMicros() - found.since(), found.accepted == null ? 0 : found.accepted.status(),
                    found.refer.frame(), found.leg.callId(), found.named));
        }
    }

    /** Keeps {@code leg}, opened at {@code micros}, for a REFER captured after it; forgets legs older than that. */
    private void remember(LegState leg, long micros) {
        if (recent.size() == recentFirst.length) {
            long[] grown = new long[recentFirst.length * 2];
            for (int i = 0; i < recent.size(); i++) {
                grown[i] = recentFirst[(recentHead + i) & (recentFirst.length - 1)];
            }
            recentFirst = grown;
            recentHead = 0;
        }
        recentFirst[(recentHead + recent.size()) & (recentFirst.length - 1)] = leg.firstMicros();
        recent.addLast(leg);
        while (!recent.isEmpty() && micros - recentFirst[recentHead] > EARLY_MICROS) {
            recent.pollFirst();
            recentHead = (recentHead + 1) & (recentFirst.length - 1);
        }
    }

    /**
     * Joins the leg {@code r} asked for when it was captured before the REFER: the only leg of the last
     * {@link #EARLY_MICROS} still a call of its own whose INVITE {@code r} asks for.
     */
    private void joinEarlierLeg(Referral r, FlowGroups groups) {
        long now = r.refer.timestampMicros();
        LegState found = null;
        for (Iterator<LegState> it = recent.descendingIterator(); it.hasNext(); ) {
            LegState leg = it.next();
            if (leg.initialInvite < 0 || groups.hasOtherLegs(leg) || leg.group == r.leg.group) {
                continue;
            }
            SipMessage invite = leg.store().get(leg.initialInvite);
            long ahead = now - invite.timestampMicros();
            if (ahead < 0 || ahead > EARLY_MICROS) {
                continue;
            }
            if (r.asksFor(invite.src().address(), userKey(SipAddresses.user(invite.requestUri())),
                    userKey(SipAddresses.user(invite.header("To"))), r.replaces == null ? null : replacedCallId(invite))) {
                if (found != null) {
                    return; // two legs fit: which one the REFER asked for is not known
                }
                found = leg;
            }
        }
        if (found != null) {
            r.used = true;
            found.referredBy = r.leg;
            SipMessage invite = found.store().get(found.initialInvite);
            groups.join(r.leg, found, new EarlyJoin(invite.frame(), found.callId(), invite.src().address(),
                    now - invite.timestampMicros(), r.refer.frame(), r.leg.callId(), r.named));
        }
    }

    /** Why a leg captured before the REFER that asked for it was joined to the REFER's call. */
    private record EarlyJoin(long inviteFrame, String callId, String sender, long aheadMicros, long referFrame,
                             String referCallId, String target) implements Supplier<String> {
        @Override
        public String get() {
            return "The INVITE in frame " + inviteFrame + " (Call-ID " + callId + ") was sent by " + sender + " "
                    + TimingCorrelation.milliseconds(aheadMicros) + " s before that host received the REFER in frame "
                    + referFrame + " (Call-ID " + referCallId + "), and it calls " + target + ", the REFER's Refer-To"
                    + " user: the two were captured out of order.";
        }
    }

    /** The URI of a Referred-By value (RFC 3892), without its parameters, or null when there is none. */
    static String referrerUri(String value) {
        if (value == null) {
            return null;
        }
        int lt = value.indexOf('<');
        int gt = lt >= 0 ? value.indexOf('>', lt) : -1;
        String uri = gt > lt ? value.substring(lt + 1, gt) : value.split(";", 2)[0];
        uri = uri.trim();
        return uri.isEmpty() ? null : uri;
    }

    /** The Call-ID an INVITE's Replaces header names (RFC 3891), or null when it has none. */
    private static String replacedCallId(SipMessage invite) {
        String value = invite.header("Replaces");
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        String callId = (semicolon >= 0 ? value.substring(0, semicolon) : value).trim();
        return callId.isEmpty() ? null : callId;
    }

    /**
     * The Call-ID of the Replaces header a Refer-To value's URI carries ({@code ?Replaces=id%40host%3Bto-tag...},
     * escaped as RFC 3261 19.1.1 asks), or null when it has none.
     */
    static String replacedCallId(String referTo) {
        if (referTo == null) {
            return null;
        }
        int lt = referTo.indexOf('<');
        int gt = lt >= 0 ? referTo.indexOf('>', lt) : -1;
        String uri = lt >= 0 && gt > lt ? referTo.substring(lt + 1, gt) : referTo;
        int question = uri.indexOf('?');
        if (question < 0) {
            return null;
        }
        for (String header : uri.substring(question + 1).split("&")) {
            int eq = header.indexOf('=');
            if (eq > 0 && header.substring(0, eq).trim().equalsIgnoreCase("Replaces")) {
                String value;
                try {
                    value = URLDecoder.decode(header.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null; // a broken escape names no dialog one can trust
                }
                int semicolon = value.indexOf(';');
                String callId = (semicolon >= 0 ? value.substring(0, semicolon) : value).trim();
                return callId.isEmpty() ? null : callId;
            }
        }
        return null;
    }

    /** The referral of {@code leg} whose REFER {@code m} sends again, or null. */
    private Referral sent(LegState leg, SipMessage m) {
        for (Referral r : referrals) {
            if (r.leg == leg && SipFields.sameTransaction(r.refer, m)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The referral of {@code leg} whose REFER the response {@code m} answers, or null: by the CSeq, which tells an
     * in-dialog request of one side from the others (RFC 3261 12.2.1.1), from another address than the REFER's sender
     * (a response whose Via the answering UA did not copy exactly still answers it).
     */
    private Referral answered(LegState leg, SipMessage m) {
        for (Referral r : referrals) {
            if (r.leg == leg && r.refer.sameCseq(m) && !r.refer.src().address().equals(m.src().address())) {
                return r;
            }
        }
        return null;
    }

    /**
     * Drops the referrals whose window closed before {@code now}: none while the earliest window opened less than
     * {@link #WINDOW_MICROS} before, told by {@link #earliestSince} without a walk (a dialog of ten thousand REFERs in
     * a few seconds walked all of them at each REFER).
     */
    private void forgetOld(long now) {
        if (referrals.isEmpty() || now - earliestSince <= WINDOW_MICROS) {
            return;
        }
        looks += referrals.size();
        long earliest = Long.MAX_VALUE;
        for (Iterator<Referral> it = referrals.iterator(); it.hasNext(); ) {
            long since = it.next().since();
            if (now - since > WINDOW_MICROS) {
                it.remove();
            } else {
                earliest = Math.min(earliest, since);
            }
        }
        earliestSince = earliest;
    }

    /** Keeps {@link #earliestSince} at or before the window of {@code r}, just added or accepted. */
    private void opens(Referral r) {
        earliestSince = Math.min(earliestSince, r.since());
    }

    /** See {@link #looks}. */
    long looks() {
        return looks;
    }

    /**
     * A user part as it is compared: a phone number's digits (an optional leading +, digits and the visual separators
     * - . ( ) of RFC 3966), any other user as written.
     */
    static String userKey(String user) {
        int start = user.startsWith("+") ? 1 : 0;
        boolean digit = false;
        for (int i = start; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if ("-.()".indexOf(c) < 0) {
                return user;
            }
        }
        return digit ? SipFields.digits(user.substring(start)) : user;
    }
}
