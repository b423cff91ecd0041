package org.sipladder.diagnose;

import static livekit.LivekitSip.SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.ResponseComparison;
import org.sipladder.livekit.RoutingOutcome;
import org.sipladder.livekit.RoutingOptions;
import org.sipladder.livekit.RoutingSimulator;
import org.sipladder.livekit.StatusLine;
import org.sipladder.livekit.TrunkMatch;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipMessage;

/** Finds the INVITEs that reached a LiveKit hop and runs each through the routing simulator. */
final class LiveKitRoutings {

    /** Request-URI hosts whose simulator is kept; a capture's INVITEs go to a few LiveKit hosts. */
    static final int HOSTS_KEPT = 64;

    private final LiveKitConfig config;
    private final DiagnosisSettings settings;
    private final String urlHost;
    /**
     * A simulator per Request-URI host (the host decides the deployment assumed), made once: its config-only texts
     * and tables serve every INVITE to that host. Shared by the diagnosing threads; bounded.
     */
    private final Map<String, RoutingSimulator> simulators = new ConcurrentHashMap<>();
    /** Made when first needed (racing threads may make two: they are equal). */
    private volatile RoutingSimulator selfHostedByAnswers;
    /**
     * The verdict for each pair of expected and captured responses seen (a capture's calls show a handful of pairs),
     * worked out once; bounded.
     */
    private final Map<Pair, Verdict> verdicts = new ConcurrentHashMap<>();

    /** Pairs of expected and captured responses whose verdict is kept. */
    static final int VERDICTS_KEPT = 256;

    /**
     * The last verdict found, and the last simulator, checked before the maps: consecutive calls nearly always share
     * them, and the maps' keys (a Pair, a host text new for each INVITE) were made and hashed for every call. Each a
     * whole immutable object; a thread that reads a stale one only looks in the map.
     */
    private volatile Pair lastPair;
    private volatile LastSimulator lastSimulator;

    /**
     * True when a trunk or rule of the config requires SRTP: only then does the simulation need to know whether an
     * INVITE's offer has keys ({@link InboundInvite#offerEncrypted}), which reads its SDP back from the capture.
     */
    private final boolean srtpRequired;

    LiveKitRoutings(LiveKitConfig config, DiagnosisSettings settings) {
        this.config = config;
        this.settings = settings;
        this.urlHost = settings.urlHost();
        this.srtpRequired = config.trunks().stream().anyMatch(t -> t.getMediaEncryption() == SIP_MEDIA_ENCRYPT_REQUIRE)
                || config.rules().stream().anyMatch(r -> r.getMediaEncryption() == SIP_MEDIA_ENCRYPT_REQUIRE)
                || config.media().anyRequiresEncryption();
    }

    List<LiveKitRouting> of(List<CallFlow> flows) {
        return of(flows, new CallMemo());
    }

    /** As {@link #of(List)}, with the INVITE transactions from {@code memo}. */
    List<LiveKitRouting> of(List<CallFlow> flows, CallMemo memo) {
        List<LiveKitRouting> result = new ArrayList<>();
        for (CallFlow flow : flows) {
            for (InviteTransaction tx : memo.invites(flow)) {
                if (!tx.inDialog() && reachedLiveKit(flow, tx)) {
                    result.add(route(tx, memo));
                }
            }
        }
        return result;
    }

