package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.DialogEnd;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;
import org.sipladder.media.Trickle;
import org.sipladder.sip.SipMessage;

/**
 * One leg of a call as the media checks see it: its two parties (who sent the initial INVITE and who got it),
 * when it was answered and when its dialog ended ({@link DialogEnd}, as the call list has it), the SDP each party sent and the RTP streams of its media session, each sorted by
 * the party it went to.
 *
 * <p>A proxy or a signalling-only B2BUA passes SDP on unchanged, so that the media goes between the phones: a party
 * that relays another box's SDP is named by the SDP's owner (the address in c=), the party the media reaches. Legs
 * whose SDP is the same media session (relayed across a B2BUA) share their streams: a stream counts for each leg
 * whose SDP announced both its ends, and a leg whose streams an earlier leg of the call already holds is that
 * leg's media, judged once.
 */
final class MediaLeg {

    final CallFlow flow;
    final Leg leg;
    final MediaParty caller;
    final MediaParty callee;
    final SipMessage answer;
    /** The BYE that ended the leg's dialog ({@link DialogEnd}): a BYE refused 481 or challenged ended nothing. */
    final SipMessage bye;
    /** Every BYE of the leg in capture order, each once (not its retransmissions), the refused ones too. */
    private final List<SipMessage> byes;
    /**
     * "the hop 10.0.0.5 -> 10.0.0.22" when a proxy carried the leg's INVITE, so that its Call-ID names several media
     * sessions (one per hop, each with the SDP that crossed it); null otherwise.
     */
    private final String hop;
    final List<RtpStream> toCaller = new ArrayList<>();
    final List<RtpStream> toCallee = new ArrayList<>();
    /** Streams of the leg that go to neither party's announced address nor come from one. */
    final List<RtpStream> unplaced = new ArrayList<>();
    final long captureRtpPackets;
    /** The SDP sections of every leg of the call, in capture order. */
    private final List<SdpAnnouncement> callSdp;
    /** The parties' SDP sections whose media end sits behind a 1:1 NAT ({@link #behindNat}); mostly none. */
    private final List<SdpAnnouncement> natted;

    /**
     * @param all         the leg's SDP sections
     * @param callSdp     the SDP sections of every leg of the call, in capture order
     * @param own         the streams bound to the leg's Call-ID
     * @param others      the streams bound to the call's other legs
     */
    private MediaLeg(CallFlow flow, Leg leg, ProxyHops.Hop ends, String hop, SipMessage answer, SipMessage bye,
                     List<SipMessage> byes, List<SdpAnnouncement> all, List<SdpAnnouncement> callSdp, List<RtpStream> own,
                     List<RtpStream> others, long captureRtpPackets) {
        this.flow = flow;
        this.leg = leg;
        this.hop = hop;
        this.answer = answer;
        this.bye = bye;
        this.byes = byes;
        // the checks are about audio: a video section (the same SDP's last, often refused with port 0) is neither
        // a party's media address nor its codecs, and the RTP sent to it is not audio
        List<SdpAnnouncement> audio = all.stream().filter(a -> "audio".equals(a.mediaType())).toList();
        List<SdpAnnouncement> other = audio.isEmpty() ? List.of()
                : all.stream().filter(a -> !"audio".equals(a.mediaType())).toList();
        List<SdpAnnouncement> sections = audio.isEmpty() ? all : audio;
        // a hop's ends as their owners: a proxy's connection from a passing address is the proxy's
        Endpoint from = ends.from();
        Endpoint to = ends.to();
        boolean sameHost = from.address().equals(to.address());
        this.caller = MediaParty.of(flow, from, to, sameHost, sections, callSdp, ends.owners());
        this.callee = MediaParty.of(flow, to, from, sameHost, sections, callSdp, ends.owners());
        this.captureRtpPackets = captureRtpPackets;
        this.callSdp = callSdp;
        this.natted = natted(flow, own, others);
        for (RtpStream s : own) {
            if (!toOtherMedia(s, sections, other)) {
                place(s);
            }
        }
        for (RtpStream s : others) {
            if (sessionOf(s)) {
                place(s);
            }
        }
    }

    private void place(RtpStream s) {
        MediaParty to = receiver(s);
        if (to == caller) {
            toCaller.add(s);
        } else if (to == callee) {
            toCallee.add(s);
        } else {
            unplaced.add(s);
        }
    }

