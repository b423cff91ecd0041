package org.sipladder.diagnose;

import java.util.Locale;
import org.sipladder.livekit.CallLimits;
import org.sipladder.sip.SipMessage;

/**
 * Whether the capture's timing agrees with the ringing timeout that ends LiveKit's wait for an agent: LiveKit starts
 * that timer once it has joined the room for the call (livekit/sip {@code inbound.go waitSubscribe}, after the dispatch
 * decision and the room join, a moment after the INVITE) and answers 486 Rejected when it runs out.
 */
final class RingingTimeout {

    /** The 486 may come this much before the timeout after the INVITE: two clocks. */
    static final long EARLY_MICROS = 1_000_000;
    /** ... or this much after it: the dispatch decision and the room join come first, and can take seconds. */
    static final long LATE_MICROS = 5_000_000;

    private RingingTimeout() {
    }

    /**
     * One fact about when LiveKit's 486 Rejected (or the caller's CANCEL) came after the INVITE of {@code tx}, held
     * against {@code limits}; null when the INVITE got neither. {@code fromConfig} says whether the limits are the
     * matched trunk's (else LiveKit's defaults, no config loaded).
     */
    static String fact(InviteTransaction tx, CallLimits limits, boolean fromConfig) {
        SipMessage last = tx.finalResponse();
        if (last == null || last.status() != 486 && last.status() != 487) {
            return null;
        }
        long expected = limits.ringingEndMicros();
        SipMessage cancel = tx.cancel();
        if (last.status() == 487) {
            SipMessage end = cancel != null ? cancel : last;
            long after = end.timestampMicros() - tx.request().timestampMicros();
            return after >= expected - EARLY_MICROS ? null : String.format(Locale.ROOT, "The caller gave up %.1f s "
                    + "after the INVITE (frame %d), before %s would have ended the ringing with 486 Rejected",
                    after / 1e6, end.frame(), limits.ringingLimit());
        }
        long after = last.timestampMicros() - tx.request().timestampMicros();
        String came = String.format(Locale.ROOT, "LiveKit's 486 Rejected came %.1f s after the INVITE (frame %d)",
                after / 1e6, last.frame());
        if (after >= expected - EARLY_MICROS && after <= expected + LATE_MICROS) {
            return came + ": as " + limits.ringingLimit() + " predicts";
        }
        boolean atDefault = Math.abs(after - CallLimits.DEFAULT_RINGING_MICROS) <= LATE_MICROS;
        if (!fromConfig) {
            return came + ", not at " + limits.ringingLimit() + ": the trunk probably sets its own ringing_timeout "
                    + String.format(Locale.ROOT, "(about %.0f s), or the call ended for another reason", after / 1e6);
        }
        return came + ", not at about " + CallLimits.text(expected) + " as " + limits.ringingLimit() + " predicts: "
                + (atDefault ? "that is LiveKit's default, so the trunk probably had no ringing_timeout when the "
                + "capture was made" : "the trunk's limits were probably different when the capture was made, or the "
                + "call ended for another reason");
    }
}
