package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.CallMedia;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.RoutingSimulator;
import org.sipladder.sip.SipMessage;

/**
 * What LiveKit made of the digits the caller keyed at its PIN prompt ({@link PinEntry}), as its code decides
 * (livekit/sip pkg/sip/inbound.go pinPrompt, protocol sip.MatchDispatchRuleIter): the PIN's rule takes the call,
 * '#' alone goes to the open rules, and anything else gets the wrong-PIN message and LiveKit's BYE. A configured PIN
 * is never shown, only its length; the digits sent are in the capture anyway.
 *
 * @param severity the finding's severity: INFO when a rule took the call, ERROR when LiveKit hung up on a wrong
 *                 PIN, WARNING while the call stayed at the prompt or went to a rule other than the winner
 * @param facts    what the caller sent and what followed
 * @param step     what to do about it, or null
 * @param frames   the frames that show it
 */
record PinAttempt(Severity severity, List<String> facts, String step, List<Long> frames) {

    private static final String WRONG = "LiveKit plays its wrong-PIN message and hangs up (BYE): one attempt only, "
            + "and a wrong PIN never falls back to the open rules";

    /** The caller's attempt at the prompt LiveKit answered with {@code dtmf}'s 200 OK on the call {@code r}. */
    static PinAttempt of(DiagnosisContext context, LiveKitRouting r, LiveKitDtmf dtmf) {
        PinEntry entry = PinEntry.of(context, dtmf);
        SIPDispatchRuleInfo winner = r.outcome().dispatch().rule();
        String ok = "LiveKit's 200 OK (frame " + dtmf.answer().frame() + ")";
        String bye = bye(context, r.transaction().flow(), dtmf);
        if (entry.sent().isEmpty()) {
            return new PinAttempt(Severity.WARNING, List.of("The caller's RTP to LiveKit carried no DTMF digit after "
                    + ok + ". LiveKit has no PIN timeout: it waits at the prompt until someone hangs up or "
                    + mediaTimeout(context, r, dtmf), bye), null, List.of());
        }
        String sent = "After " + ok + " the caller's RTP to LiveKit carried the digits " + entry.sent();
        if (entry.tooLong()) {
            return wrong(sent + ": " + (PinEntry.LIMIT + 1) + " digits before any #, and LiveKit refuses a PIN longer "
                    + "than " + PinEntry.LIMIT + " digits at once. " + WRONG, bye, winner, entry);
        }
        if (!entry.terminated()) {
            return new PinAttempt(Severity.WARNING, List.of(sent + " and no #: LiveKit checks the PIN only when # "
                    + "ends it, so it went on waiting at the prompt", bye), "The caller must end the PIN with #.",
                    entry.frames());
        }
        String ignored = entry.sent().length() > entry.pin().length() + 1 ? " (LiveKit reads nothing after the "
                + "first #)" : "";
        DispatchMatch next = RoutingSimulator.afterPin(context.config(), r.outcome(), r.invite(), entry.pin());
        if (entry.pin().isEmpty()) {
            if (next.kind() != DispatchMatch.Kind.MATCHED) {
                return wrong(sent + ignored + ": # alone asks for the rules without a PIN, and none takes this call. "
                        + WRONG, bye, winner, entry);
            }
            return new PinAttempt(Severity.INFO, List.of(sent + ignored + ": # alone asks for the rules without a PIN, "
                    + "and " + taken(next)), null, entry.frames());
        }
        String keyed = sent + ignored + ": the " + digits(entry.pin().length()) + " before # ";
        if (next.kind() != DispatchMatch.Kind.MATCHED) {
            return wrong(keyed + "match the PIN of no rule for this call (rule " + winner.getSipDispatchRuleId()
                    + "'s PIN has " + digits(ConfigView.pin(winner).length()) + "). " + WRONG, bye, winner, entry);
        }
        if (next.rule().getSipDispatchRuleId().equals(winner.getSipDispatchRuleId())) {
            return new PinAttempt(Severity.INFO, List.of(keyed + "match the PIN of rule "
                    + winner.getSipDispatchRuleId() + ", and " + taken(next)), null, entry.frames());
        }
        return new PinAttempt(Severity.WARNING, List.of(keyed + "match not rule " + winner.getSipDispatchRuleId()
                + "'s PIN but rule " + next.rule().getSipDispatchRuleId() + "'s, and " + taken(next)),
                "Check that callers of this number are meant to reach rule " + next.rule().getSipDispatchRuleId()
                        + " with this PIN.", entry.frames());
    }

    /**
     * LiveKit's later media timeout at the prompt: the call's media_timeout when its trunk or rule sets one (the
     * first dispatch evaluation's media config, which the prompt runs with: livekit/sip inbound.go handleInvite).
     */
    /**
     * Which of LiveKit's media timeouts ends a call left at the prompt: the initial one (30 s from the answer,
     * media_timeout_initial) while no RTP has reached LiveKit, the later one only once some has (sip
     * {@code pkg/sip/media_port.go} {@code timeoutLoop}: {@code isInitial := lastPacketTime.IsZero()}).
     */
    private static String mediaTimeout(DiagnosisContext context, LiveKitRouting r, LiveKitDtmf dtmf) {
        String later = "the caller's RTP stops for its media timeout (" + laterTimeout(r) + ")";
        if (context.media().rtpPackets() == 0) {
            return "its media timeout ends the call: 30 s after the answer if no RTP ever reaches it (the server's "
                    + "media_timeout_initial), else when " + later;
        }
        if (PinEntry.rtpReachedLiveKit(context, dtmf)) {
            return later;
        }
        return "its media timeout ends the call; no RTP from the caller reached LiveKit, so that is the initial one, "
                + "30 s after the answer (the server's media_timeout_initial; the later " + laterTimeout(r)
                + " counts only once RTP has arrived)";
    }

    private static String laterTimeout(LiveKitRouting r) {
        // the same words as every other text about LiveKit's later media timeout
        return CallMedia.laterTimeoutText(r.outcome().media());
    }

    private static PinAttempt wrong(String fact, String bye, SIPDispatchRuleInfo winner, PinEntry entry) {
        return new PinAttempt(Severity.ERROR, List.of(fact, bye), "Give the caller the PIN of rule "
                + winner.getSipDispatchRuleId() + " (" + digits(ConfigView.pin(winner).length()) + "), ended with #.",
                entry.frames());
    }

    /** "LiveKit joins the caller to rule X's room R". */
    private static String taken(DispatchMatch next) {
        return "LiveKit joins the caller to rule " + next.rule().getSipDispatchRuleId() + "'s room "
                + next.roomName();
    }

    private static String digits(int n) {
        return n + (n == 1 ? " digit" : " digits");
    }

    /** Who sent the first BYE on the LiveKit leg, and how long after LiveKit's 200 OK. */
    private static String bye(DiagnosisContext context, CallFlow flow, LiveKitDtmf dtmf) {
        for (DialogRequests d : context.dialogRequests(flow, "BYE")) {
            SipMessage bye = d.request();
            if (dtmf.invite().callId().equals(bye.callId())) {
                String who = flow.hasHop(bye.src(), Role.LIVEKIT) ? "LiveKit" : bye.src().address() + " (not LiveKit)";
                return String.format(Locale.ROOT, "%s sent the BYE (frame %d) %.1f s after the 200 OK", who,
                        bye.frame(), (bye.timestampMicros() - dtmf.answer().timestampMicros()) / 1e6);
            }
        }
        return "The capture shows no BYE on the LiveKit leg";
    }
}
