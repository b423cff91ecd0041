package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Role;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;
import org.sipladder.sip.SipMessage;

/**
 * One leg of a call as the media checks see it: its two parties (who sent the initial INVITE and who got it),
 * when it was answered and hung up, the SDP each party sent and the RTP streams bound to it, each sorted by the
 * party it went to.
 */
final class MediaLeg {

    /**
     * One side of the leg: its address, and the SIP endpoint that sent or got the initial INVITE, which tells the
     * two apart when both are on one host (a proxy and its media server, a test on one machine): then each is known
     * by its endpoint.
     */
    record Party(String address, Endpoint sip, boolean sameHost, Role role, List<SdpAnnouncement> sdp) {

        /** True when {@code endpoint} (a SIP message's source or destination) is this party's. */
        boolean is(Endpoint endpoint) {
            return sameHost ? sip.equals(endpoint) : address.equals(endpoint.address());
        }

        /** The party's last SDP section at or before {@code frame}, else its first; null when it sent none. */
        SdpAnnouncement sdpAt(long frame) {
            SdpAnnouncement best = null;
            for (SdpAnnouncement a : sdp) {
                if (a.frame() <= frame || best == null) {
                    best = a;
                }
            }
            return best;
        }

        String name() {
            String where = sameHost ? sip.toString() : address;
            return role == null || role == Role.SIP_ENDPOINT ? where : role.displayName() + " (" + where + ")";
        }

        boolean isLiveKit() {
            return role == Role.LIVEKIT;
        }
    }

    final CallFlow flow;
    final Leg leg;
    final Party caller;
    final Party callee;
    final SipMessage answer;
    final SipMessage bye;
    final List<RtpStream> toCaller = new ArrayList<>();
    final List<RtpStream> toCallee = new ArrayList<>();
    /** Streams of the leg that go to neither party's announced address nor come from one. */
    final List<RtpStream> unplaced = new ArrayList<>();
    final long captureRtpPackets;

    private MediaLeg(CallFlow flow, Leg leg, SipMessage invite, SipMessage answer, SipMessage bye, CaptureMedia media) {
        this.flow = flow;
        this.leg = leg;
        this.answer = answer;
        this.bye = bye;
        List<SdpAnnouncement> all = media.announcementsOf(leg.callId());
        // the checks are about audio: a video section (the same SDP's last, often refused with port 0) is neither
        // a party's media address nor its codecs, and the RTP sent to it is not audio
        List<SdpAnnouncement> audio = all.stream().filter(a -> "audio".equals(a.mediaType())).toList();
        List<SdpAnnouncement> other = audio.isEmpty() ? List.of()
                : all.stream().filter(a -> !"audio".equals(a.mediaType())).toList();
        List<SdpAnnouncement> sections = audio.isEmpty() ? all : audio;
        boolean sameHost = invite.src().address().equals(invite.dst().address());
        this.caller = party(flow, invite.src(), sameHost, sections);
        this.callee = party(flow, invite.dst(), sameHost, sections);
        this.captureRtpPackets = media.rtpPackets();
        for (RtpStream s : media.streamsOf(leg.callId())) {
            if (toOtherMedia(s, sections, other)) {
                continue;
            }
            Party to = receiver(s);
            if (to == caller) {
                toCaller.add(s);
            } else if (to == callee) {
                toCallee.add(s);
            } else {
                unplaced.add(s);
            }
        }
    }

    /** A media check's verdict on one leg: a finding, or null. */
    interface LegRule {
        Finding check(MediaLeg leg);
    }

    /** A media check's verdict on one stream sent to one party of a leg: a finding, or null. */
    interface StreamRule {
        Finding check(MediaLeg leg, Party to, RtpStream stream);
    }

    /** What {@code rule} finds on every leg of every call in order; nothing when the capture has no RTP. */
    static List<Finding> eachLeg(DiagnosisContext context, LegRule rule) {
        return each(context, (leg, findings) -> add(findings, rule.check(leg)));
    }

    /**
     * What {@code rule} finds on every stream of every leg in order: those sent to the caller, then those sent to
     * the callee; nothing when the capture has no RTP.
     */
    static List<Finding> eachStream(DiagnosisContext context, StreamRule rule) {
        return each(context, (leg, findings) -> {
            for (Party to : List.of(leg.caller, leg.callee)) {
                for (RtpStream s : leg.toward(to)) {
                    add(findings, rule.check(leg, to, s));
                }
            }
        });
    }

