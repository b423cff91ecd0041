package org.sipladder.flow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
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

    record Received(String callId, long micros, long frame, String digits) {
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

    static String evidence(Received a, SipMessage invite, String callId, String digits) {
        // concatenation rather than String.format: this runs for every joined leg of a large capture
        return "The INVITE in frame " + invite.frame() + " (Call-ID " + callId + ") was sent by "
                + invite.src().address() + " " + milliseconds(invite.timestampMicros() - a.micros())
                + " s after that host received the INVITE in frame " + a.frame() + " (Call-ID " + a.callId()
                + "), and both called numbers end in " + digits.substring(digits.length() - MATCHING_DIGITS) + ".";
    }

    /** Microseconds as seconds with three decimals, rounded half up (as {@code %.3f} prints them). */
    static String milliseconds(long micros) {
        return BigDecimal.valueOf(micros, 6).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
}
