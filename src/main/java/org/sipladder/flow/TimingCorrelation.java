package org.sipladder.flow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
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

    record Received(LegState leg, long micros, long frame, String digits) {
    }

    /**
     * Why a B-leg was joined to an A-leg, made into text only when the call is assembled: a large capture joins
     * fifty thousand legs while it is read.
     */
    private record Join(long inviteFrame, String callId, String sender, long delayMicros, long receivedFrame,
                        String receivedCallId, int lastDigits, String unusualDigits) implements Supplier<String> {

        /**
         * The join; of the called number's {@code digits}, the last {@link #MATCHING_DIGITS} are kept as a number
         * when they are ASCII (not a string for each of 50,000 joins), else as they are.
         */
        static Join of(long inviteFrame, String callId, String sender, long delayMicros, long receivedFrame,
                       String receivedCallId, String digits) {
            int value = 0;
            for (int i = digits.length() - MATCHING_DIGITS; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    return new Join(inviteFrame, callId, sender, delayMicros, receivedFrame, receivedCallId, -1,
                            digits.substring(digits.length() - MATCHING_DIGITS));
                }
                value = value * 10 + c - '0';
            }
            return new Join(inviteFrame, callId, sender, delayMicros, receivedFrame, receivedCallId, value, null);
        }

        @Override
        public String get() {
            String digits = unusualDigits;
            if (digits == null) {
                String number = Integer.toString(lastDigits);
                digits = "0".repeat(MATCHING_DIGITS - number.length()) + number;
            }
            // sized once: the text is made for every joined call of a large capture
            return new StringBuilder(200 + callId.length() + receivedCallId.length() + sender.length())
                    .append("The INVITE in frame ").append(inviteFrame).append(" (Call-ID ").append(callId)
                    .append(") was sent by ").append(sender).append(' ').append(milliseconds(delayMicros))
                    .append(" s after that host received the INVITE in frame ").append(receivedFrame)
                    .append(" (Call-ID ").append(receivedCallId).append("), and both called numbers end in ")
                    .append(digits).append('.').toString();
        }
    }

    private final Map<String, Deque<Received>> invitesByReceiver = new HashMap<>();

    /** Called once per leg, with the leg's first dialog-opening INVITE. */
    void onInitialInvite(LegState leg, SipMessage invite, FlowGroups groups) {
        String digits = SipFields.calledDigits(invite);
        Deque<Received> received = invitesByReceiver.get(invite.src().address());
        if (received != null && digits.length() >= MATCHING_DIGITS && !groups.hasOtherLegs(leg)) {
            Received a = closestMatch(received, invite, digits, leg);
            if (a != null) {
                groups.join(a.leg(), leg, Join.of(invite.frame(), leg.callId(), invite.src().address(),
                        invite.timestampMicros() - a.micros(), a.frame(), a.leg().callId(), digits));
            }
        }
        Deque<Received> atDestination = invitesByReceiver.computeIfAbsent(invite.dst().address(), k -> new ArrayDeque<>());
        atDestination.addLast(new Received(leg, invite.timestampMicros(), invite.frame(), digits));
        while (atDestination.peekFirst().micros() < invite.timestampMicros() - MEMORY_MICROS) {
            atDestination.pollFirst();
        }
    }

    private static Received closestMatch(Deque<Received> received, SipMessage invite, String digits, LegState leg) {
        String suffix = digits.substring(digits.length() - MATCHING_DIGITS);
        for (Iterator<Received> it = received.descendingIterator(); it.hasNext(); ) {
            Received a = it.next();
            long delay = invite.timestampMicros() - a.micros();
            if (delay < 0 || a.leg() == leg) {
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

    /** Microseconds as seconds with three decimals, rounded half up (as {@code %.3f} prints them). */
    static String milliseconds(long micros) {
        return BigDecimal.valueOf(micros, 6).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
}
