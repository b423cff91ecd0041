package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_RTP_STOPPED: on an answered leg with RTP both ways, one direction stopped while the other went on sending for
 * {@link #SILENT_SECONDS} or more: one-way audio from then on, unless the silent side suppresses silence (comfort
 * noise) or put the call on hold. A direction that never carried a stream's worth is MEDIA_ONE_WAY's.
 */
final class MediaStoppedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_RTP_STOPPED;
    /** How long the other direction must go on alone: a caller notices after a few seconds of silence. */
    static final double SILENT_SECONDS = 5.0;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        if (MediaLeg.noStreams(context)) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            List<MediaLeg> legs = context.mediaLegs(flow);
            for (MediaLeg leg : legs) {
                Finding f = check(legs, leg);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return findings;
    }

    /** {@code legs}: the call's, among which a media relay's other leg may be where the stop started. */
    private static Finding check(List<MediaLeg> legs, MediaLeg leg) {
        MediaParty silentTo = silentParty(leg);
        return silentTo == null ? null : stoppedToward(legs, leg, silentTo);
    }

    /**
     * True when {@code sender}'s RTP {@code last} stopped as it hung up ({@link MediaLeg#hungUpAt}). The other side
     * went on sending only because the BYE did not end its call (answered 481, or lost): that is the BYE's finding,
     * not a broken media path.
     */
    private static boolean hungUp(MediaLeg leg, MediaParty sender, RtpStream last) {
        return leg.hungUpAt(sender, last.lastMicros());
    }

    /**
     * The party of {@code leg} toward which the RTP stopped as this check judges it (the caller's side first), or
     * null: what a finding of this code on that leg is about.
     */
    static MediaParty silentParty(MediaLeg leg) {
        if (!leg.answered() || !leg.mediaNegotiated()) {
            return null;
        }
        return stops(leg, leg.caller) ? leg.caller : stops(leg, leg.callee) ? leg.callee : null;
    }

    /**
     * True when the RTP toward {@code silentTo} stopped while the RTP from it went on for {@link #SILENT_SECONDS} or
     * more, with no hang-up, comfort noise, hold or change of direction to explain it.
     */
    private static boolean stops(MediaLeg leg, MediaParty silentTo) {
        MediaParty sender = leg.other(silentTo);
        List<RtpStream> stopped = leg.toward(silentTo);
        List<RtpStream> going = leg.toward(sender);
        if (MediaLeg.packets(stopped) < MediaOneWayCheck.TRICKLE_PACKETS || going.isEmpty()
                || MediaLeg.comfortNoise(stopped)) {
            return false;
        }
        RtpStream last = latest(stopped);
        RtpStream on = latest(going);
        double silent = (on.lastMicros() - last.lastMicros()) / 1e6;
        if (silent < SILENT_SECONDS || hungUp(leg, sender, last)) {
            return false;
        }
        // a hold (c=0.0.0.0 too: the sender on hold) or a change of direction after the stop asked for it
        SdpAnnouncement senderSdp = sender.sdpAt(on.lastFrame());
        SdpAnnouncement silentSdp = silentTo.sdpAt(on.lastFrame());
        return senderSdp != null && silentSdp != null && senderSdp.sends() && silentSdp.receives()
                && !LiveKitHold.UNSPECIFIED.equals(senderSdp.address());
    }

    /** The finding about the RTP toward {@code silentTo}, which {@link #stops} there. */
    private static Finding stoppedToward(List<MediaLeg> legs, MediaLeg leg, MediaParty silentTo) {
        MediaParty sender = leg.other(silentTo);
        List<RtpStream> stopped = leg.toward(silentTo);
        RtpStream last = latest(stopped);
        RtpStream on = latest(leg.toward(sender));
        double silent = (on.lastMicros() - last.lastMicros()) / 1e6;
        SdpAnnouncement senderSdp = sender.sdpAt(on.lastFrame());
        SdpAnnouncement silentSdp = silentTo.sdpAt(on.lastFrame());
        // named by the SDP in effect when the RTP stopped (a later re-INVITE may move the media elsewhere)
        SdpAnnouncement senderThen = sender.sdpAt(last.lastFrame());
        SdpAnnouncement silentThen = silentTo.sdpAt(last.lastFrame());
        String senderName = sender.name(senderThen != null ? senderThen : senderSdp);
        String silentName = silentTo.name(silentThen != null ? silentThen : silentSdp);
        double after = (last.lastMicros() - leg.answer.timestampMicros()) / 1e6;
        List<String> facts = new ArrayList<>();
        for (RtpStream s : stopped) {
            facts.add("RTP to " + silentName + ": " + MediaLeg.describe(s));
        }
        facts.add(String.format(Locale.ROOT, "Its last packet is frame %d, %.1f s after the answer; RTP to %s went on "
                + "for %.1f s more, to frame %d", last.lastFrame(), after, senderName, silent, on.lastFrame()));
        if (leg.bye != null) {
            facts.add("The call ended with BYE from " + leg.bye.src().address() + " (frame " + leg.bye.frame() + ")");
        }
        // a media relay's RTP stops when what it passes on stopped on its other leg (held there, or just stopped)
        UpstreamStop upstream = sender.isLiveKit(senderThen != null ? senderThen : senderSdp) ? null
                : UpstreamStop.of(legs, leg, sender, last.lastMicros(), on.lastFrame());
        String stoppedText = String.format(Locale.ROOT, "%s stopped sending RTP to %s %.1f s after the answer while %s"
                + " kept sending for %.1f s more%s: from then on %s heard nothing. ", senderName, silentName, after,
                silentName, silent, upstream != null && upstream.hold() != null ? ""
                : ", and neither side put the call on hold", silentName);
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame(), last.lastFrame(), on.lastFrame()));
        if (leg.bye != null) {
            frames.add(leg.bye.frame());
        }
        SdpAnnouncement senderNow = senderThen != null ? senderThen : senderSdp;
        SdpAnnouncement silentNow = silentThen != null ? silentThen : silentSdp;
        // LiveKit never stops on its own (LiveKitSending): no "muted" or "its media server timed out" for it
        LiveKitStopped liveKit = sender.isLiveKit(senderNow)
                ? LiveKitStopped.of(leg, sender, senderName, senderNow, silentTo, silentName, silentNow, last) : null;
        if (liveKit != null && liveKit.moved() != null) {
            frames.add(liveKit.moved().frame());
            facts.add(MediaLeg.sdpFact(liveKit.moved()));
        }
        String explanation = stoppedText + (liveKit != null ? liveKit.why()
                : upstream != null ? upstream.stoppedWhy(silentName, senderName, facts, frames)
                : "The sender's media path broke (its "
                + "media server or a NAT binding timed out, a re-INVITE moved the media where the capture does not "
                + "see it), or it was muted without comfort noise.");
        List<String> steps = liveKit != null ? liveKit.steps()
                : upstream != null ? upstream.steps(silentTo.isLiveKit(silentNow), silentName, senderName) : List.of("Check the media server or RTP proxy of "
                + senderName + " at the time of frame " + last.lastFrame() + " (its logs, a restart, a media "
                + "timeout), and any NAT or firewall on its path whose UDP binding may have expired.",
                "Capture on both sides of " + senderName + " to see whether its RTP stopped at the source or on "
                        + "the way.");
        return new Finding(CODE, CODE.severity(), CODE.title(senderName, silentName,
                String.format(Locale.ROOT, "%.1f", after)), explanation, leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(frames.stream().distinct().sorted().toList(), List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }

    /** The stream with the last packet. */
    private static RtpStream latest(List<RtpStream> streams) {
        RtpStream latest = streams.get(0);
        for (RtpStream s : streams) {
            if (s.lastMicros() > latest.lastMicros()) {
                latest = s;
            }
        }
        return latest;
    }
}
