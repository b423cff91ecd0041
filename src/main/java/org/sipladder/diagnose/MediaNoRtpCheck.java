package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;
import org.sipladder.sip.SipMessage;

/**
 * MEDIA_NO_RTP: an answered leg that negotiated media, with no RTP either way in a capture that does hold RTP
 * (a capture filtered to SIP would make every call look silent, so such captures are not judged).
 */
final class MediaNoRtpCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_NO_RTP;
    /** A leg up for less than this after its answer is not judged: media may not have started yet. */
    static final double MIN_SECONDS = 2;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        if (context.media().rtpPackets() == 0) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            List<MediaLeg> legs = context.mediaLegs(flow);
            for (MediaLeg leg : legs) {
                if (applies(leg)) {
                    SdpAnnouncement callerSdp = leg.caller.sdpAt(leg.answer.frame());
                    SdpAnnouncement calleeSdp = leg.callee.sdpAt(leg.answer.frame());
                    Finding f = finding(leg, callerSdp, calleeSdp);
                    String observer = captureTakenAt(context, leg, callerSdp, calleeSdp);
                    MediaLeg twoWay = observer == null ? twoWayElsewhere(legs, leg) : null;
                    findings.add(observer != null ? blind(f, observer, callerSdp, calleeSdp)
                            : twoWay != null ? unseen(f, leg, twoWay) : f);
                }
            }
        }
        return findings;
    }

    static boolean applies(MediaLeg leg) {
        return leg.answered() && leg.captureRtpPackets > 0 && leg.mediaNegotiated() && !inactive(leg)
                && leg.toCaller.isEmpty() && leg.toCallee.isEmpty() && leg.unplaced.isEmpty()
                && leg.answeredSeconds() >= MIN_SECONDS;
    }

    /**
     * The address the capture was evidently taken at when it cannot see this leg's media: a host on every message of
     * the call and on every RTP stream of the capture, that is neither media end of the leg (a PBX or proxy that
     * passes the SDP on while the phones send their RTP to each other); null otherwise.
     */
    private static String captureTakenAt(DiagnosisContext context, MediaLeg leg, SdpAnnouncement a,
                                         SdpAnnouncement b) {
        if (a == null || b == null) {
            return null;
        }
        List<FlowMessage> messages = leg.flow.messages();
        SipMessage first = messages.get(0).message();
        for (String p : new String[] {first.src().address(), first.dst().address()}) {
            if (!p.equals(a.address()) && !p.equals(b.address()) && onEvery(messages, p)
                    && context.media().everyStreamInvolves(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean onEvery(List<FlowMessage> messages, String address) {
        for (FlowMessage m : messages) {
            if (!m.message().src().address().equals(address) && !m.message().dst().address().equals(address)) {
                return false;
            }
        }
        return true;
    }

    /** {@code f} where the capture cannot see the media: information about what it does not show. */
    private static Finding blind(Finding f, String observer, SdpAnnouncement a, SdpAnnouncement b) {
        List<String> facts = new ArrayList<>(f.evidence().facts());
        facts.add(observer + " is on every message of this call and on every RTP stream of the capture (taken there, "
                + "it seems), while the SDP puts this call's media at " + a.address() + ":" + a.port() + " and "
                + b.address() + ":" + b.port());
        return new Finding(f.code(), Severity.INFO, f.title(), "The capture shows no RTP of this call, but it was "
                + "evidently taken at " + observer + ", which passed the SDP on while the media went directly between "
                + a.address() + " and " + b.address() + ": a path this capture cannot see. Whether audio flowed, it "
                + "does not tell.", f.callId(), f.flowId(), f.primary(),
                Findings.evidence(f.evidence().frames(), f.evidence().configIds(), facts),
                Findings.fix(List.of("Capture where the media flows (on " + a.address() + " or " + b.address()
                        + ", or a mirror port of their network) to judge the audio."), List.of(), null));
    }

    /**
     * Another leg of the call whose RTP flowed both ways for at least {@link #SEEN_ELSEWHERE} of {@code leg}'s
     * answered time, or null. A B2BUA or SBC relays the audio between its legs: with two-way audio on one, the other
     * carried it too, on a path the capture does not see (taken on one side of the SBC, or filtered).
     */
    private static MediaLeg twoWayElsewhere(List<MediaLeg> legs, MediaLeg leg) {
        double needed = SEEN_ELSEWHERE * leg.answeredSeconds();
        for (MediaLeg other : legs) {
            if (other != leg && spanSeconds(other.toCaller) >= needed && spanSeconds(other.toCallee) >= needed) {
                return other;
            }
        }
        return null;
    }

    /** Share of a leg's answered time another leg's two-way RTP must cover to vouch for it. */
    static final double SEEN_ELSEWHERE = 0.5;

    /** Seconds from the first to the last packet of {@code streams}; 0 when none. */
    private static double spanSeconds(List<RtpStream> streams) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (RtpStream s : streams) {
            first = Math.min(first, s.firstMicros());
            last = Math.max(last, s.lastMicros());
        }
        return streams.isEmpty() ? 0 : (last - first) / 1e6;
    }

    /**
     * {@code f} where another leg of the call, {@code twoWay}, carried RTP both ways meanwhile: most likely this leg's
     * media passed outside the capture's view; a warning that says so, with the first check being the capture point.
     */
    private static Finding unseen(Finding f, MediaLeg leg, MediaLeg twoWay) {
        List<String> facts = new ArrayList<>(f.evidence().facts());
        facts.add(String.format(Locale.ROOT, "Leg %s of this call (%s <-> %s) carried RTP both ways: %d packets to "
                        + "%s over %.1f s, %d to %s over %.1f s", twoWay.leg.callId(), twoWay.caller.name(),
                twoWay.callee.name(), MediaLeg.packets(twoWay.toCallee), twoWay.callee.name(),
                spanSeconds(twoWay.toCallee), MediaLeg.packets(twoWay.toCaller), twoWay.caller.name(),
                spanSeconds(twoWay.toCaller)));
        List<Long> frames = new ArrayList<>(f.evidence().frames());
        frames.add(Math.min(firstFrame(twoWay.toCaller), firstFrame(twoWay.toCallee)));
        List<String> steps = new ArrayList<>();
        steps.add("Capture where this leg's media flows (on " + leg.caller.name() + " or " + leg.callee.name()
                + ", or the SBC's interface on that side) to judge its audio before changing anything.");
        steps.addAll(f.fix().steps());
        return new Finding(f.code(), Severity.WARNING, f.title(), "The capture holds no RTP of this leg, but leg "
                + twoWay.leg.callId() + " of the same call carried RTP both ways meanwhile, and the hop between the "
                + "legs relays that audio: most likely this leg's media flowed outside the capture's view (taken on "
                + "the other side of the SBC or B2BUA, or filtered). If it truly did not flow, " + Character.toLowerCase(f.explanation().charAt(0))
                + f.explanation().substring(1),
                f.callId(), f.flowId(), f.primary(), Findings.evidence(frames.stream().distinct().toList(),
                f.evidence().configIds(), facts), Findings.fix(steps, List.of(), null));
    }

    private static long firstFrame(List<RtpStream> streams) {
        long first = Long.MAX_VALUE;
        for (RtpStream s : streams) {
            first = Math.min(first, s.firstFrame());
        }
        return first;
    }

    private static boolean inactive(MediaLeg leg) {
        SdpAnnouncement a = leg.caller.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement b = leg.callee.sdpAt(Long.MAX_VALUE);
        return "inactive".equals(a.direction()) || "inactive".equals(b.direction());
    }

    private static Finding finding(MediaLeg leg, SdpAnnouncement callerSdp, SdpAnnouncement calleeSdp) {
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame()));
        facts.add(String.format(Locale.ROOT, "Answered at frame %d; the leg lasted %.1f s after that",
                leg.answer.frame(), leg.answeredSeconds()));
        String callerName = leg.caller.name(callerSdp);
        String calleeName = leg.callee.name(calleeSdp);
        facts.add("No RTP between " + callerName + " and " + calleeName
                + " in the capture, which holds " + leg.captureRtpPackets + " RTP packets of other streams");
        String whyCallee = MediaReasons.whyNoRtpReached(leg, leg.callee, leg.caller, calleeSdp, callerSdp, facts,
                frames);
        // LiveKit called: its own direction too, which never goes unsent (LiveKitSending)
        String whyCaller = leg.caller.isLiveKit(callerSdp) ? "" : MediaReasons.whyNoLiveKitRtp(leg, leg.caller,
                leg.callee, callerSdp, calleeSdp, facts, frames);
        List<String> steps = new ArrayList<>(MediaReasons.fixesForNoRtpTo(leg, leg.callee, leg.caller, calleeSdp,
                callerSdp));
        // the ports are to be opened both ways: the same step with the parties the other way round is no other step
        String bothWays = MediaReasons.firewall(leg.caller, callerSdp, leg.callee, calleeSdp);
        for (String s : MediaReasons.fixesForNoRtpTo(leg, leg.caller, leg.callee, callerSdp, calleeSdp)) {
            if (!steps.contains(s) && !s.equals(bothWays)) {
                steps.add(s);
            }
        }
        if (leg.bye != null) {
            frames.add(leg.bye.frame());
        }
        return new Finding(CODE, CODE.severity(), CODE.title(callerName, calleeName), "Both sides negotiated media and the call was answered, but no RTP "
                + "flowed in either direction: nobody heard anything. " + whyCallee
                + (whyCaller.isEmpty() ? "" : " " + whyCaller), leg.leg.callId(), leg.flow.id(),
                false, Findings.evidence(frames.stream().distinct().toList(), List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }
}
