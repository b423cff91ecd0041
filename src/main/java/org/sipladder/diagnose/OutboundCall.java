package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.livekit.CallLimits;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.OutboundTrunkMatch;
import org.sipladder.livekit.ParticipantRequest;
import org.sipladder.sip.SipMessage;

/**
 * A call LiveKit placed (an agent dialled a number through an outbound trunk): the INVITEs LiveKit sent on its own
 * leg, the first one and its authentication retries (same Call-ID, CSeq counting up: sip {@code pkg/sip/outbound.go}
 * {@code sipOutbound.Invite} and {@code attemptInvite}), and the outbound trunk they match.
 *
 * @param flow     the call flow
 * @param attempts LiveKit's INVITEs on its leg, in capture order
 * @param tell     why the INVITE is LiveKit's, one sentence
 * @param match    the outbound trunk it was dialled through, or why none is known
 * @param request  the loaded CreateSIPParticipant request that placed it, or why none is known
 */
record OutboundCall(CallFlow flow, List<InviteTransaction> attempts, String tell, OutboundTrunkMatch match,
                    OutboundRequest request) {

    /** LiveKit's call IDs start so (protocol {@code sip/sip.go} {@code NewCallID}, {@code guid.SIPCallPrefix}). */
    static final String CALL_ID_PREFIX = "SCL_";

    /** LiveKit's ringing timeout for a call that sets none (sip {@code pkg/sip/participant.go}). */
    static final long DEFAULT_RINGING_SECONDS = 180;
    /**
     * The CANCEL may come this much before the request's ringing_timeout after the INVITE (two clocks) ... LiveKit
     * starts the timer just before it builds its offer and sends the INVITE (sip {@code outbound.go sipSignal}).
     */
    static final long CANCEL_EARLY_MICROS = 2_000_000;
    /** ... or this much after it. */
    static final long CANCEL_LATE_MICROS = 1_000_000;

    /** The fix step for a call that rang too briefly. */
    static final String RING_LONGER = "If calls need to ring longer, give CreateSIPParticipant a longer "
            + "ringing_timeout; if the agent ended the call, check why it hung up before the answer.";

    /** The calls of the capture that LiveKit placed. */
    static List<OutboundCall> of(DiagnosisContext context) {
        List<OutboundCall> calls = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            // no calls::add: a bound method reference is an object made for every call (a VM call under the quick JIT)
            Optional<OutboundCall> call = context.outbound(flow);
            if (call.isPresent()) {
                calls.add(call.get());
            }
        }
        return calls;
    }

    /** The call LiveKit placed in {@code flow}, whose INVITE transactions are {@code invites}; empty when none. */
    static Optional<OutboundCall> of(CallFlow flow, List<InviteTransaction> invites, LiveKitConfig config) {
        // a loop, not a stream: asked of every call, under the quick JIT
        List<InviteTransaction> all = new ArrayList<>(invites.size());
        for (int i = 0; i < invites.size(); i++) {
            if (!invites.get(i).inDialog()) {
                all.add(invites.get(i));
            }
        }
        for (InviteTransaction tx : all) {
            String tell = tell(tx.request());
            if (tell != null) {
                SipMessage first = tx.request();
                List<InviteTransaction> attempts = all.stream()
                        .filter(t -> first.callId().equals(t.callId())
                                && t.request().src().address().equals(first.src().address()))
                        .toList();
                OutboundTrunkMatch match = match(config, first);
                return Optional.of(new OutboundCall(flow, attempts, tell, match,
                        OutboundRequest.find(config, first, match.trunk())));
            }
        }
        return Optional.empty();
    }

    /**
     * Why this INVITE was sent by LiveKit, or null: LiveKit's From tag is its SCL_ call ID (sip {@code
     * pkg/sip/client.go} {@code newOutbound}: {@code from.Params.Add("tag", string(id))} with {@code id =
     * LocalTag(req.SipCallId)}), and its SIP user agent is named "LiveKit" (sip {@code pkg/sip/server.go}
     * {@code UserAgent}, given to sipgo in {@code Client.Start}). An INVITE LiveKit receives never carries either.
     */
    static String tell(SipMessage invite) {
        // the tag taken out, and the User-Agent lowered, only for the INVITE that names LiveKit: asked of every call
        String from = invite.header("From");
        if (SipMessage.tagStartsWith(from, CALL_ID_PREFIX)) {
            return "The INVITE's From tag " + SipMessage.tagOf(from)
                    + " is a LiveKit SIP call ID (SCL_), so LiveKit placed this call.";
        }
        String agent = invite.header("User-Agent");
        if (agent != null && containsIgnoringCase(agent, "livekit")) {
            return "The INVITE's User-Agent is \"" + agent + "\", so LiveKit placed this call.";
        }
        return null;
    }

    /**
     * {@code text.toLowerCase(Locale.ROOT).contains(lower)} for an ASCII {@code lower}, without the lowered copy for
     * an ASCII {@code text} (beyond ASCII, lowering may change a text's length or map a letter to an ASCII one).
     */
    static boolean containsIgnoringCase(String text, String lower) {
        char first = lower.charAt(0);
        boolean found = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return text.toLowerCase(Locale.ROOT).contains(lower);
            }
            // the region compared only where its first letter is (a region compare is a call per place)
            found = found || (c | 0x20) == first && text.regionMatches(true, i, lower, 0, lower.length());
        }
        return found;
    }

    private static OutboundTrunkMatch match(LiveKitConfig config, SipMessage invite) {
        String uri = invite.requestUri() == null ? "" : invite.requestUri();
        return OutboundTrunkMatch.find(config.outboundTrunks(), SipAddress.parse(uri).host(), port(uri),
                invite.dst().address(), SipAddress.parse(invite.header("From")).user(), transportParameter(uri),
                invite.transport().name().toLowerCase(Locale.ROOT));
    }

    /** The transport parameter of a SIP URI in lower case, "" when it has none. */
    static String transportParameter(String uri) {
        int end = uri.indexOf('?');
        String params = end < 0 ? uri : uri.substring(0, end);
        for (String p : params.split(";")) {
            String t = p.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("transport=")) {
                return t.substring(10);
            }
        }
        return "";
    }

    /** The port of a SIP URI, 0 when it has none. */
    static int port(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        int at = rest.lastIndexOf('@');
        String hostPort = rest.substring(at + 1).split("[;?>]", 2)[0];
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.endsWith("]")) {
            return 0;
        }
        try {
            return Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    InviteTransaction first() {
        return attempts.get(0);
    }

    InviteTransaction last() {
        return attempts.get(attempts.size() - 1);
    }

    /** The outbound trunk, or null when none is known. */
    SIPOutboundTrunkInfo trunk() {
        return match.trunk();
    }

    /** The trunk's ID for a command line, or a placeholder the user fills in. */
    String trunkId() {
        return trunk() == null ? "<outbound trunk ID>" : trunk().getSipTrunkId();
    }

    /** The config IDs a finding about this call refers to. */
    List<String> configIds() {
        return trunk() == null ? List.of() : List.of(trunk().getSipTrunkId());
    }

    /** LiveKit's address in the capture. */
    String liveKit() {
        return first().request().src().address();
    }

    /** The user of LiveKit's From header: the caller number the provider sees. */
    String fromUser() {
        return SipAddress.parse(first().request().header("From")).user();
    }

    /** The user of LiveKit's Request-URI: the number the agent dialled. */
    String calledUser() {
        return SipAddress.parse(first().request().requestUri()).user();
    }

    /** True when LiveKit sent a CANCEL for its INVITE. */
    boolean cancelledByLiveKit() {
        return cancel() != null;
    }

    /**
     * True when LiveKit had cancelled its INVITE before {@code answer} was sent: the answer is the CANCEL's outcome,
     * whatever its status. RFC 3261 section 9.2 asks for 487 Request Terminated, but some providers answer a cancelled
     * INVITE 408 or 480 instead, and a B2BUA may pass on what its other leg got.
     */
    boolean cancelledBefore(SipMessage answer) {
        SipMessage cancel = cancel();
        return cancel != null && answer.timestampMicros() >= cancel.timestampMicros();
    }

    /** LiveKit's CANCEL of its INVITE, or null when it sent none. */
    private SipMessage cancel() {
        SipMessage invite = last().request();
        return flow.messages().stream().map(FlowMessage::message)
                .filter(s -> s.isRequest() && "CANCEL".equals(s.method()) && invite.callId().equals(s.callId())
                        && s.src().address().equals(invite.src().address()))
                .findFirst().orElse(null);
    }

    /**
     * Why LiveKit cancelled its INVITE, one sentence with the time it rang, or null when it did not. LiveKit cancels
     * when the dial context ends: the call's ringing timeout (CreateSIPParticipant's ringing_timeout, 3 minutes when
     * unset), or the room or the call being closed first (sip {@code pkg/sip/outbound.go} {@code
     * outboundCall.sipSignal}: {@code context.WithTimeout(ctx, ringingTimeout)} and the {@code c.Disconnected()} /
     * {@code c.Closed()} watcher; {@code sipResponse}: {@code tx.Cancel()}; {@code pkg/sip/participant.go}
     * {@code defaultRingingTimeout}). Only the time tells them apart.
     */
    String cancelReason() {
        SipMessage cancel = cancel();
        if (cancel == null) {
            return null;
        }
        long micros = cancel.timestampMicros() - first().request().timestampMicros();
        long seconds = micros / 1_000_000;
        String sent = "LiveKit sent CANCEL (frame " + cancel.frame() + ") " + seconds + " s after its first INVITE";
        ParticipantRequest r = request.request();
        if (atRequestMaxCall()) {
            return sent + ": the CreateSIPParticipant request's max_call_duration of " + CallLimits.text(maxCallMicros())
                    + " ran out, before " + (r.ringingTimeout() == null ? "LiveKit's default ringing timeout of 3 "
                    + "minutes" : "its ringing_timeout of " + requestRinging());
        }
        if (r != null && r.ringingTimeout() != null) {
            String limit = "the CreateSIPParticipant request's ringing_timeout of " + requestRinging();
            if (atRequestRingingTimeout()) {
                return sent + ": " + limit + " ran out";
            }
            return sent + ", " + (micros < requestRingingMicros() ? "before " : "not at ") + limit + ": the call was "
                    + "ended before the answer (the agent hung up or removed the participant, or the room closed)"
                    + (r.request().getWaitUntilAnswered() ? ", or the CreateSIPParticipant call itself timed out "
                    + "(wait_until_answered ties the dial to the API call, which LiveKit gives 80 s unless the client "
                    + "set a shorter deadline)" : "");
        }
        String unset = r == null ? "" : " (the CreateSIPParticipant request sets no ringing_timeout)";
        if (Math.abs(seconds - DEFAULT_RINGING_SECONDS) <= 2) {
            return sent + ": its default ringing timeout of 3 minutes ran out" + unset;
        }
        return sent + ", not at LiveKit's default ringing timeout of 3 minutes: " + (r == null ? "the call's own "
                + "ringing_timeout ran out, or the call was ended before the answer" : "the call was ended before the "
                + "answer" + unset) + " (the agent hung up or removed the participant, or the room closed)";
    }

    /** True when LiveKit's CANCEL came at the matched request's ringing_timeout after its first INVITE. */
    boolean atRequestRingingTimeout() {
        SipMessage cancel = cancel();
        if (cancel == null || request.request() == null || request.request().ringingTimeout() == null
                || atRequestMaxCall()) {
            return false;
        }
        long after = cancel.timestampMicros() - first().request().timestampMicros();
        long limit = requestRingingMicros();
        return after >= limit - CANCEL_EARLY_MICROS && after <= limit + CANCEL_LATE_MICROS;
    }

    /**
     * True when LiveKit's CANCEL came at the matched request's max_call_duration, shorter than its ringing: the dial
     * runs under that deadline, set before the room join and the INVITE (sip {@code outbound.go DialAsync}), so it may
     * come up to {@link MaxCallDurationCheck#OUTBOUND_EARLY_MICROS} early after the INVITE.
     */
    boolean atRequestMaxCall() {
        SipMessage cancel = cancel();
        ParticipantRequest r = request.request();
        if (cancel == null || r == null || r.maxCallDuration() == null) {
            return false;
        }
        long ringing = r.ringingTimeout() == null ? DEFAULT_RINGING_SECONDS * 1_000_000 : requestRingingMicros();
        long limit = maxCallMicros();
        long after = cancel.timestampMicros() - first().request().timestampMicros();
        return limit < ringing && after >= limit - MaxCallDurationCheck.OUTBOUND_EARLY_MICROS
                && after <= limit + CANCEL_LATE_MICROS;
    }

    /**
     * The request's limit LiveKit's CANCEL came at, for a title ("the request's ringing_timeout of 20 s"), or null
     * when it came at none of them (or no request is known).
     */
    String cancelLimit() {
        if (atRequestMaxCall()) {
            return "the request's max_call_duration of " + CallLimits.text(maxCallMicros());
        }
        return atRequestRingingTimeout() ? "the request's ringing_timeout of " + requestRinging() : null;
    }

    /** The matched request's ringing_timeout as text ("20 s"); only when it sets one. */
    String requestRinging() {
        return CallLimits.text(requestRingingMicros());
    }

    private long requestRingingMicros() {
        java.time.Duration d = request.request().ringingTimeout();
        return d.getSeconds() * 1_000_000 + d.getNano() / 1_000;
    }

    /**
     * The deadline LiveKit set for this call, from before its INVITE: the matched request's max_call_duration, else (or
     * when it is not above 0 and at most 24 hours) LiveKit's cap of 24 hours (sip {@code pkg/sip/outbound.go}
     * {@code newCall}, {@code participant.go maxCallDuration}).
     */
    long maxCallMicros() {
        ParticipantRequest r = request.request();
        java.time.Duration d = r == null ? null : r.maxCallDuration();
        long micros = d == null ? 0 : d.getSeconds() * 1_000_000 + d.getNano() / 1_000;
        return micros > 0 && micros <= CallLimits.MAX_CALL_MICROS ? micros : CallLimits.MAX_CALL_MICROS;
    }

    /**
     * How long LiveKit lets this call ring, for an explanation: the matched request's ringing_timeout, else LiveKit's
     * default of 3 minutes (with or without a request that leaves it unset).
     */
    String ringingLimit() {
        ParticipantRequest r = request.request();
        if (r == null) {
            return "3 minutes unless CreateSIPParticipant set ringing_timeout";
        }
        return r.ringingTimeout() == null ? "3 minutes, as the CreateSIPParticipant request sets no ringing_timeout"
                : "the request's ringing_timeout of " + requestRinging();
    }

    /** The fix step for a call that rang too briefly, naming the request and its value when known. */
    String ringLonger() {
        ParticipantRequest r = request.request();
        if (r == null) {
            return RING_LONGER;
        }
        if (atRequestMaxCall()) {
            return "Raise max_call_duration in the CreateSIPParticipant request from " + r.source() + " (now "
                    + CallLimits.text(maxCallMicros()) + "): it bounds the ringing too, and ended it here.";
        }
        return "If calls need to ring longer, raise ringing_timeout in the CreateSIPParticipant request from " + r.source()
                + " (now " + (r.ringingTimeout() == null ? "unset: 3 minutes" : requestRinging()) + "); if the agent "
                + "ended the call, check why it hung up before the answer.";
    }

    /** The facts every outbound finding starts with: who placed the call and through which trunk. */
    List<String> baseFacts() {
        List<String> facts = new ArrayList<>();
        facts.add(tell);
        SipMessage invite = first().request();
        facts.add("LiveKit (" + liveKit() + ") sent INVITE " + invite.requestUri() + " to " + invite.dst()
                + " over " + invite.transport() + (fromUser().isEmpty() ? ", with no From user"
                : ", From user " + fromUser()) + " (frame " + invite.frame() + ")");
        facts.add("Outbound trunk: " + (trunk() == null ? "unknown. " : trunk().getSipTrunkId() + ". ") + match.reason());
        if (!request.reason().isEmpty()) {
            facts.add(request.reason());
        }
        if (request.request() != null) {
            facts.addAll(request.differences(invite));
        }
        return facts;
    }
}
