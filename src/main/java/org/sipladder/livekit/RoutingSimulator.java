package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * Answers "what would LiveKit do with this INVITE?" from a project's trunks and dispatch rules, exactly as the
 * routing notes ({@code docs/livekit-inbound-routing.md}) describe: trunk selection, authentication, dispatch
 * rule selection and the responses to expect, with the reasoning in sentences.
 */
public final class RoutingSimulator {

    /** What a rule without a kind lacks, as the config shows it. */
    public static final String NO_KIND = "has no rule kind (no dispatchRuleDirect, dispatchRuleIndividual or "
            + "dispatchRuleCallee)";
    /**
     * What to do about it: LiveKit accepts a rule whose {@code rule} part is empty (livekit.SIPDispatchRuleInfo
     * Validate refuses only a missing one), and an lk that does not know a newer kind prints that kind as an empty
     * {@code rule} too, which the file cannot tell apart.
     */
    public static final String NO_KIND_REMEDY = "If LiveKit shows a kind for this rule, the export came from an lk "
            + "older than the server: update lk and export the rules again; otherwise give the rule a kind or delete it.";

    private final LiveKitConfig config;
    private final RoutingOptions options;
    /** The texts and tables that depend only on the config and options, made once: one simulator serves every INVITE. */
    private final TrunkSelector trunks;
    private final String assumption;
    private final String noneAccepts;

    /** Simulates with {@link RoutingOptions#DEFAULT} (LiveKit Cloud). */
    public RoutingSimulator(LiveKitConfig config) {
        this(config, RoutingOptions.DEFAULT);
    }

    public RoutingSimulator(LiveKitConfig config, RoutingOptions options) {
        this.config = config;
        this.options = options;
        this.trunks = new TrunkSelector(config.trunks());
        this.assumption = "Assuming " + options.deployment().description() + ": " + options.basis() + ".";
        int count = config.trunks().size();
        this.noneAccepts = (count == 1 ? "The project has 1 inbound trunk but it does not accept the call"
                : "The project has " + count + " inbound trunks but none accepts the call")
                + "; trunk matching returns no trunk and no error.";
    }

    /**
     * The rule LiveKit's second evaluation picks for a call whose {@code outcome} was a PIN prompt, once the caller
     * pressed '#' after {@code pin} ("" for '#' alone): MATCHED with the rule that takes the call, or NONE (LiveKit
     * then plays its wrong-PIN message and hangs up); CONFLICT or NO_RULE_KIND when the listed rules fail LiveKit's
     * validation, which it repeats on this evaluation (a config whose first evaluation prompted never does).
     */
    public static DispatchMatch afterPin(LiveKitConfig config, RoutingOutcome outcome, InboundInvite invite,
                                         String pin) {
        return new DispatchSelector(config).selectAfterPin(outcome.trunk().trunk(), invite, pin);
    }

    /** The calling number last quoted, with its quote ({@link #quotedCalling}). */
    private volatile Quoted lastCalling;

    private record Quoted(String number, String quoted) {
    }

    /**
     * {@link TrunkSelector#quote} of the calling number, made once while INVITEs come from the same caller (a test
     * line, a carrier's fixed presentation number). Shared by the threads: an entry is immutable.
     */
    private String quotedCalling(String calling) {
        Quoted last = lastCalling;
        if (last != null && last.number() != null && last.number().equals(calling)) {
            return last.quoted();
        }
        Quoted made = new Quoted(calling, TrunkSelector.quote(calling));
        lastCalling = made;
        return made.quoted();
    }

    private static final String MATCHES = "LiveKit matches the called number ";
    private static final String NORMALIZED = " (To user, normalized ";
    private static final String CALLING = ") and the calling number ";
    private static final String FROM_USER = " (From user).";

    /**
     * "LiveKit matches the called number ...": a sentence per INVITE, in a builder of its size (a concatenation's
     * starts at 16 characters and grows three times). {@code calledNorm} is null when it is the called number as
     * written; else it is '+' and digits, nothing to escape, quoted here rather than made as a string of its own.
     */
    private static String matching(String quotedCalled, String calledNorm, String quotedCalling) {
        int length = MATCHES.length() + quotedCalled.length() + NORMALIZED.length()
                + (calledNorm == null ? quotedCalled.length() : calledNorm.length() + 2) + CALLING.length()
                + quotedCalling.length() + FROM_USER.length();
        StringBuilder s = new StringBuilder(length).append(MATCHES).append(quotedCalled).append(NORMALIZED);
        if (calledNorm == null) {
            s.append(quotedCalled);
        } else {
            s.append('"').append(calledNorm).append('"');
        }
        return s.append(CALLING).append(quotedCalling).append(FROM_USER).toString();
    }