    private static List<Finding> each(DiagnosisContext context, BiConsumer<MediaLeg, List<Finding>> checkLeg) {
        List<Finding> findings = new ArrayList<>();
        if (context.media().streams().isEmpty()) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            for (MediaLeg leg : of(flow, context.media())) {
                checkLeg.accept(leg, findings);
            }
        }
        return findings;
    }

    private static void add(List<Finding> findings, Finding f) {
        if (f != null) {
            findings.add(f);
        }
    }

    /** The legs of a flow that had an initial INVITE, each with its media. */
    static List<MediaLeg> of(CallFlow flow, CaptureMedia media) {
        List<MediaLeg> legs = new ArrayList<>();
        for (Leg leg : flow.legs()) {
            SipMessage invite = null;
            SipMessage answer = null;
            SipMessage bye = null;
            for (FlowMessage fm : flow.messages()) {
                SipMessage m = fm.message();
                if (fm.legIndex() != leg.index() || fm.retransmission()) {
                    continue;
                }
                if (invite == null && "INVITE".equals(m.method())) {
                    invite = m;
                } else if (invite != null && answer == null && !m.isRequest() && m.status() >= 200 && m.status() < 300
                        && "INVITE".equals(m.cseqMethod()) && m.cseqNumber() == invite.cseqNumber()) {
                    answer = m;
                } else if (bye == null && "BYE".equals(m.method())) {
                    bye = m;
                }
            }
            if (invite != null) {
                legs.add(new MediaLeg(flow, leg, invite, answer, bye, media));
            }
        }
        return legs;
    }

    /**
     * The party at {@code sip}, with the SDP it sent: the SDP sent from its address, or from its very endpoint when
     * both parties share the address ({@code sameHost}).
     */
    private static Party party(CallFlow flow, Endpoint sip, boolean sameHost, List<SdpAnnouncement> all) {
        String address = sip.address();
        Role role = null;
        for (Hop h : flow.hops()) {
            if (h.address().equals(address)) {
                role = h.role();
            }
        }
        List<SdpAnnouncement> sent = all.stream()
                .filter(a -> sameHost ? a.sipSrc().equals(sip) : a.sipSrc().address().equals(address)).toList();
        return new Party(address, sip, sameHost, role, sent);
    }

    /** True when {@code s} goes to a section of {@code other} media (video) and to no audio section. */
    private static boolean toOtherMedia(RtpStream s, List<SdpAnnouncement> audio, List<SdpAnnouncement> other) {
        Endpoint dst = s.key().dst();
        return other.stream().anyMatch(a -> dst.equals(a.media())) && audio.stream().noneMatch(a -> dst.equals(a.media()));
    }

    /** Which party a stream went to: by announced endpoint, then announced address, then by its sender. */
    Party receiver(RtpStream s) {
        Endpoint dst = s.key().dst();
        Endpoint src = s.key().src();
        for (Party p : List.of(caller, callee)) {
            if (p.sdp().stream().anyMatch(a -> dst.equals(a.media()))) {
                return p;
            }
        }
        // by address: not when both parties share it (it would name the caller for every stream)
        for (Party p : caller.sameHost() ? List.<Party>of() : List.of(caller, callee)) {
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

    Party other(Party p) {
        return p == caller ? callee : caller;
    }

    List<RtpStream> toward(Party p) {
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

    /** When the leg ended as far as the capture shows: its BYE, else its last message. */
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

    static long packets(List<RtpStream> streams) {
        return streams.stream().mapToLong(s -> s.stats().packets() + s.earlyPackets()).sum();
    }

    /** "10.0.0.1:4000 -> 10.0.0.2:5000 (PCMU, 1500 packets, frames 12-3400)". */
    static String describe(RtpStream s) {
        return s.key().src() + " -> " + s.key().dst() + " (" + s.codecOrType() + ", " + s.stats().packets()
                + " packets, frames " + s.firstFrame() + "-" + s.lastFrame() + ")";
    }

    static String sdpFact(SdpAnnouncement a) {
        return a.describe() + " from " + a.sipSrc().address() + ": " + a.connectionLine() + ", " + a.mediaLine()
                + ", a=" + a.direction();
    }
}
