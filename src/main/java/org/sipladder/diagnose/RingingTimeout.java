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

    /**
     * What else ends LiveKit's ringing with 486 Rejected: 486 is the default answer of its {@code close()} to every
     * call that fails before the answer (livekit/sip {@code inbound.go handleInvite}, {@code joinRoom},
     * {@code publishTrack}, {@code waitSubscribe}).
     */
    static final String EARLY_FAILURES = "LiveKit answers 486 Rejected to every call that fails before it is "
            + "answered, not only at its ringing timeout: creating its participant in the room failed (the SIP service "
            + "could not reach the LiveKit server or was refused by it: its URL, API key or secret, or the server "
            + "erred), publishing its audio track failed, or the room closed or the call was ended through LiveKit's "
            + "API while it rang";

    /** Where to read which of {@link #EARLY_FAILURES} it was. */
    static final String EARLY_STEP = "Find out which failure it was on LiveKit's side: self-hosted, the SIP "
            + "service's log for this Call-ID ('Cannot create LiveKit participant', 'Cannot publish track', 'room "
            + "closed') and its ws_url, api_key and api_secret; LiveKit Cloud, its support with the Call-ID and the "
            + "time of the call. Check too whether your own code closed the room or removed the caller's participant "
            + "through LiveKit's API at that moment.";

    private RingingTimeout() {
    }

    /**
     * True when LiveKit's 486 Rejected to {@code tx} came before {@code limits} (the matched trunk's, from a loaded
     * config) would end the ringing: the ringing timeout did not send it, a failure before the answer did
     * ({@link #EARLY_FAILURES}).
     */
    static boolean ruledOut(InviteTransaction tx, CallLimits limits) {
        SipMessage last = tx.finalResponse();
        return last != null && last.status() == 486
                && last.timestampMicros() - tx.request().timestampMicros() < limits.ringingEndMicros() - EARLY_MICROS;
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
        if (fromConfig && after < expected - EARLY_MICROS) {
            return came + ", before " + limits.ringingLimit() + " would end the ringing: not the ringing timeout "
                    + "(unless the trunk's limits were shorter when the capture was made)";
        }
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
