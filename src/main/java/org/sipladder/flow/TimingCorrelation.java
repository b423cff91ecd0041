package org.sipladder.flow;

import java.io.IOException;
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
    /** The place value of the first of the {@link #MATCHING_DIGITS} last digits. */
    private static final int HIGHEST_PLACE = (int) Math.pow(10, MATCHING_DIGITS - 1);
    /** The decimal digits as constant pieces of a sentence. */
    private static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    /** INVITEs older than this are forgotten; far beyond the window, so slightly out-of-order captures still match. */
    private static final long MEMORY_MICROS = 60_000_000L;

    /** An INVITE that opened a leg: its leg, time, arrival number and called number's digits. */
    record Received(LegState leg, long micros, int seq, String digits) {
    }

    /**
     * Why a B-leg was joined to an A-leg, made into text only when read: a large capture joins fifty thousand legs
     * while it is read, and a diagnosis rarely reads why.
     */
    private record Join(long inviteFrame, String callId, String sender, long delayMicros, long receivedFrame,
                        String receivedCallId, int lastDigits, String unusualDigits)
            implements Supplier<String>, SentenceList.Source {

        /**
         * The join; of the called number's {@code digits}, the last {@link #MATCHING_DIGITS} are kept as a number
         * when they are ASCII (not a string for each of 50,000 joins), else as they are.
         */
        static Join of(long inviteFrame, String callId, String sender, long delayMicros, long receivedFrame,
                       String receivedCallId, String digits) {
            int value = lastDigitsOf(digits);
            return new Join(inviteFrame, callId, sender, delayMicros, receivedFrame, receivedCallId, value,
                    value < 0 ? digits.substring(digits.length() - MATCHING_DIGITS) : null);
        }

        @Override
        public String get() {
            return SentenceList.text(this);
        }

        @Override
        public void pieces(Sentences.Pieces pieces) throws IOException {
            pieces.constant("The INVITE in frame ");
            pieces.number(inviteFrame);
            pieces.constant(" (Call-ID ");
            pieces.value(callId);
            pieces.constant(") was sent by ");
            pieces.value(sender);
            pieces.constant(" ");
            milliseconds(pieces, delayMicros);
            pieces.constant(" s after that host received the INVITE in frame ");
            pieces.number(receivedFrame);
            pieces.constant(" (Call-ID ");
            pieces.value(receivedCallId);
            pieces.constant("), and both called numbers end in ");
            if (unusualDigits != null) {
                pieces.value(unusualDigits);
            } else {
                // the kept number with its leading zeros
                for (int bound = HIGHEST_PLACE; bound > 1 && lastDigits < bound; bound /= 10) {
                    pieces.constant(DIGITS[0]);
                }
                pieces.number(lastDigits);
            }
            pieces.constant(".");
        }
    }

    private final Map<String, Deque<Received>> invitesByReceiver = new HashMap<>();

    /** Called once per leg, with the leg's first dialog-opening INVITE, which has arrival number {@code seq}. */
    void onInitialInvite(LegState leg, SipMessage invite, int seq, FlowGroups groups) {
        String digits = SipFields.calledDigits(invite);
        Deque<Received> received = invitesByReceiver.get(invite.src().address());
        if (received != null && digits.length() >= MATCHING_DIGITS && !groups.hasOtherLegs(leg)) {
            Received a = closestMatch(received, invite, digits, leg);
            if (a != null) {
                groups.joinTimed(a.leg(), leg, a.seq(), seq, lastDigitsOf(digits));
            }
        }
        Deque<Received> atDestination = invitesByReceiver.computeIfAbsent(invite.dst().address(), k -> new ArrayDeque<>());
        atDestination.addLast(new Received(leg, invite.timestampMicros(), seq, digits));
        while (atDestination.peekFirst().micros() < invite.timestampMicros() - MEMORY_MICROS) {
            atDestination.pollFirst();
        }
    }

    /**
     * The last {@link #MATCHING_DIGITS} of a called number's {@code digits} (at least that many) as a number when
     * they are ASCII, else -1.
     */
    static int lastDigitsOf(String digits) {
        int value = 0;
        for (int i = digits.length() - MATCHING_DIGITS; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    /** A timing join of the INVITEs with arrival numbers {@code aInvite} and then {@code bInvite}, packed. */
    static long timed(int aInvite, int bInvite) {
        return (long) aInvite << 32 | Integer.toUnsignedLong(bInvite);
    }

    /**
     * Why a B-leg was joined to an A-leg, for {@code timed} ({@link #timed}) of called numbers ending in
     * {@code lastDigits} ({@link #lastDigitsOf}; when -1 the called number is read again): the INVITEs' other facts
     * are read from the messages in {@code store} (a large capture joins fifty thousand legs, and a record of these
     * facts for each was as many objects more kept through the read).
     */
    static Supplier<String> joinOf(MessageStore store, long timed, int lastDigits) {
        SipMessage received = store.get((int) (timed >>> 32));
        SipMessage invite = store.get((int) timed);
        long delay = invite.timestampMicros() - received.timestampMicros();
        return lastDigits >= 0
                ? new Join(invite.frame(), invite.callId(), invite.src().address(), delay, received.frame(),
                        received.callId(), lastDigits, null)
                : Join.of(invite.frame(), invite.callId(), invite.src().address(), delay, received.frame(),
                        received.callId(), SipFields.calledDigits(invite));
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
        return SentenceList.text(pieces -> milliseconds(pieces, micros));
    }

    /** {@link #milliseconds} in pieces: the digits by hand for a delay (not negative), without a BigDecimal. */
    private static void milliseconds(Sentences.Pieces pieces, long micros) throws IOException {
        if (micros < 0 || micros > Long.MAX_VALUE - 500) {
            pieces.value(BigDecimal.valueOf(micros, 6).setScale(3, RoundingMode.HALF_UP).toPlainString());
            return;
        }
        long millis = (micros + 500) / 1000;
        int fraction = (int) (millis % 1000);
        pieces.number(millis / 1000);
        pieces.constant(".");
        pieces.constant(DIGITS[fraction / 100]);
        pieces.constant(DIGITS[fraction / 10 % 10]);
        pieces.constant(DIGITS[fraction % 10]);
    }
}