    /** True when one party's SDP announced the stream's receiver and the other's its sender: this leg's media. */
    private boolean sessionOf(RtpStream s) {
        Endpoint src = s.key().src();
        Endpoint dst = s.key().dst();
        return announced(caller, dst) && announced(callee, src) || announced(callee, dst) && announced(caller, src);
    }

    /** True when one of {@code p}'s SDP sections announced {@code e} as its media end. */
    static boolean announced(MediaParty p, Endpoint e) {
        for (SdpAnnouncement a : p.sdp()) {
            if (a.port() == e.port() && a.address().equals(e.address())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when RTP to {@code e} reaches {@code p}: one of its SDP sections announced {@code e} as its media end,
     * or {@code e} is the announced port at the party's own address behind a 1:1 NAT ({@link #atEnd}).
     */
    boolean reaches(MediaParty p, Endpoint e) {
        for (SdpAnnouncement a : p.sdp()) {
            if (atEnd(p, a, e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when RTP to or from {@code e} is at the media end {@code a}, a section of {@code p}'s SDP, announces:
     * that very address and port, or, when that address sits behind a 1:1 NAT ({@link #behindNat}), that port at the
     * party's own address, where the NAT delivers what is sent to the public one and from where the party sends.
     */
    boolean atEnd(MediaParty p, SdpAnnouncement a, Endpoint e) {
        if (a == null || a.media() == null) {
            return false;
        }
        return e.equals(a.media()) || a.port() == e.port() && e.address().equals(p.address()) && natted.contains(a);
    }

    /**
     * The sections of the parties' SDP that announce a 1:1 NAT's public address for a party on a private one: a
     * public address the capture never shows (no SIP hop of the call there, no RTP of the call to or from it), as a
     * host on a cloud's private network advertises (Jambonz with drachtio --external-ip and rtpengine --interface
     * private!public, self-hosted LiveKit with use_external_ip or nat_1_to_1_ip) when the capture is taken on it.
     */
    private List<SdpAnnouncement> natted(CallFlow flow, List<RtpStream> own, List<RtpStream> others) {
        List<SdpAnnouncement> found = null;
        for (MediaParty p : List.of(caller, callee)) {
            for (SdpAnnouncement a : p.sdp()) {
                if (behindNat(p, a) && !seen(a.address(), flow, own, others)) {
                    if (found == null) {
                        found = new ArrayList<>(2);
                    }
                    found.add(a);
                }
            }
        }
        return found == null ? List.of() : found;
    }

    /** True when {@code a}, {@code p}'s own SDP, names a public address for the party at a private one. */
    private static boolean behindNat(MediaParty p, SdpAnnouncement a) {
        return a.port() != 0 && !a.address().equals(p.address()) && !p.relays(a)
                && PrivateAddresses.isPublic(a.address()) && PrivateAddresses.isPrivate(p.address());
    }

    /** True when a SIP hop of the call is at {@code address} or RTP of the call went to or came from it. */
    private static boolean seen(String address, CallFlow flow, List<RtpStream> own, List<RtpStream> others) {
        for (Hop h : flow.hops()) {
            if (h.address().equals(address)) {
                return true;
            }
        }
        for (List<RtpStream> streams : List.of(own, others)) {
            for (RtpStream s : streams) {
                if (s.key().src().address().equals(address) || s.key().dst().address().equals(address)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True when {@code e}'s own host announced {@code e} in the offer/answer exchange of {@code inForce} (the same
     * Call-ID and CSeq: an INVITE's 200 OK and its ACK): then that host sent both the offer and the answer of one
     * exchange, so it holds two parties (a call hairpinned through a proxy back to the address it came from, two
     * phones on one address), whom parties told apart by address merge into one. An end announced in an earlier
     * exchange and since replaced (a re-INVITE's new port) does not count.
     */
    boolean announcedByItsHost(Endpoint e, SdpAnnouncement inForce) {
        for (int i = 0; i < callSdp.size(); i++) {
            SdpAnnouncement a = callSdp.get(i);
            if (a.port() == e.port() && a.address().equals(e.address()) && a.sipSrc().address().equals(e.address())
                    && a.cseq() == inForce.cseq() && Objects.equals(a.callId(), inForce.callId())) {
                return true;
            }
        }
        return false;
    }

    /** A media check's verdict on one leg: a finding, or null. */
    interface LegRule {
        Finding check(MediaLeg leg);
    }

    /**
     * A media check's verdict on one stream sent to one party of a leg: a finding, or null. The context is handed in,
     * so that a rule needing it is a lambda holding nothing: one holding the context is made anew at each check of a
     * call, under the quick JIT by a call into the VM.
     */
    interface StreamRule {
        Finding check(DiagnosisContext context, MediaLeg leg, MediaParty to, RtpStream stream);
    }

    /** What {@code rule} finds on every leg of every call in order; nothing when the capture has no RTP. */
    static List<Finding> eachLeg(DiagnosisContext context, LegRule rule) {
        // loops rather than lambdas over eachCall: a lambda holding the rule was made for every call, by a call
        // into the VM under the quick JIT, even when the capture has no RTP
        List<Finding> findings = new ArrayList<>();
        if (noStreams(context)) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            for (MediaLeg leg : context.mediaLegs(flow)) {
                add(findings, rule.check(leg));
            }
        }
        return findings;
    }

    /**
     * What {@code rule} finds on every stream of every leg in order: those sent to the caller, then those sent to
     * the callee, each stream once in a call (the first leg holding it judges it); nothing when the capture has no
     * RTP.
     */
    static List<Finding> eachStream(DiagnosisContext context, StreamRule rule) {
        List<Finding> findings = new ArrayList<>();
        if (noStreams(context)) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            List<RtpStream> judged = new ArrayList<>();
            for (MediaLeg leg : context.mediaLegs(flow)) {
                for (MediaParty to : List.of(leg.caller, leg.callee)) {
                    for (RtpStream s : leg.toward(to)) {
                        if (!holds(judged, s)) {
                            judged.add(s);
                            add(findings, rule.check(context, leg, to, s));
                        }
                    }
                }
            }
        }
        return findings;
    }

    /** What {@code checkCall} finds on the media legs of every call in order; nothing when the capture has no RTP. */
    static List<Finding> eachCall(DiagnosisContext context, BiConsumer<List<MediaLeg>, List<Finding>> checkCall) {
        List<Finding> findings = new ArrayList<>();
        if (noStreams(context)) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            checkCall.accept(context.mediaLegs(flow), findings);
        }
        return findings;
    }

    /** True when the capture has no RTP stream, where the media checks find nothing. */
    static boolean noStreams(DiagnosisContext context) {
        return context.media().streams().isEmpty();
    }

    private static void add(List<Finding> findings, Finding f) {
        if (f != null) {
            findings.add(f);
        }
    }

    /** True when {@code streams} holds {@code s} (an equal stream: each look-up makes its streams anew). */
    static boolean holds(List<RtpStream> streams, RtpStream s) {
        for (RtpStream t : streams) {
            if (t.key().ssrc() == s.key().ssrc() && t.key().src().equals(s.key().src())
                    && t.key().dst().equals(s.key().dst())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The legs of a flow that had an initial INVITE, each with its media; a leg whose media session an earlier leg
     * already holds (SDP relayed across a B2BUA, {@link #sameSession}) is left out, so that the session is judged
     * once.
     */
    static List<MediaLeg> of(CallFlow flow, CaptureMedia media) {
        List<Leg> legs = flow.legs();
        List<List<SdpAnnouncement>> sdp = new ArrayList<>(legs.size());
        List<List<RtpStream>> streams = new ArrayList<>(legs.size());
        for (Leg leg : legs) {
            sdp.add(media.announcementsOf(leg.callId()));
            streams.add(media.streamsOf(leg.callId()));
        }
        List<SdpAnnouncement> callSdp = legs.size() == 1 ? sdp.get(0) : inCaptureOrder(sdp);
        List<MediaLeg> found = new ArrayList<>(legs.size());
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            ProxyHops hops = ProxyHops.of(flow, leg);
            if (hops.hops().isEmpty()) {
                continue;
            }
            List<SipMessage> byes = byes(flow, leg);
            List<RtpStream> others = new ArrayList<>();
            for (int j = 0; j < legs.size(); j++) {
                if (j != i && !legs.get(j).callId().equals(leg.callId())) {
                    others.addAll(streams.get(j));
                }
            }
            // through a proxy each hop is judged with the SDP that crossed it: a proxy anchoring the media in a
            // relay gives each side the relay's address, and the two sessions meet only there
            for (ProxyHops.Hop hop : hops.hops()) {
                List<SdpAnnouncement> hopSdp = hops.proxied() ? ProxyHops.onHop(hop, sdp.get(i)) : sdp.get(i);
                List<RtpStream> own = hops.proxied() ? ProxyHops.announcedIn(hopSdp, streams.get(i)) : streams.get(i);
                SipMessage bye = byes.isEmpty() ? null : DialogEnd.endingBye(flow, leg.index(), hop.answer());
                MediaLeg m = new MediaLeg(flow, leg, hop, hops.proxied() ? hopName(hop) : null, hop.answer(), bye, byes, hopSdp, callSdp, own,
                        others, media.rtpPackets());
                if (found.stream().noneMatch(earlier -> sameSession(earlier, m))) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    /** The leg's BYEs in capture order, each once. */
    private static List<SipMessage> byes(CallFlow flow, Leg leg) {
        List<SipMessage> found = List.of();
        for (FlowMessage fm : flow.messages()) {
            if (fm.legIndex() == leg.index() && !fm.retransmission() && "BYE".equals(fm.message().method())) {
                if (found.isEmpty()) {
                    found = new ArrayList<>(2);
                }
                found.add(fm.message());
            }
        }
        return found;
    }

    /**
     * True when {@code p} sent a BYE within {@link #HANGUP_MICROS} of {@code micros}: media of its that stopped then
     * stopped as it hung up (RFC 3261 15.1.1: a UA stops its media as it sends BYE), answered or not; a peer that went
     * on sending did so because that BYE ended nothing for it (refused 481, or lost), which is the BYE's finding.
     */
    boolean hungUpAt(MediaParty p, long micros) {
        for (SipMessage b : byes) {
            if (p.is(b.src()) && Math.abs(b.timestampMicros() - micros) <= HANGUP_MICROS) {
                return true;
            }
        }
        return false;
    }

    /**
     * When {@code p} stopped listening for media, as far as the capture shows: its own first BYE (RFC 3261 15.1.1: as
     * it sends it, answered or not) or the BYE that ended the dialog, whichever came first; -1 when neither.
     */
    long stoppedListening(MediaParty p) {
        long at = bye == null ? -1 : bye.timestampMicros();
        for (SipMessage b : byes) {
            if (p.is(b.src())) {
                return at < 0 ? b.timestampMicros() : Math.min(at, b.timestampMicros());
            }
        }
        return at;
    }

    /** How close to its sender's BYE the last packet of a stream is its hang-up: a UA stops its RTP as it sends BYE. */
    static final long HANGUP_MICROS = 2_000_000;

    private static List<SdpAnnouncement> inCaptureOrder(List<List<SdpAnnouncement>> perLeg) {
        List<SdpAnnouncement> all = new ArrayList<>();
        perLeg.forEach(all::addAll);
        all.sort(Comparator.comparingLong(SdpAnnouncement::frame));
        return all;
    }

    /**
     * True when {@code later} is {@code earlier}'s media session: every stream it holds is one of earlier's, or,
     * holding none, its parties' last SDP announce the same two media ends.
     */
    private static boolean sameSession(MediaLeg earlier, MediaLeg later) {
        List<RtpStream> laterStreams = later.streams();
        if (!laterStreams.isEmpty()) {
            List<RtpStream> earlierStreams = earlier.streams();
            return laterStreams.stream().allMatch(s -> holds(earlierStreams, s));
        }
        SdpAnnouncement a = earlier.caller.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement b = earlier.callee.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement c = later.caller.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement d = later.callee.sdpAt(Long.MAX_VALUE);
        if (a == null || b == null || c == null || d == null) {
            return false;
        }
        return MediaParty.sameEnd(a, c) && MediaParty.sameEnd(b, d)
                || MediaParty.sameEnd(a, d) && MediaParty.sameEnd(b, c);
    }

    /** Every stream of the leg: to the caller, to the callee, and unplaced. */
    List<RtpStream> streams() {
        List<RtpStream> all = new ArrayList<>(toCaller);
        all.addAll(toCallee);
        all.addAll(unplaced);
        return all;
    }

    /** True when {@code s} goes to a section of {@code other} media (video) and to no audio section. */
    private static boolean toOtherMedia(RtpStream s, List<SdpAnnouncement> audio, List<SdpAnnouncement> other) {
        Endpoint dst = s.key().dst();
        return other.stream().anyMatch(a -> dst.equals(a.media())) && audio.stream().noneMatch(a -> dst.equals(a.media()));
    }

    /** Which party a stream went to: by announced endpoint, then announced address, then by its sender. */
    MediaParty receiver(RtpStream s) {
        Endpoint dst = s.key().dst();
        Endpoint src = s.key().src();
        for (MediaParty p : List.of(caller, callee)) {
            if (reaches(p, dst)) {
                return p;
            }
        }
        // by address: not when both parties share it (it would name the caller for every stream)
        for (MediaParty p : caller.sameHost() ? List.<MediaParty>of() : List.of(caller, callee)) {
            if (p.sdp().stream().anyMatch(a -> a.media() != null && a.media().address().equals(dst.address()))) {
                return p;
            }
        }
        if (caller.sdp().stream().anyMatch(a -> src.equals(a.media()))) {
            return callee;
        }
        if (callee.sdp().stream().anyMatch(a -> src.equals(a.media()))) {
            return caller;
        }
        return null;
    }

    /**
     * Who sent {@code s}, for text: {@code from} as its SDP in force then names it when that SDP or the party is at
     * the stream's source address, else the source itself (a box no SDP names, or a party with no media of its own).
     */
    static String senderName(MediaParty from, RtpStream s) {
        SdpAnnouncement a = from.sdpAt(s.firstFrame());
        String src = s.key().src().address();
        boolean announced = a != null && (src.equals(a.address()) || src.equals(from.address(a)));
        return announced ? from.name(a) : src;
    }

    /** How texts name this media session: "leg CALL-ID", or its hop when the Call-ID has several ({@link #hop}). */
    String named() {
        return hop != null ? hop : "leg " + leg.callId();
    }

    /** "the hop 10.0.0.5 -> 10.0.0.22": its ends as their owners ({@link ProxyHops.Hop#from}), with ports on one host. */
    /** {@link #named()} as a fact's opening: "Leg CALL-ID", "The hop 10.0.0.5 -> 10.0.0.22". */
    String factPrefix() {
        String n = named();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private static String hopName(ProxyHops.Hop hop) {
        Endpoint from = hop.from();
        Endpoint to = hop.to();
        boolean oneHost = from.address().equals(to.address());
        return "the hop " + (oneHost ? from + " -> " + to : from.address() + " -> " + to.address());
    }

    MediaParty other(MediaParty p) {
        return p == caller ? callee : caller;
    }

    List<RtpStream> toward(MediaParty p) {
        return p == caller ? toCaller : toCallee;
    }

    boolean answered() {
        return answer != null;
    }

    /** Both parties offered or answered media on a non-zero port. */
    boolean mediaNegotiated() {
        SdpAnnouncement a = caller.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement b = callee.sdpAt(Long.MAX_VALUE);
        return a != null && b != null && a.port() != 0 && b.port() != 0;
    }

    /** When the leg ended as far as the capture shows: the BYE that ended its dialog, else its last message. */
    long endMicros() {
        if (bye != null) {
            return bye.timestampMicros();
        }
        long last = 0;
        for (FlowMessage fm : flow.messages()) {
            if (fm.legIndex() == leg.index()) {
                last = Math.max(last, fm.message().timestampMicros());
            }
        }
        for (RtpStream s : toCaller) {
            last = Math.max(last, s.lastMicros());
        }
        for (RtpStream s : toCallee) {
            last = Math.max(last, s.lastMicros());
        }
        return last;
    }

    /** Seconds the leg was up after its answer, as far as the capture shows. */
    double answeredSeconds() {
        return answer == null ? 0 : (endMicros() - answer.timestampMicros()) / 1e6;
    }

    /** RFC 3551's static payload type of comfort noise (RFC 3389). */
    static final int COMFORT_NOISE = Trickle.COMFORT_NOISE;

    /**
     * Whether any of {@code streams} carries RFC 3389 comfort noise: a sender that uses it goes quiet on purpose (voice
     * activity detection), not cut off.
     */
    static boolean comfortNoise(List<RtpStream> streams) {
        return Trickle.comfortNoise(streams);
    }

    static long packets(List<RtpStream> streams) {
        return Trickle.packets(streams);
    }

    /** "10.0.0.1:4000 -> 10.0.0.2:5000 (PCMU, 1500 packets, frames 12-3400)". */
    static String describe(RtpStream s) {
        long n = s.stats().packets();
        return s.key().src() + " -> " + s.key().dst() + " (" + s.codecOrType() + ", " + n
                + (n == 1 ? " packet, frame " + s.firstFrame()
                : " packets, frames " + s.firstFrame() + "-" + s.lastFrame()) + ")";
    }

    static String sdpFact(SdpAnnouncement a) {
        return a.describe() + " from " + a.sipSrc().address() + ": " + a.connectionLine() + ", " + a.mediaLine()
                + ", a=" + a.direction();
    }
}