    /**
     * True when the source address LiveKit saw can change an outcome: a trunk has a usable allowed_addresses entry.
     * Else the same INVITE sent through a NAT ({@link InboundInvite#behindNat}) has the very same outcome.
     */
    public boolean readsSourceAddress() {
        return trunks.readsSource();
    }

    /** The outcome for one INVITE. */
    public RoutingOutcome simulate(InboundInvite invite) {
        List<String> reasoning = new ArrayList<>();
        if (isMalformed(invite)) {
            reasoning.add("The INVITE lacks " + missingHeaders(invite) + ", so LiveKit rejects it with "
                    + "400 Bad request before any routing (no 100 Processing).");
            return new RoutingOutcome(new TrunkMatch(TrunkMatch.Kind.NO_TRUNKS, null, List.of(), null, List.of()),
                    AuthOutcome.NOT_EVALUATED, DispatchMatch.notEvaluated(),
                    LiveKitResponses.MALFORMED_INVITE.responses(), reasoning, options);
        }
        reasoning.add(assumption);
        String calledNorm = PhoneNumbers.normalize(invite.calledNumber());
        String quotedCalled = TrunkSelector.quote(invite.calledNumber());
        reasoning.add(matching(quotedCalled, calledNorm == invite.calledNumber() ? null : calledNorm,
                quotedCalling(invite.callingNumber())));
        noteRequestUri(invite, reasoning);
        TrunkMatch trunk = trunks.select(invite, calledNorm, quotedCalled, reasoning);
        reasoning.add(describe(trunk));
        if (trunk.isError()) {
            return stopAtTrunk(trunk, reasoning);
        }
        if (trunk.trunk() == null) {
            return withoutTrunk(trunk, invite, reasoning);
        }
        DigestCheck.Result auth = DigestCheck.check(trunk.trunk(), invite);
        reasoning.add(auth.explanation());
        if (auth.responses() != null) {
            return new RoutingOutcome(trunk, auth.outcome(), DispatchMatch.notEvaluated(),
                    auth.responses().responses(), reasoning, options);
        }
        DispatchMatch dispatch = new DispatchSelector(config).select(trunk.trunk(), invite, reasoning);
        CallMedia media = media(dispatch, trunk.trunk());
        LiveKitResponses responses = dispatchResponses(dispatch, trunk.trunk(), media, invite, reasoning);
        return new RoutingOutcome(trunk, auth.outcome(), dispatch, responses.responses(), reasoning, options, media);
    }

    private RoutingOutcome stopAtTrunk(TrunkMatch trunk, List<String> reasoning) {
        reasoning.add("LiveKit fails the call with 503 Try again later, without ringing.");
        return new RoutingOutcome(trunk, AuthOutcome.NOT_EVALUATED, DispatchMatch.notEvaluated(),
                LiveKitResponses.TRUNK_ERROR.responses(), reasoning, options);
    }

    /**
     * No trunk matched: trunk matching reports no error; Cloud answers 404 No trunk found, the open-source server
     * accepts the call without authentication and only wildcard dispatch rules can take it (routing notes, section 2).
     */
    private RoutingOutcome withoutTrunk(TrunkMatch trunk, InboundInvite invite, List<String> reasoning) {
        if (options.cloud()) {
            reasoning.add("LiveKit Cloud answers this with 404 No trunk found (the open-source server would go on "
                    + "without a trunk instead).");
            return new RoutingOutcome(trunk, AuthOutcome.NOT_EVALUATED, DispatchMatch.notEvaluated(),
                    LiveKitResponses.NO_TRUNK_CLOUD.responses(), reasoning, options);
        }
        reasoning.add("The open-source server goes on without a trunk: no authentication, and only wildcard dispatch "
                + "rules (no trunk_ids) can take the call.");
        DispatchMatch dispatch = new DispatchSelector(config).select(null, invite, reasoning);
        CallMedia media = media(dispatch, null);
        LiveKitResponses responses = dispatchResponses(dispatch, null, media, invite, reasoning);
        return new RoutingOutcome(trunk, AuthOutcome.NOT_REQUIRED, dispatch, responses.responses(), reasoning, options,
                media);
    }

    /** The media config of a call a rule took (answered or prompted for a PIN), else null. */
    private CallMedia media(DispatchMatch dispatch, SIPInboundTrunkInfo trunk) {
        return dispatch.kind() == DispatchMatch.Kind.MATCHED || dispatch.kind() == DispatchMatch.Kind.PIN_PROMPT
                ? CallMedia.of(config, trunk, dispatch.rule()) : null;
    }