    private LiveKitRouting route(InviteTransaction tx, CallMemo memo) {
        SipAddress requestUri = SipAddress.parse(tx.request().requestUri());
        InboundInvite invite = inboundInvite(tx, memo, requestUri);
        List<FlowMessage> responses = tx.responses();
        StatusLine[] lines = new StatusLine[responses.size()];
        for (int i = 0; i < lines.length; i++) {
            SipMessage r = responses.get(i).message();
            lines[i] = new StatusLine(r.status(), r.reason());
        }
        List<StatusLine> observed = List.of(lines);
        if (!config.hasInbound() || config.trunksMissing()) {
            // without a config (or without the trunks the rules name) a replayed rejection is still one decision of
            // LiveKit's (ReplayedDecisions)
            InviteTransaction replayed = replayedFrom(tx, memo);
            String summary = config.hasInbound() ? LiveKitRouting.unsimulatedSummary(observed) : null;
            return new LiveKitRouting(tx, invite, null, observed, Consistency.UNKNOWN, summary,
                    replayed == null ? 0 : replayed.frame());
        }
        if (srtpRequired) {
            invite = invite.withOfferEncrypted(offerEncrypted(tx.request(), memo));
        }
        // LiveKit takes an offer only with a codec of the call's set, its default one (PCMU, PCMA, G722) unless a
        // trunk or rule sets media.codecs (livekit/sip pkg/sip/media_codecs.go codecSet)
        invite = invite.withOfferCodecs(offerCodecs(tx.request(), memo));
        String liveKitAddress = tx.request().dst().address();
        RoutingSimulator simulator = simulator(requestUri.host(), memo.isPrivate(liveKitAddress) ? liveKitAddress : null);
        RoutingOutcome outcome = simulator.simulate(invite);
        Verdict verdict = verdict(outcome, observed);
        // without an allowed_addresses entry the address LiveKit saw changes nothing: a NAT's would give this outcome
        if (verdict.consistency() == Consistency.INCONSISTENT && simulator.readsSourceAddress()
                && natPossible(tx, invite, memo)) {
            // the capture shows the private address; LiveKit's answer may show it saw the NAT's public one instead
            InboundInvite natted = invite.behindNat();
            RoutingOutcome nattedOutcome = simulator.simulate(natted);
            Verdict nattedVerdict = verdict(nattedOutcome, observed);
            if (nattedVerdict.consistency() != Consistency.CONSISTENT) {
                // a public entry might have held the NAT's address; LiveKit's refusal may show that none does
                natted = invite.behindUnlistedNat();
                nattedOutcome = simulator.simulate(natted);
                nattedVerdict = verdict(nattedOutcome, observed);
            }
            if (nattedVerdict.consistency() == Consistency.CONSISTENT) {
                invite = natted;
                outcome = nattedOutcome;
                verdict = nattedVerdict;
            }
        }
        if (verdict.consistency() == Consistency.INCONSISTENT && outcome.options().guessed() && noTrunk(outcome)) {
            // the deployment was only guessed, and Cloud and a self-hosted server answer a call no trunk accepts
            // differently: LiveKit's answers may tell which one it is
            RoutingOutcome other = (outcome.options().cloud() ? selfHosted()
                    : cloudByAnswers(requestUri.host(), outcome.options())).simulate(invite);
            Verdict otherVerdict = verdict(other, observed);
            if (otherVerdict.consistency() == Consistency.CONSISTENT) {
                outcome = other;
                verdict = otherVerdict;
            }
        }
        // a replayed rejection is LiveKit's earlier decision, whether or not the routing would still give it
        InviteTransaction replayed = replayedFrom(tx, memo);
        if (replayed != null) {
            verdict = replayVerdict(tx, replayed, outcome, observed, verdict);
        }
        return new LiveKitRouting(tx, invite, outcome, observed, verdict.consistency(), verdict.summary(),
                replayed == null ? 0 : replayed.frame());
    }

    /**
     * The verdict on {@code tx}, whose final response replays LiveKit's rejection of {@code replayed}: consistent
     * whatever the routing would now say, and saying it is a replay.
     */
    private static Verdict replayVerdict(InviteTransaction tx, InviteTransaction replayed, RoutingOutcome outcome,
                                         List<StatusLine> observed, Verdict verdict) {
        SipMessage fin = replayed.finalResponse();
        String before = String.format(Locale.ROOT, "%.1f", (tx.request().timestampMicros() - fin.timestampMicros()) / 1e6);
        if (verdict.consistency() == Consistency.CONSISTENT) {
            return new Verdict(Consistency.CONSISTENT, verdict.summary() + ", a replay of its answer to the INVITE "
                    + "of frame " + replayed.frame() + " (same Call-ID and From tag, " + before + " s before)");
        }
        return new Verdict(Consistency.CONSISTENT, LiveKitRouting.summaryOf(outcome, observed, Consistency.CONSISTENT)
                + " as a replay: LiveKit rejected the INVITE of frame " + replayed.frame() + " with the same Call-ID "
                + "and From tag " + before + " s before with " + LiveKitRouting.label(new StatusLine(fin.status(),
                fin.reason())) + ", and it replays a rejection to such INVITEs for a minute, whatever their routing "
                + "would now say");
    }

    /** How long LiveKit replays a rejection to INVITEs with the rejected one's Call-ID and From tag. */
    static final long REPLAY_MICROS = 60_000_000L;

