package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.CallLimits;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.sip.SipMessage;

/**
 * LK_MAX_CALL_DURATION: LiveKit hung up an answered call it placed at its CreateSIPParticipant request's
 * max_call_duration (or its cap of 24 hours), or an answered inbound call with its own BYE when the matched trunk's
 * max_call_duration ran out. LiveKit's SIP server sets that deadline when the dispatch is decided, just after the
 * INVITE arrives (livekit/sip {@code inbound.go handleInvite}: {@code context.WithTimeout(ctx, disp.MaxCallDuration)}
 * before it joins the room), so the BYE comes that long after the INVITE, not after the answer; it carries no Reason
 * header. Only the trunk the routing simulation matched for the INVITE is believed, never a guess without config;
 * a PIN rule is left out, as its deadline starts only once the PIN is entered.
 */
final class MaxCallDurationCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_MAX_CALL_DURATION;
    /** The BYE may come this much before the deadline: two clocks, the capture's and LiveKit's. */
    static final long EARLY_MICROS = 1_000_000;
    /** ... or this much after it: the dispatch decision (an RPC) comes after the INVITE, and sending takes a moment. */
    static final long LATE_MICROS = 2_000_000;

    /** An answered call LiveKit cut at its trunk's max_call_duration. */
    record Cut(LiveKitRouting routing, SIPInboundTrunkInfo trunk, CallLimits limits, SipMessage answer, SipMessage bye) {

        /** Seconds from {@code from} (the INVITE, or LiveKit's answer) to LiveKit's BYE. */
        double secondsToBye(SipMessage from) {
            return (bye.timestampMicros() - from.timestampMicros()) / 1e6;
        }

        /** The frames a finding shows: the INVITE, LiveKit's answer, its BYE. */
        List<Long> frames() {
            return List.of(routing.transaction().frame(), answer.frame(), bye.frame());
        }
    }

    /**
     * A call LiveKit placed may end this much before its deadline after the INVITE: LiveKit sets the deadline when it
     * starts placing the call, and joins the room before it sends the INVITE (sip {@code outbound.go DialAsync},
     * {@code client.go createSIPParticipant}).
     */
    static final long OUTBOUND_EARLY_MICROS = 5_000_000;

    /** An answered call LiveKit placed, cut at its deadline ({@link OutboundCall#maxCallMicros}). */
    record OutboundCut(OutboundCall call, SipMessage answer, SipMessage bye) {

        double secondsToBye(SipMessage from) {
            return (bye.timestampMicros() - from.timestampMicros()) / 1e6;
        }
    }

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.routings()) {
            Cut cut = cut(context, r);
            if (cut != null) {
                findings.add(finding(context.config(), cut));
            }
        }
        for (OutboundCall call : OutboundCall.of(context)) {
            OutboundCut cut = cut(context, call);
            if (cut != null) {
                findings.add(outboundFinding(cut));
            }
        }
        return findings;
    }

    /** The cut of the call LiveKit placed, or null when the call did not end at its deadline with LiveKit's BYE. */
    static OutboundCut cut(DiagnosisContext context, OutboundCall call) {
        InviteTransaction tx = call.last();
        SipMessage answer = tx.finalResponse();
        if (answer == null || answer.status() < 200 || answer.status() >= 300) {
            return null;
        }
        SipMessage bye = firstBye(context, tx);
        if (bye == null || bye.src() == null || !bye.src().address().equals(call.liveKit())) {
            return null;
        }
        long after = bye.timestampMicros() - call.first().request().timestampMicros();
        long limit = call.maxCallMicros();
        return after >= limit - OUTBOUND_EARLY_MICROS && after <= limit + LATE_MICROS
                ? new OutboundCut(call, answer, bye) : null;
    }

    /** LiveKit's hang-up of a call it placed, at its request's max_call_duration or its own cap of 24 hours. */
    private static Finding outboundFinding(OutboundCut cut) {
        OutboundCall call = cut.call();
        InviteTransaction tx = call.last();
        long limitMicros = call.maxCallMicros();
        String limit = CallLimits.text(limitMicros);
        org.sipladder.livekit.ParticipantRequest request = call.request().request();
        boolean fromRequest = request != null && request.maxCallDuration() != null
                && limitMicros < CallLimits.MAX_CALL_MICROS;
        double afterInvite = cut.secondsToBye(call.first().request());
        List<String> facts = new ArrayList<>(call.baseFacts());
        facts.add(String.format(Locale.ROOT, "LiveKit's INVITE frame %d; answered at frame %d; LiveKit sent BYE at "
                + "frame %d, %.1f s after its first INVITE (%.1f s after the answer)", call.first().frame(),
                cut.answer().frame(), cut.bye().frame(), afterInvite, cut.secondsToBye(cut.answer())));
        if (fromRequest) {
            facts.add("max_call_duration: " + limit + " in the CreateSIPParticipant request from " + request.source());
        } else if (request == null) {
            facts.add("No CreateSIPParticipant request for this call is loaded: a max_call_duration of exactly "
                    + limit + " would look the same");
        }
        String what = fromRequest ? "the CreateSIPParticipant request's max_call_duration" : "its own cap";
        String why = "LiveKit sets the deadline of a call it places when it starts placing it, before it joins the "
                + "room and sends the INVITE (sip pkg/sip/outbound.go DialAsync, client.go createSIPParticipant: "
                + (fromRequest ? "the request's max_call_duration" : "24 hours when the request sets no "
                + "max_call_duration, and never more") + "), so the ringing counts too; when it passes, LiveKit ends "
                + "the answered call with a BYE of its own. This BYE came " + String.format(Locale.ROOT, "%.1f",
                afterInvite) + " s after the INVITE, at " + (fromRequest ? "the request's limit of " : "LiveKit's cap of ")
                + limit + ": the call was cut by that limit, not by the agent, the callee or the network.";
        String step = fromRequest ? "If the limit is meant, nothing is broken. Otherwise raise max_call_duration in the "
                + "CreateSIPParticipant request from " + request.source() + " (now " + limit + "), or leave it out "
                + "for LiveKit's cap of 24 h."
                : "No setting raises LiveKit's cap: a session that must last longer than " + limit + " has to be "
                + "carried over to a new call before it ends (the agent places it).";
        return Findings.call(tx, CODE, CODE.title(what, limit), why, Findings.evidence(List.of(call.first().frame(),
                cut.answer().frame(), cut.bye().frame()), call.configIds(), facts), Findings.fix(List.of(step),
                List.of(), null));
    }

    /**
     * True when {@code bye} is LiveKit's hang-up at a trunk's max_call_duration: the after-answer checks that would read
     * it as a media timeout or an expired session timer leave it to this one (one finding per cause).
     */
    static boolean claims(DiagnosisContext context, SipMessage bye) {
        if (bye == null) {
            return false;
        }
        for (LiveKitRouting r : context.routings()) {
            Cut cut = cut(context, r);
            if (cut != null && cut.bye().frame() == bye.frame()) {
                return true;
            }
        }
        for (OutboundCall call : OutboundCall.of(context)) {
            OutboundCut cut = cut(context, call);
            if (cut != null && cut.bye().frame() == bye.frame()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cut of {@code r}'s call, or null when the call did not end at its limit: the matched trunk's
     * max_call_duration, else LiveKit's own cap of 24 hours (livekit/sip pkg/sip/participant.go maxCallDuration),
     * which also holds for a call routed without a config.
     */
    static Cut cut(DiagnosisContext context, LiveKitRouting r) {
        SIPInboundTrunkInfo trunk = r.simulated() ? r.outcome().trunk().trunk() : null;
        if (r.simulated() && r.outcome().dispatch().kind() == DispatchMatch.Kind.PIN_PROMPT) {
            return null; // the deadline starts once the PIN is entered, which the capture does not time
        }
        InviteTransaction tx = r.transaction();
        SipMessage answer = tx.finalResponse();
        if (answer == null || answer.status() < 200 || answer.status() >= 300) {
            return null;
        }
        CallLimits limits = CallLimits.of(trunk);
        SipMessage bye = firstBye(context, tx);
        if (bye == null || bye.src() == null || tx.request().dst() == null
                || !bye.src().address().equals(tx.request().dst().address())) {
            return null; // the other side hung up first
        }
        long after = bye.timestampMicros() - tx.request().timestampMicros();
        long limit = limits.maxCallMicros();
        return after >= limit - EARLY_MICROS && after <= limit + LATE_MICROS
                ? new Cut(r, trunk, limits, answer, bye) : null;
    }

    /** The first BYE of the INVITE's dialog, by either side, or null: from the call's BYEs, worked out once a call. */
    private static SipMessage firstBye(DiagnosisContext context, InviteTransaction tx) {
        for (DialogRequests d : context.dialogRequests(tx.flow(), "BYE")) {
            SipMessage m = d.request();
            if (m.frame() > tx.frame() && tx.callId().equals(m.callId())) {
                return m;
            }
        }
        return null;
    }

    private static Finding finding(LiveKitConfig config, Cut cut) {
        if (!cut.limits().maxCallSet()) {
            return cappedFinding(cut);
        }
        InviteTransaction tx = cut.routing().transaction();
        SIPInboundTrunkInfo trunk = cut.trunk();
        String id = trunk.getSipTrunkId();
        String limit = CallLimits.text(cut.limits().maxCallMicros());
        double afterInvite = cut.secondsToBye(tx.request());
        double afterAnswer = cut.secondsToBye(cut.answer());
        double ringing = (cut.answer().timestampMicros() - tx.request().timestampMicros()) / 1e6;
        List<String> facts = List.of(
                String.format(Locale.ROOT, "INVITE frame %d; LiveKit answered at frame %d, %.1f s later; LiveKit sent "
                        + "BYE at frame %d, %.1f s after the INVITE (%.1f s after the answer)", tx.frame(),
                        cut.answer().frame(), ringing, cut.bye().frame(), afterInvite, afterAnswer),
                "Trunk " + id + " max_call_duration: " + limit + (limit.endsWith(" s") ? ""
                        : " (" + trunk.getMaxCallDuration().getSeconds() + " s)"),
                cut.routing().summary());
        String why = "LiveKit sets a deadline of the trunk's max_call_duration when it takes an inbound call, just "
                + "after the INVITE arrives (so the ringing counts too), and when it passes it ends an answered call "
                + "with a BYE of its own, without a Reason header. This BYE came " + String.format(Locale.ROOT,
                "%.1f", afterInvite) + " s after the INVITE, at trunk " + id + "'s limit of " + limit + ": the call "
                + "was cut by the trunk's limit, not by the agent, the caller or the network. Callers see it as calls "
                + "that drop after exactly " + limit + ".";
        List<String> steps = new ArrayList<>();
        steps.add("If the limit is meant, nothing is broken. Otherwise raise or remove it: save the JSON below as "
                + "trunk.json (the same trunk without maxCallDuration, so LiveKit's own cap of 24 h applies; to keep "
                + "a limit, add e.g. \"maxCallDuration\": \"7200s\") and replace the trunk with it. lk has no flag for "
                + "it; through the API it is the trunk's max_call_duration field (UpdateSIPInboundTrunk).");
        if (!trunk.getAuthPassword().isEmpty()) {
            steps.add("The JSON holds no password: set it again afterwards (lk sip inbound update --id " + id
                    + " --auth-pass ...).");
        }
        return Findings.call(tx, CODE, CODE.title("trunk " + id + "'s max_call_duration", limit), why,
                Findings.evidence(cut.frames(), List.of(id), facts),
                Findings.fix(steps, List.of(LkCommand.replaceTrunk(id, "trunk.json")),
                        ConfigJson.trunkWithoutSecret(config, trunk.toBuilder().clearMaxCallDuration().build())));
    }

    /** A call cut at LiveKit's own cap of 24 hours: no trunk limit below it (or no config to say one). */
    private static Finding cappedFinding(Cut cut) {
        InviteTransaction tx = cut.routing().transaction();
        String limit = CallLimits.text(cut.limits().maxCallMicros());
        double afterInvite = cut.secondsToBye(tx.request());
        double afterAnswer = cut.secondsToBye(cut.answer());
        List<String> facts = new ArrayList<>(3);
        facts.add(String.format(Locale.ROOT, "INVITE frame %d; LiveKit answered at frame %d; LiveKit sent BYE at frame "
                + "%d, %.1f s after the INVITE (%.1f h; %.1f h after the answer)", tx.frame(), cut.answer().frame(),
                cut.bye().frame(), afterInvite, afterInvite / 3600, afterAnswer / 3600));
        List<String> ids = new ArrayList<>(1);
        if (cut.trunk() != null) {
            facts.add("Trunk " + cut.trunk().getSipTrunkId() + " sets no max_call_duration below it");
            ids.add(cut.trunk().getSipTrunkId());
        } else if (!cut.routing().simulated()) {
            facts.add("No LiveKit config loaded: a trunk's max_call_duration of exactly " + limit + " would look the "
                    + "same, a shorter one would have ended the call sooner");
        }
        if (cut.routing().simulated()) {
            facts.add(cut.routing().summary());
        }
        String why = "LiveKit caps every inbound call at " + limit + " from its INVITE (livekit/sip's maxCallDuration; "
                + "a trunk's max_call_duration can only lower it) and at the deadline ends an answered call with a BYE "
                + "of its own, without a Reason header. This BYE came " + String.format(Locale.ROOT, "%.1f", afterInvite)
                + " s after the INVITE: the call was cut by LiveKit's cap, not by the agent, the caller or the network.";
        return Findings.call(tx, CODE, CODE.title("its own cap", limit), why,
                Findings.evidence(cut.frames(), ids, facts),
                Findings.fix(List.of("No setting raises LiveKit's cap: a session that must last longer than " + limit
                        + " has to be carried over to a new call before it ends (the agent or the dialer places it)."),
                        List.of(), null));
    }
}
