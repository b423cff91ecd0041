package org.sipladder.flow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.sipladder.sip.SipMessage;

/**
 * Joins a B2BUA's outgoing leg to its incoming leg when no header names the other: the B-leg INVITE is sent
 * by the host that received the A-leg INVITE, at most 5 s later, and both called numbers end in the same 8 digits.
 */
final class TimingCorrelation {

    static final long WINDOW_MICROS = 5_000_000L;
    static final int MATCHING_DIGITS = 8;
    /** INVITEs older than this are forgotten; far beyond the window, so slightly out-of-order captures still match. */
    private static final long MEMORY_MICROS = 60_000_000L;

    private record Received(String callId, long micros, long frame, String digits) {
    }

    private final Map<String, Deque<Received>> invitesByReceiver = new HashMap<>();

    /** Called once per leg, with the leg's first dialog-opening INVITE. */
    void onInitialInvite(LegState leg, SipMessage invite, FlowGroups groups) {
        String digits = SipFields.calledDigits(invite);
        Deque<Received> received = invitesByReceiver.get(invite.src().address());
        if (received != null && digits.length() >= MATCHING_DIGITS && !groups.hasOtherLegs(leg.callId())) {
            Received a = closestMatch(received, invite, digits, leg.callId());
            if (a != null) {
                groups.join(a.callId(), leg.callId(), evidence(a, invite, leg.callId(), digits));
            }
        }
        Deque<Received> atDestination = invitesByReceiver.computeIfAbsent(invite.dst().address(), k -> new ArrayDeque<>());
        atDestination.addLast(new Received(leg.callId(), invite.timestampMicros(), invite.frame(), digits));
        while (atDestination.peekFirst().micros() < invite.timestampMicros() - MEMORY_MICROS) {
            atDestination.pollFirst();
        }
    }

    private static Received closestMatch(Deque<Received> received, SipMessage invite, String digits, String callId) {
        String suffix = digits.substring(digits.length() - MATCHING_DIGITS);
        for (Iterator<Received> it = received.descendingIterator(); it.hasNext(); ) {
            Received a = it.next();
            long delay = invite.timestampMicros() - a.micros();
            if (delay < 0 || a.callId().equals(callId)) {
                continue;
            }
            if (delay > WINDOW_MICROS) {
                return null;
            }
            if (a.digits().endsWith(suffix)) {
                return a;
            }
        }
        return null;
    }

    private static String evidence(Received a, SipMessage invite, String callId, String digits) {
        return String.format(Locale.ROOT, "The INVITE in frame %d (Call-ID %s) was sent by %s %.3f s after that host "
                        + "received the INVITE in frame %d (Call-ID %s), and both called numbers end in %s.",
                invite.frame(), callId, invite.src().address(), (invite.timestampMicros() - a.micros()) / 1e6,
                a.frame(), a.callId(), digits.substring(digits.length() - MATCHING_DIGITS));
    }
}