    /**
     * The earlier INVITE whose rejection LiveKit replayed as {@code tx}'s final response, or null: after rejecting an
     * INVITE, LiveKit answers any INVITE with the same Call-ID and From tag with the same final response for a minute
     * (livekit-inbound-routing.md, section 5), whatever its routing would now say, before any 100 Processing (its
     * rejected-INVITE cache, livekit/sip pkg/sip/inbound.go). A challenge (401, 407) is sent outside that cache: the
     * INVITE that answers it is routed again.
     */
    static InviteTransaction replayedFrom(InviteTransaction tx, CallMemo memo) {
        SipMessage fin = tx.finalResponse();
        if (fin == null || fin.status() < 300 || fin.status() == 401 || fin.status() == 407) {
            return null;
        }
        SipMessage request = tx.request();
        List<InviteTransaction> invites = memo.invites(tx.flow());
        for (int i = invites.size() - 1; i >= 0; i--) {
            InviteTransaction earlier = invites.get(i);
            SipMessage earlierFinal = earlier.finalResponse();
            // the From tags last: reading headers back costs, and most calls send LiveKit one INVITE per Call-ID
            if (earlierToSameNode(earlier, tx) && earlierFinal != null && earlierFinal.status() == fin.status()
                    && Objects.equals(earlierFinal.reason(), fin.reason())
                    && request.timestampMicros() - earlierFinal.timestampMicros() <= REPLAY_MICROS
                    && Objects.equals(SipMessage.tagOf(earlier.request().header("From")),
                    SipMessage.tagOf(request.header("From")))) {
                return earlier;
            }
        }
        return null;
    }

    /**
     * {@link ResponseComparison#compare} and the routing's summary, once per distinct pair of expected and captured
     * responses: the summary follows from those and the verdict, and the same text object then serves every call
     * (the secret scrubber knows it clean after its second sighting).
     */
    private Verdict verdict(RoutingOutcome outcome, List<StatusLine> observed) {
        List<String> expected = outcome.expectedResponses();
        // a PIN prompt expects what a successful call expects, yet a 486 means otherwise: part of the key
        boolean pinPrompt = outcome.dispatch().kind() == DispatchMatch.Kind.PIN_PROMPT;
        Pair last = lastPair;
        if (last != null && last.verdict != null && last.same(expected, pinPrompt, observed)) {
            return last.verdict;
        }
        Pair pair = new Pair(expected, pinPrompt, observed);
        Verdict kept = verdicts.get(pair);
        if (kept == null) {
            Consistency consistency = ResponseComparison.compare(outcome, observed);
            kept = new Verdict(consistency, LiveKitRouting.summaryOf(outcome, observed, consistency));
            if (verdicts.size() < VERDICTS_KEPT) {
                verdicts.putIfAbsent(pair, kept);
            }
        }
        lastPair = new Pair(pair, kept);
        return kept;
    }

    /** A pair's verdict and the summary of a routing with that pair. */
    private record Verdict(Consistency consistency, String summary) {
    }

    /**
     * Expected responses and captured statuses as a key, hashed and compared as written here: the lists' and the
     * status records' own hashCode and equals went through generic code (method handles) for every call.
     */
    private static final class Pair {
        private final List<String> expected;
        private final boolean pinPrompt;
        private final List<StatusLine> observed;
        private final int hash;
        /** The pair's verdict, in {@link #lastPair}; null in a map key. */
        private final Verdict verdict;

        /** {@code pair} with its verdict, as {@link #lastPair}. */
        Pair(Pair pair, Verdict verdict) {
            this.expected = pair.expected;
            this.pinPrompt = pair.pinPrompt;
            this.observed = pair.observed;
            this.hash = pair.hash;
            this.verdict = verdict;
        }

        Pair(List<String> expected, boolean pinPrompt, List<StatusLine> observed) {
            this.expected = expected;
            this.pinPrompt = pinPrompt;
            this.observed = observed;
            int h = expected.hashCode() + (pinPrompt ? 1 : 0);
            for (int i = 0; i < observed.size(); i++) {
                StatusLine s = observed.get(i);
                h = 31 * (31 * h + s.status()) + Objects.hashCode(s.reason());
            }
            this.hash = h;
            this.verdict = null;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.hash == hash && same(p.expected, p.pinPrompt, p.observed);
        }

