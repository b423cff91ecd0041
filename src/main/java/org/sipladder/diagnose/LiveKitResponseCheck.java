package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.livekit.CallLimits;
import org.sipladder.livekit.CallMedia;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.StatusLine;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/**
 * LK_RESPONSE_EXPLAINED: what LiveKit's own final response means, read from the capture alone (section 5 of the
 * routing notes). Used when no config was loaded, or when the loaded config no longer explains the capture, and for a
 * 500 the config explains by a media config LiveKit cannot make (naming the item and how to repair it).
 */
final class LiveKitResponseCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_RESPONSE_EXPLAINED;

    /** One recognisable LiveKit answer and what it means. */
    private record Meaning(int status, String reason, boolean afterRinging, String title, String why, String step) {
    }

    /** What LiveKit does before its 486 Rejected (livekit/sip: the wait for the agent's audio ends at the ringing timeout). */
    private static final String NO_AGENT_JOINED = "LiveKit rings (180 every second) while it waits for an agent to "
            + "join the room, and answers 486 Rejected when none joined before the trunk's ringing timeout";

    /** Why a 487 from LiveKit means the caller gave up while it rang. */
    private static final String RINGS_UNTIL_AGENT = "LiveKit rings (180 every second) until an agent has joined the "
            + "room, and answers 200 OK only then; this caller (or the B2BUA in front of LiveKit) sent CANCEL first.";

    /**
     * Ringing up to this long before the caller's CANCEL says nothing about the agent: dispatching a job, the worker
     * joining the room and LiveKit subscribing to its audio usually take a few seconds, and callers give up early too.
     */
    private static final long SHORT_RING_MICROS = 10_000_000;

    private static final List<Meaning> MEANINGS = List.of(
            new Meaning(503, "Try again later", false, "LiveKit could not pick an inbound trunk",
                    "LiveKit answers 100 Processing, then 503 Try again later without ringing when matching the inbound "
                            + "trunk fails: most often two trunks claim the called number ('Multiple SIP Trunks matched'), "
                            + "or several default trunks accept the call.",
                    "Run lk sip inbound list and make sure exactly one trunk lists the called number (with or without '+')."),
            new Meaning(503, "Try again later", true, "LiveKit could not choose a dispatch rule",
                    "LiveKit rings, then answers 503 Try again later when evaluating the dispatch rules fails, for "
                            + "example when two rules claim the same trunk and callers.",
                    "Run lk sip dispatch list and keep one rule per trunk (and PIN and caller list)."),
            new Meaning(404, "No trunk found", false, "No LiveKit inbound trunk accepts this call",
                    "LiveKit Cloud answers 404 No trunk found when no inbound trunk takes the call: none lists the "
                            + "called number (To user) and lets the source address and caller in, and no default trunk "
                            + "(one without numbers) does, or the project has no inbound trunk at all.",
                    "Compare the To user with the numbers of lk sip inbound list (create an inbound trunk if there is "
                            + "none), and check allowed_addresses and allowed_numbers."),
            new Meaning(404, "Does not match any SIP Trunks", false, "LiveKit's trunk lookup found no trunk for this call",
                    "A self-hosted (open-source) LiveKit SIP server answers 404 Does not match any SIP Trunks when the "
                            + "trunk lookup reports no trunk at all for the call (the service behind it decides; "
                            + "LiveKit's own server normally goes on to the wildcard dispatch rules instead).",
                    "Compare the To user with the numbers of lk sip inbound list, check allowed_addresses and "
                            + "allowed_numbers, or add a wildcard dispatch rule (no trunk_ids)."),
            new Meaning(404, "Does not match Trunks or Dispatch Rules", true, "No dispatch rule accepts this call",
                    "LiveKit answers 404 Does not match Trunks or Dispatch Rules when the dispatch evaluation says "
                            + "'reject': no dispatch rule takes the call for the matched trunk (or, with no trunk, "
                            + "no wildcard rule does).",
                    "Run lk sip dispatch list and add a rule for the trunk (or a wildcard rule without trunk_ids); "
                            + "check the rules' inbound_numbers and numbers."),
            new Meaning(503, "Service temporarily unavailable", false, "LiveKit Cloud refused the call for quota",
                    "LiveKit Cloud answers 503 Service temporarily unavailable when the project's SIP quota is used up.",
                    "Check the project's plan and concurrent call limits in the LiveKit Cloud dashboard."),
            new Meaning(486, "Rejected", true, "No agent joined the call before the ringing timeout",
                    NO_AGENT_JOINED + ": usually the dispatch rule "
                            + "names no agent (room_config.agents) or another name than the worker registers with.",
                    "Add the agent to the dispatch rule's room_config.agents and check that the worker is running."),
            new Meaning(487, "Request Terminated", true, "The caller hung up while LiveKit was still ringing",
                    RINGS_UNTIL_AGENT + " The ringing lasted long, so no agent was coming: the dispatch rule names "
                            + "no agent (room_config.agents) "
                            + "or another name than the worker registers with, or no worker was free to take the job; "
                            + "left alone, LiveKit answers 486 Rejected at the trunk's ringing timeout.",
                    "Check that the dispatch rule dispatches the agent (room_config.agents, the worker's agent name) "
                            + "and that a worker is running and accepting jobs; if callers hang up during a normal "
                            + "agent start, shorten it."),
            new Meaning(400, "Bad request", false, "LiveKit could not read the INVITE's headers",
                    "LiveKit answers 400 Bad request, without 100 Processing, when the INVITE lacks a Call-ID, a From "
                            + "header, a tag on the From header or a To header.",
                    "Make the sender (or the B2BUA in front of LiveKit) put Call-ID, From with a tag, and To in every INVITE."),
            new Meaning(400, "", false, "LiveKit rejected the offer (codec, SDP or encryption)",
                    "LiveKit answers 400 with an empty reason phrase when the offer has no codec it supports "
                            + "(PCMU, PCMA, G722), the SDP is invalid, or the trunk requires encryption and the offer is plain RTP.",
                    "Offer G.711 (PCMA/PCMU) in plain RTP unless the trunk's media_encryption requires SRTP."),
            new Meaning(500, "", false, "LiveKit failed with a server or media-port error",
                    "LiveKit answers 500 with an empty reason phrase when it cannot allocate media or hits an internal error.",
                    "Retry; if it persists, contact LiveKit support with the Call-ID and time of the call."));

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.routings()) {
            StatusLine last = r.observedFinal();
            // a 486 the config predicts at the ringing timeout but that came long before it is not explained by it
            // a 500 the config predicts for a media config LiveKit cannot make is explained by naming that config
            if (last == null || r.consistency() == Consistency.CONSISTENT && !beforeRingingTimeout(r, last)
                    && mediaConfigError(r) == null) {
                continue;
            }
            // loops, not streams: asked of every call LiveKit answered, under the quick JIT
            boolean rang = false;
            for (int i = 0; i < r.observed().size() && !rang; i++) {
                int status = r.observed().get(i).status();
                rang = status >= 180 && status < 200;
            }
            for (int i = 0; i < MEANINGS.size(); i++) {
                Meaning m = MEANINGS.get(i);
                if (m.status() == last.status() && m.reason().equalsIgnoreCase(nullToEmpty(last.reason()))
                        && (m.status() != 503 || !m.reason().equals("Try again later") || m.afterRinging() == rang)) {
                    findings.add(finding(context, r, m, last));
                    break;
                }
            }
        }
        return findings;
    }

    private static Finding finding(DiagnosisContext context, LiveKitRouting r, Meaning m, StatusLine last) {
        List<String> facts = new ArrayList<>();
        facts.add("LiveKit answered " + String.join(", ", r.observed().stream().map(LiveKitRouting::label).toList()));
        facts.add(r.simulated() ? r.summary() : "No LiveKit config loaded: the meaning comes from LiveKit's known answers");
        List<String> steps = new ArrayList<>();
        steps.add(m.step());
        if (!r.simulated()) {
            steps.add(Findings.loadConfigStep("so that the analyzer can name the trunk or rule"));
        }
        String why = m.why();
        boolean shortRing = false;
        if (last.status() == 487) {
            facts.add(0, ringing(r.transaction()));
            long rang = ringingMicros(r.transaction());
            shortRing = rang < SHORT_RING_MICROS;
            if (shortRing) {
                why = RINGS_UNTIL_AGENT + String.format(Locale.ROOT, " It rang %.1f s, less than an agent often takes"
                        + " to join, so nothing here shows a missing agent: the caller gave up early.", rang / 1e6);
                steps.set(0, "Nothing in LiveKit's routing to fix for this call. If many callers hang up this soon,"
                        + " compare how long LiveKit takes to answer the calls that are answered (the agent's start-up)"
                        + " and shorten it.");
            }
        }
        if (last.status() == 400 && m.reason().isEmpty()) {
            // the offer says which of the three readings of LiveKit's bare 400 are left
            Offer offer = offer(context, r.transaction());
            if (offer != null) {
                facts.add(offer.fact());
                if (offer.step() != null) {
                    steps.set(0, offer.step());
                }
            }
        }
        if (last.status() == 486) {
            // the matched trunk's ringing_timeout when a config was loaded, else LiveKit's default of 3 minutes
            String timing = RingingTimeout.fact(r.transaction(),
                    CallLimits.of(r.simulated() ? r.outcome().trunk().trunk() : null), r.simulated());
            if (timing != null) {
                facts.add(0, timing);
            }
        }
        DispatchMatch dispatch = r.simulated() ? r.outcome().dispatch() : null;
        String title = m.title();
        if (beforeRingingTimeout(r, last)) {
            // no agent ends the ringing only at the timeout: what fails sooner leads, the agent comes after
            CallLimits limits = CallLimits.of(r.outcome().trunk().trunk());
            boolean agents = dispatch != null && dispatch.kind() == DispatchMatch.Kind.MATCHED
                    && !dispatch.agentNames().isEmpty();
            title = "LiveKit ended the call before its ringing timeout";
            why = RingingTimeout.EARLY_FAILURES + ". That is what ended this call: " + limits.ringingLimit()
                    + " had not passed, and only then does LiveKit give up on an agent that never joins"
                    + (agents ? " (the dispatch rule " + dispatch.rule().getSipDispatchRuleId() + " dispatches "
                    + String.join(", ", dispatch.agentNames()) + ")." : ".");
            steps.set(0, RingingTimeout.EARLY_STEP);
        } else if (last.status() == 486 && dispatch != null && dispatch.kind() == DispatchMatch.Kind.MATCHED
                && dispatch.rule() != null && !dispatch.agentNames().isEmpty()) {
            // the loaded rule does name an agent: "usually the rule names none" would send the user the wrong way
            String agents = String.join(", ", dispatch.agentNames());
            why = NO_AGENT_JOINED + ". The dispatch rule " + dispatch.rule().getSipDispatchRuleId() + " dispatches "
                    + agents + ", so no worker registered under that name took the job in time: none was running "
                    + "and connected to this project, it registers under another agent name, it was at capacity, or "
                    + "it failed before joining the room.";
            steps.set(0, "Check that a worker with agent name " + agents + " is running, connected to this "
                    + "project and accepting jobs, and read its logs at the call's time.");
        }
        String mediaError = last.status() == 500 ? mediaConfigError(r) : null;
        if (mediaError != null) {
            return mediaConfigFinding(context, r, last, facts, mediaError);
        }
        Finding f = Findings.call(r.transaction(), CODE, CODE.title(title, LiveKitRouting.label(last)),
                why, Findings.evidence(Findings.frames(r.transaction()), List.of(), facts), Findings.fix(steps, List.of(), null));
        // a caller who gives up may just have changed their mind: a warning after long ringing (its fact says how
        // long it rang), information when it hung up before an agent would usually have joined
        return last.status() != 487 ? f : f.withSeverity(shortRing ? Severity.INFO : Severity.WARNING);
    }

    /**
     * Why LiveKit cannot make the media config of the call {@code r} simulates ({@link CallMedia#configError}), or null:
     * it then answers 500 with an empty reason phrase (livekit/sip pkg/sip/inbound.go, newMediaConfig's error).
     */
    private static String mediaConfigError(LiveKitRouting r) {
        CallMedia media = r.simulated() ? r.outcome().media() : null;
        return media == null ? null : media.configError();
    }

    /** LiveKit's 500 for the call's media config, naming the item that sets its codecs and how to repair it. */
    private static Finding mediaConfigFinding(DiagnosisContext context, LiveKitRouting r, StatusLine last,
                                              List<String> facts, String error) {
        CallMedia media = r.outcome().media();
        String why = "LiveKit builds each call's media config from its trunk's and dispatch rule's media (rule over "
                + "trunk) once the dispatch rule took it, and answers 500 with an empty reason phrase when it cannot "
                + "(livekit/sip pkg/sip/media_codecs.go newMediaConfig, pkg/sip/inbound.go): here "
                + media.describeCodecs() + ", and " + error + ". Every call this item applies to fails the same way.";
        ConfiguredCodecs.Change change = ConfiguredCodecs.repair(context.config(), media);
        return Findings.call(r.transaction(), CODE, CODE.title("LiveKit cannot make the call's media config ("
                        + media.codecsBy() + ")", LiveKitRouting.label(last)), why,
                Findings.evidence(Findings.frames(r.transaction()), List.of(media.codecsId()), facts),
                Findings.fix(change.steps(), change.commands(), change.json()));
    }

    /**
     * True when {@code last} is LiveKit's 486 Rejected and the loaded config's trunk rules out its ringing timeout
     * ({@link RingingTimeout#ruledOut}): the call failed before the answer some other way.
     */
    private static boolean beforeRingingTimeout(LiveKitRouting r, StatusLine last) {
        return last.status() == 486 && r.simulated()
                && RingingTimeout.ruledOut(r.transaction(), CallLimits.of(r.outcome().trunk().trunk()));
    }

    /** What the offer LiveKit refused with a bare 400 shows: a fact, and the fix step it leaves (null: the usual). */
    private record Offer(String fact, String step) {
    }

    /**
     * What the SDP offer of {@code tx}'s INVITE says about LiveKit's bare 400 (no codec it takes, an SDP it cannot
     * read, or plain RTP to a trunk that requires encryption); null when the INVITE carries no SDP.
     */
    private static Offer offer(DiagnosisContext context, InviteTransaction tx) {
        Sdp sdp = context.sdp(tx.request());
        if (sdp == null) {
            return null;
        }
        List<String> codecs = NoCommonCodecCheck.audioCodecs(sdp);
        List<String> taken = new ArrayList<>(codecs.size());
        for (String c : codecs) {
            if (NoCommonCodecCheck.LIVEKIT_CODECS.contains(c)) {
                taken.add(c);
            }
        }
        if (taken.isEmpty()) {
            return new Offer("The offer (frame " + tx.frame() + ") has no audio codec LiveKit takes ("
                    + (codecs.isEmpty() ? "no audio codec at all" : String.join(", ", codecs)) + ")", null);
        }
        boolean plain = true;
        for (SdpMedia media : sdp.media()) {
            if (media.type().equalsIgnoreCase("audio") && media.port() != 0 && (media.srtp() || media.crypto())) {
                plain = false;
            }
        }
        return new Offer("The offer (frame " + tx.frame() + ") includes " + String.join(", ", taken) + ", which LiveKit "
                + "takes, so the codec is not the reason" + (plain ? "; it is plain RTP (no SRTP profile, no a=crypto)" : ""),
                plain ? "The offer has a codec LiveKit takes and is plain RTP: check whether the trunk's media_encryption "
                        + "requires SRTP (then offer SRTP with a=crypto, or allow plain RTP on the trunk), else look for "
                        + "what LiveKit could not read in the SDP."
                        : "The offer has a codec LiveKit takes: look for what LiveKit could not read in the SDP, and "
                        + "check the trunk's media_encryption against the offer's SRTP keys.");
    }

    /** How long LiveKit rang before the caller's CANCEL (or its 487, when the CANCEL is not in the capture). */
    private static String ringing(InviteTransaction tx) {
        SipMessage cancel = tx.cancel();
        return String.format(Locale.ROOT, "%s %.1f s after the INVITE (frame %d)",
                cancel != null ? "The caller's CANCEL came" : "LiveKit's 487 came", ringingMicros(tx) / 1e6,
                ringingEnd(tx).frame());
    }

    private static long ringingMicros(InviteTransaction tx) {
        return ringingEnd(tx).timestampMicros() - tx.request().timestampMicros();
    }

    /** The caller's CANCEL, or LiveKit's 487 when the CANCEL is not in the capture. */
    private static SipMessage ringingEnd(InviteTransaction tx) {
        SipMessage cancel = tx.cancel();
        return cancel != null ? cancel : tx.finalResponse();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
