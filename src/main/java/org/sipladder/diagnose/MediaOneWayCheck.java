package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_ONE_WAY: an answered leg where RTP flowed one way only, though both sides were to send (neither SDP put
 * the call on hold). A trickle counts as none: a few packets one way (a first packet to open a NAT binding, a burst
 * before the media server stopped) while the other way carried the call.
 */
final class MediaOneWayCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_ONE_WAY;
    /** Fewer packets than this (half a second of 20 ms audio) one way, against ten times as many back, is a trickle. */
    static final long TRICKLE_PACKETS = 25;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachLeg(context, MediaOneWayCheck::check);
    }

    private static Finding check(MediaLeg leg) {
        if (!leg.answered() || !leg.mediaNegotiated() || leg.answeredSeconds() < MediaNoRtpCheck.MIN_SECONDS) {
            return null;
        }
        MediaParty silentTo;
        if (heard(leg, leg.caller) && !heard(leg, leg.callee)) {
            silentTo = leg.callee;
        } else if (!heard(leg, leg.caller) && heard(leg, leg.callee)) {
            silentTo = leg.caller;
        } else {
            return null;
        }
        MediaParty sender = leg.other(silentTo);
        SdpAnnouncement silentSdp = silentTo.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement senderSdp = sender.sdpAt(Long.MAX_VALUE);
        // one way is what was asked for when either side is on hold
        if (!senderSdp.sends() || !silentSdp.receives()) {
            return null;
        }
        String silentName = silentTo.name(silentSdp);
        String senderName = sender.name(senderSdp);
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame()));
        for (RtpStream s : leg.toward(sender)) {
            facts.add("RTP to " + senderName + ": " + MediaLeg.describe(s));
            frames.add(s.firstFrame());
        }
        List<RtpStream> trickle = leg.toward(silentTo);
        for (RtpStream s : trickle) {
            facts.add("Only this RTP to " + silentName + ": " + MediaLeg.describe(s));
            frames.add(s.firstFrame());
        }
        if (trickle.isEmpty()) {
            facts.add("No RTP to " + silentName);
        }
        String why = MediaReasons.whyNoRtpReached(leg, silentTo, sender, silentSdp, senderSdp, facts, frames);
        long few = MediaLeg.packets(trickle);
        String sent = trickle.isEmpty() ? "sent none that reached " + silentName
                : String.format(Locale.ROOT, "only %d RTP packet%s from it reached %s in %.1f s", few,
                few == 1 ? "" : "s", silentName, leg.answeredSeconds());
        return new Finding(CODE, CODE.severity(), CODE.title(silentName, senderName), senderName
                + " received audio but " + sent + ", though both SDPs were to send and receive: " + silentName
                + " hears nothing. " + why, leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(frames.stream().distinct().toList(), List.of(), facts),
                Findings.fix(MediaReasons.fixesForNoRtpTo(leg, silentTo, sender, silentSdp, senderSdp), List.of(),
                        null));
    }

    /**
     * Whether RTP reached {@code p}: any, unless a trickle (fewer than {@link #TRICKLE_PACKETS} while the other way
     * carried ten times as many, and at least a judgeable stream's worth) that no comfort noise explains.
     */
    private static boolean heard(MediaLeg leg, MediaParty p) {
        List<RtpStream> toward = leg.toward(p);
        long packets = MediaLeg.packets(toward);
        long back = MediaLeg.packets(leg.toward(leg.other(p)));
        if (packets == 0) {
            return false;
        }
        boolean trickle = packets < TRICKLE_PACKETS && back >= Math.max(MediaQuality.MIN_PACKETS, 10 * packets);
        return !trickle || MediaLeg.comfortNoise(toward);
    }
}