    private static LiveKitResponses dispatchResponses(DispatchMatch dispatch, SIPInboundTrunkInfo trunk, CallMedia media,
                                                      InboundInvite invite, List<String> reasoning) {
        switch (dispatch.kind()) {
            case CONFLICT -> {
                List<String> ids = dispatch.candidateIds();
                reasoning.add((ids.size() == 1 ? "Dispatch rule " + ids.get(0) + " conflicts with itself (an entry "
                        + "listed twice, or in two forms that normalize alike)" : "Dispatch rules "
                        + String.join(" and ", ids) + " conflict (same trunk, PIN and numbers)")
                        + ": LiveKit rings, then fails the call with "
                        + "503 Try again later (" + dispatch.error() + ").");
                return LiveKitResponses.DISPATCH_ERROR;
            }
            case NO_RULE_KIND -> {
                reasoning.add("Dispatch rule " + ConfigView.label(dispatch.rule()) + " " + NO_KIND
                        + ": LiveKit checks every listed rule before it filters them, and this one fails the whole "
                        + "evaluation, so it rings, then fails the call with 503 Try again later (" + dispatch.error()
                        + "). " + NO_KIND_REMEDY);
                return LiveKitResponses.DISPATCH_ERROR;
            }
            case NONE -> {
                reasoning.add("No dispatch rule matches (" + dispatch.error() + "): LiveKit drops the call and "
                        + "sends no final response; the caller hears ringing until it gives up or cancels.");
                return LiveKitResponses.NO_DISPATCH_RULE;
            }
            case PIN_PROMPT -> {
                reasoning.add("Rule " + ConfigView.label(dispatch.rule()) + " has a PIN: LiveKit answers and asks "
                        + "the caller for it before joining room " + TrunkSelector.quote(dispatch.roomName()) + ".");
                LiveKitResponses refused = refusesOffer(media, invite, reasoning);
                return refused != null ? refused : LiveKitResponses.PIN_PROMPT;
            }
            default -> {
                reasoning.add("Rule " + ConfigView.label(dispatch.rule()) + " (" + ConfigView.kind(dispatch.rule())
                        + ") puts the caller in room " + TrunkSelector.quote(dispatch.roomName())
                        + roomCaveat(dispatch) + ".");
                LiveKitResponses refused = refusesOffer(media, invite, reasoning);
                return refused != null ? refused : agentResponses(dispatch, trunk, reasoning);
            }
        }
    }

    /**
     * How LiveKit fails the call for its media before it answers or joins the room, or null when it does not: a media
     * config it cannot make (500, {@link CallMedia#configError}), an offer with none of the codecs the call's media
     * config takes (400; LiveKit's default set when no trunk or rule sets media.codecs), or SRTP required and the offer has no
     * SDES keys (400, {@link CallEncryption}). Says so in {@code reasoning}.
     */
    private static LiveKitResponses refusesOffer(CallMedia media, InboundInvite invite, List<String> reasoning) {
        String error = media.configError();
        if (error != null) {
            reasoning.add("The call's media config cannot be made (" + media.describeCodecs() + "; " + error
                    + "): LiveKit rings, then fails the call with 500 and an empty reason phrase.");
            return LiveKitResponses.SERVER_ERROR;
        }
        if (invite.offerCodecs() != null && !invite.offerCodecs().isEmpty() && !media.acceptsAny(invite.offerCodecs())
                && !media.serverMayTake(invite.offerCodecs())) {
            reasoning.add("The INVITE's audio offer (" + offered(invite.offerCodecs()) + ") has none of the codecs "
                    + "LiveKit takes for this call (" + String.join(", ", media.acceptedCodecs()) + ": "
                    + media.describeCodecs() + "): LiveKit rings, then refuses the offer (no common codec) with 400 "
                    + "and an empty reason phrase.");
            return LiveKitResponses.MEDIA_REJECTED;
        }
        CallEncryption encryption = media.encryption();
        if (encryption.unknown()) {
            reasoning.add("Encryption: " + encryption.describe() + "; if it requires SRTP, LiveKit refuses an offer "
                    + "without SDES keys with 400 after ringing.");
            return null;
        }
        if (!encryption.required() || !Boolean.FALSE.equals(invite.offerEncrypted())) {
            return null;
        }
        reasoning.add("Media must be encrypted (" + encryption.describe() + ") and the INVITE's audio offer has no "
                + "SDES keys (no a=crypto line): LiveKit rings, then refuses the offer (no common encryption profiles) "
                + "with 400 and an empty reason phrase.");
        return LiveKitResponses.MEDIA_REJECTED;
    }