        /** True when this pair is of these expected responses, PIN prompt or not, and captured statuses. */
        boolean same(List<String> expected, boolean pinPrompt, List<StatusLine> observed) {
            if (pinPrompt != this.pinPrompt || observed.size() != this.observed.size()
                    || expected != this.expected && !expected.equals(this.expected)) {
                return false;
            }
            for (int i = 0; i < observed.size(); i++) {
                StatusLine a = this.observed.get(i);
                StatusLine b = observed.get(i);
                if (a.status() != b.status() || !Objects.equals(a.reason(), b.reason())) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The simulator for INVITEs to {@code host}, sent to LiveKit at {@code privateAddress} (null: a public one):
     * LiveKit Cloud and a self-hosted server answer "no trunk" differently.
     */
    private RoutingSimulator simulator(String host, String privateAddress) {
        LastSimulator last = lastSimulator;
        if (last != null && Objects.equals(last.host, host) && Objects.equals(last.privateAddress, privateAddress)) {
            return last.simulator;
        }
        String key = privateAddress == null ? String.valueOf(host) : host + " " + privateAddress;
        RoutingSimulator kept = simulators.get(key);
        if (kept == null) {
            kept = new RoutingSimulator(config, settings.routingOptions(host, privateAddress));
            if (simulators.size() < HOSTS_KEPT) {
                simulators.putIfAbsent(key, kept);
            }
        }
        lastSimulator = new LastSimulator(host, privateAddress, kept);
        return kept;
    }

    /** The simulator last asked for, with what it was asked for. */
    private record LastSimulator(String host, String privateAddress, RoutingSimulator simulator) {
    }

    /** The simulator of a self-hosted server told by LiveKit's answers ({@link RoutingOptions#SELF_HOSTED_BY_ANSWERS}). */
    private RoutingSimulator selfHosted() {
        RoutingSimulator kept = selfHostedByAnswers;
        if (kept == null) {
            kept = new RoutingSimulator(config, RoutingOptions.SELF_HOSTED_BY_ANSWERS);
            selfHostedByAnswers = kept;
        }
        return kept;
    }

    /**
     * The simulator of LiveKit Cloud told by LiveKit's answers for INVITEs to {@code host}, a name that guessed a
     * self-hosted server as {@code guess} says ({@link RoutingOptions#cloudByAnswers()}).
     */
    private RoutingSimulator cloudByAnswers(String host, RoutingOptions guess) {
        String key = "cloud by answers " + host;
        RoutingSimulator kept = simulators.get(key);
        if (kept != null) {
            return kept;
        }
        RoutingSimulator made = new RoutingSimulator(config, guess.cloudByAnswers());
        if (simulators.size() < HOSTS_KEPT) {
            simulators.putIfAbsent(key, made);
        }
        return made;
    }

    /** True when no trunk accepted the call: the one case where LiveKit Cloud and a self-hosted server differ. */
    private static boolean noTrunk(RoutingOutcome outcome) {
        TrunkMatch.Kind kind = outcome.trunk().kind();
        return kind == TrunkMatch.Kind.NOT_FOUND || kind == TrunkMatch.Kind.NO_TRUNKS;
    }

    /**
     * True when this copy of the INVITE is the one LiveKit received: it went to a hop with LiveKit's tells (or to
     * the configured LiveKit URL's host) and that hop did not pass it on. On a path carrier -> SBC -> proxy ->
     * LiveKit a proxy gets the same tells (the LiveKit Request-URI, relayed SCL_ tags), but it forwards the INVITE.
     */
    private boolean reachedLiveKit(CallFlow flow, InviteTransaction tx) {
        SipMessage request = tx.request();
        boolean toLiveKit = sentToLiveKit(flow, request) || urlHost != null
                && urlHost.equalsIgnoreCase(SipAddress.parse(request.requestUri()).host());
        return toLiveKit && !forwarded(flow, tx);
    }

    /**
     * True when the INVITE's receiver sent an INVITE on: the same one (Call-ID and CSeq) as a proxy does, or a new
     * dialog's before answering this one, as a B2BUA does.
     */
    static boolean forwarded(CallFlow flow, InviteTransaction tx) {
        SipMessage request = tx.request();
        SipMessage fin = tx.finalResponse();
        // a long call's INVITEs from the receiver after this one, not every message of the call for every INVITE
        List<FlowMessage> messages = tx.index() == null ? flow.messages()
                : tx.index().invitesSentAfter(request.dst().address(), request.frame());
        for (int i = 0; i < messages.size(); i++) {
            FlowMessage m = messages.get(i);
            SipMessage next = m.message();
            if (m.retransmission() || !"INVITE".equals(next.method()) || next.frame() <= request.frame()
                    || !next.src().address().equals(request.dst().address())) {
                continue;
            }
            boolean sameRequest = request.callId() != null && request.callId().equals(next.callId())
                    && next.cseqNumber() == request.cseqNumber();
            boolean newLeg = !next.hasToTag() && (request.callId() == null || !request.callId().equals(next.callId()))
                    && (fin == null || next.frame() < fin.frame());
            if (sameRequest || newLeg) {
                return true;
            }
        }
        return false;
    }

    static boolean sentToLiveKit(CallFlow flow, SipMessage request) {
        return flow.hasHop(request.dst(), Role.LIVEKIT);
    }

    /** The inputs LiveKit routes on; the source IP is what LiveKit saw, which behind NAT is not the captured one. */
    private static InboundInvite inboundInvite(InviteTransaction tx, CallMemo memo, SipAddress requestUri) {
        SipMessage r = tx.request();
        String called = SipAddress.userOf(r.header("To"));
        SipAddress from = SipAddress.parse(r.header("From"));
        String credentials = memo.header(r, "Proxy-Authorization");
        SipMessage challenge = credentials == null ? null : latestChallenge(tx, memo);
        return new InboundInvite(r.callId(), called, from.user(), from.host(), sourceSeenByLiveKit(tx, memo),
                credentials, requestUri.user(), credentials == null ? null : challenge != null,
                challenge == null ? null : memo.header(challenge, "Proxy-Authenticate"));
    }

    /**
     * True when the INVITE offers audio with SDES keys (an audio section with an a=crypto line), false when its
     * audio sections have none, null when it offers no audio (no SDP: a late offer).
     */
    private static Boolean offerEncrypted(SipMessage invite, CallMemo memo) {
        if (!invite.hasSdp()) {
            return null;
        }
        Sdp sdp = memo.sdp(invite);
        Boolean encrypted = null;
        for (SdpMedia m : sdp == null ? List.<SdpMedia>of() : sdp.media()) {
            if ("audio".equals(m.type())) {
                encrypted = m.crypto() || Boolean.TRUE.equals(encrypted);
            }
        }
        return encrypted;
    }

    /** The codec texts of the INVITE's audio sections with a port ("0 PCMU/8000"), or null when it has no SDP. */
    private static List<String> offerCodecs(SipMessage invite, CallMemo memo) {
        Sdp sdp = invite.hasSdp() ? memo.sdp(invite) : null;
        if (sdp == null) {
            return null;
        }
        List<String> codecs = new ArrayList<>();
        for (SdpMedia m : sdp.media()) {
            if ("audio".equals(m.type()) && m.port() != 0) {
                codecs.addAll(m.codecs());
            }
        }
        return codecs;
    }

    /**
     * True when a NAT may stand between the INVITE's sender and LiveKit: a private source address sent to a public
     * one, with no Via received= naming the public address LiveKit saw.
     */
    static boolean natPossible(InviteTransaction tx, InboundInvite invite, CallMemo memo) {
        SipMessage r = tx.request();
        return invite.sourceIp().equals(r.src().address()) && memo.isPrivate(invite.sourceIp())
                && memo.isPublic(r.dst().address());
    }

    /**
     * The last 407 the node this INVITE went to sent to an earlier INVITE of the same Call-ID, or null: LiveKit keeps
     * one challenge per Call-ID on the node that sent it, replaced by each 407, and checks credentials only against
     * it (livekit/sip pkg/sip/inbound.go, handleInviteAuth).
     */
    static SipMessage latestChallenge(InviteTransaction tx, CallMemo memo) {
        List<InviteTransaction> invites = memo.invites(tx.flow());
        SipMessage latest = null;
        for (int i = 0; i < invites.size(); i++) {
            InviteTransaction earlier = invites.get(i);
            SipMessage fin = earlier.finalResponse();
            if (earlierToSameNode(earlier, tx) && fin != null && fin.status() == 407
                    && (latest == null || fin.frame() > latest.frame())) {
                latest = fin;
            }
        }
        return latest;
    }

    /**
     * True when {@code earlier}, an INVITE transaction of {@code tx}'s call, came before it with the same Call-ID to
     * the same LiveKit address: LiveKit keeps a challenge and a rejection per Call-ID on the node that sent it.
     */
    private static boolean earlierToSameNode(InviteTransaction earlier, InviteTransaction tx) {
        SipMessage request = tx.request();
        return earlier.frame() < tx.frame() && Objects.equals(earlier.callId(), request.callId())
                && earlier.request().dst().address().equals(request.dst().address());
    }

    /** The Via "received" parameter LiveKit stamped on its responses, else the captured source address. */
    static String sourceSeenByLiveKit(InviteTransaction tx, CallMemo memo) {
        List<FlowMessage> responses = tx.responses();
        for (int i = 0; i < responses.size(); i++) {
            String received = memo.viaReceived(responses.get(i).message());
            if (received != null) {
                return received;
            }
        }
        return tx.request().src().address();
    }
}