    /** "PCMA/8000, G729/8000": the offered codec texts without their payload types. */
    private static String offered(List<String> codecs) {
        List<String> names = new ArrayList<>(codecs.size());
        for (String c : codecs) {
            int blank = c.indexOf(' ');
            names.add(blank < 0 ? c : c.substring(blank + 1));
        }
        return String.join(", ", names);
    }

    private static LiveKitResponses agentResponses(DispatchMatch dispatch, SIPInboundTrunkInfo trunk,
                                                   List<String> reasoning) {
        if (!dispatch.agentNames().isEmpty()) {
            List<String> agents = dispatch.agentNames();
            reasoning.add("It dispatches " + (agents.size() == 1 ? "agent " : "agents ") + String.join(", ", agents)
                    + "; LiveKit answers 200 OK once the "
                    + "agent's audio is subscribed (if that agent is running and registered under that name).");
            return LiveKitResponses.SUCCESS;
        }
        CallLimits limits = CallLimits.of(trunk);
        // the wording of the common cases kept as it was; a max_call_duration shorter than the ringing names itself
        String timeout = limits.maxCallMicros() < limits.ringingMicros() ? limits.ringingLimit()
                : limits.ringingSet() ? "the " + CallLimits.text(limits.ringingMicros()) + " ringing timeout of trunk "
                + trunk.getSipTrunkId() : "the default ringing timeout of 3 minutes";
        reasoning.add("Rule " + dispatch.rule().getSipDispatchRuleId() + " dispatches no agent "
                + "(no room_config.agents): an agent registered with an agent name never joins, so LiveKit rings "
                + "until " + timeout + " and answers 486 Rejected. Only an agent running without an agent name "
                + "(automatic dispatch) would join, which the configuration cannot show.");
        return LiveKitResponses.NO_AGENT_TIMEOUT;
    }

    private static String roomCaveat(DispatchMatch dispatch) {
        return dispatch.roomName() != null && dispatch.roomName().contains(RoomNames.RANDOM)
                ? " (pattern from LiveKit's open-source code; the routing notes do not give it)"
                : "";
    }

    private String describe(TrunkMatch trunk) {
        return switch (trunk.kind()) {
            case MATCHED -> "Trunk " + ConfigView.label(trunk.trunk())
                    + " is the only trunk that lists the number and lets the call in.";
            case DEFAULT -> "No trunk that lets the call in lists the number; the default trunk "
                    + ConfigView.label(trunk.trunk()) + " (no numbers) takes the call.";
            case CONFLICT -> "Trunks " + String.join(" and ", trunk.candidateIds())
                    + " each list the number, so LiveKit reports: " + trunk.error() + ".";
            case DEFAULT_CONFLICT -> "No trunk that lets the call in lists the number and the default trunks "
                    + String.join(" and ", trunk.candidateIds()) + " all accept it, so LiveKit reports: "
                    + trunk.error() + ".";
            case NOT_FOUND -> noneAccepts;
            case NO_TRUNKS -> "The project has no inbound trunks: trunk matching returns no trunk and no error.";
        };
    }

    /** Says when the Request-URI user differs from the To user and would route differently. */
    private void noteRequestUri(InboundInvite invite, List<String> reasoning) {
        String ruri = invite.requestUriUser();
        if (ruri == null || ruri.isEmpty() || PhoneNumbers.sameNumber(ruri, invite.calledNumber())) {
            return;
        }
        List<String> wouldMatch = config.trunksListing(ruri).stream().map(SIPInboundTrunkInfo::getSipTrunkId).toList();
        reasoning.add("The Request-URI user " + TrunkSelector.quote(ruri) + " differs from the To user; LiveKit "
                + "ignores the Request-URI for matching" + (wouldMatch.isEmpty() ? "."
                : wouldMatch.size() == 1 ? ", although trunk " + wouldMatch.get(0) + " lists the Request-URI number."
                : ", although trunks " + String.join(", ", wouldMatch) + " list the Request-URI number."));
    }

    /** True when {@link #missingHeaders} names any. */
    private static boolean isMalformed(InboundInvite invite) {
        return invite.callId() == null || invite.callId().isBlank() || invite.callingNumber() == null
                || invite.calledNumber() == null;
    }

    private static String missingHeaders(InboundInvite invite) {
        List<String> missing = new ArrayList<>();
        if (invite.callId() == null || invite.callId().isBlank()) {
            missing.add("Call-ID");
        }
        if (invite.callingNumber() == null) {
            missing.add("From");
        }
        if (invite.calledNumber() == null) {
            missing.add("To");
        }
        return String.join(", ", missing);
    }
}
