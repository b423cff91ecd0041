package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;
import org.sipladder.media.Trickle;

/**
 * MEDIA_ONE_WAY: an answered leg where RTP flowed one way only, though both sides were to send (neither SDP put
 * the call on hold). A trickle counts as none: a few packets one way (a first packet to open a NAT binding, a burst
 * before the media server stopped) while the other way carried the call.
 */
final class MediaOneWayCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_ONE_WAY;
    /** Fewer packets than this (half a second of 20 ms audio) one way, against ten times as many back, is a trickle. */
    static final long TRICKLE_PACKETS = Trickle.PACKETS;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachCall(context, (legs, findings) -> {
            for (int i = 0; i < legs.size(); i++) {
                Finding f = check(legs.get(i), legs);
                if (f != null) {
                    findings.add(f);
                }
            }
        });
    }

    /**
     * The party of the answered {@code leg} that RTP did not reach (or a trickle only) while the other way carried
     * the call and neither SDP put it on hold; null when the leg is not one-way so.
     */
    static MediaParty silentParty(MediaLeg leg) {
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
        // one way is what was asked for when either side is on hold
        SdpAnnouncement silentSdp = silentTo.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement senderSdp = leg.other(silentTo).sdpAt(Long.MAX_VALUE);
        return senderSdp.sends() && silentSdp.receives() ? silentTo : null;
    }

    private static Finding check(MediaLeg leg, List<MediaLeg> legs) {
        MediaParty silentTo = silentParty(leg);
        if (silentTo == null) {
            return null;
        }
        MediaParty sender = leg.other(silentTo);
        SdpAnnouncement silentSdp = silentTo.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement senderSdp = sender.sdpAt(Long.MAX_VALUE);
        String silentName = silentTo.name(silentSdp);
        String senderName = sender.name(senderSdp);
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame()));
        for (RtpStream s : leg.toward(sender)) {
            facts.add("RTP to " + senderName + ": " + MediaLeg.describe(s));
            frames.add(s.firstFrame());
        }
        List<RtpStream> trickle = UnroutableRtp.reaching(leg, silentTo);
        for (RtpStream s : trickle) {
            facts.add("Only this RTP to " + silentName + ": " + MediaLeg.describe(s));
            frames.add(s.firstFrame());
        }
        List<RtpStream> lost = UnroutableRtp.lost(leg, silentTo);
        for (RtpStream s : lost) {
            facts.add("RTP to the private address " + s.key().dst() + ", which cannot reach " + silentName
                    + " across the internet: " + MediaLeg.describe(s));
            frames.add(s.firstFrame());
        }
        if (trickle.isEmpty() && lost.isEmpty()) {
            facts.add("No RTP to " + silentName);
        }
        long few = MediaLeg.packets(trickle);
        String sent = trickle.isEmpty() && !lost.isEmpty() ? "sent its RTP only to the private address "
                + lost.get(0).key().dst() + ", which does not reach " + silentName + " (its own RTP comes from "
                + "a public address)"
                : trickle.isEmpty() ? "sent none that reached " + silentName
                : String.format(Locale.ROOT, "only %d RTP packet%s from it reached %s in %.1f s", few,
                few == 1 ? "" : "s", silentName, leg.answeredSeconds());
        String said = senderName + " received audio but " + sent + ", though both SDPs were to send and receive: "
                + silentName + " hears nothing. ";
        RelayedSilence relayed = new RelayedSilence(legs, leg, silentTo, senderName, silentName);
        String why = relayed.follows() ? relayed.followsWhy(facts, frames)
                : MediaReasons.whyNoRtpReached(leg, silentTo, sender, silentSdp, senderSdp, facts, frames)
                + relayed.around(facts, frames);
        List<String> steps = relayed.follows() ? relayed.followsFix()
                : relayed.fixes(MediaReasons.fixesForNoRtpTo(leg, silentTo, sender, silentSdp, senderSdp,
                !relayed.relayWithheld()));
        return new Finding(CODE, CODE.severity(), CODE.title(silentName, senderName), said + why,
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(frames.stream().distinct().toList(), List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }

    /**
     * Whether RTP reached {@code p}: any that could ({@link UnroutableRtp}), unless a trickle (fewer than
     * {@link #TRICKLE_PACKETS} while the other way carried ten times as many, and at least a judgeable stream's worth)
     * that no comfort noise explains.
     */
    static boolean heard(MediaLeg leg, MediaParty p) {
        List<RtpStream> toward = UnroutableRtp.reaching(leg, p);
        return MediaLeg.packets(toward) > 0 && !Trickle.only(toward, leg.toward(leg.other(p)));
    }
}
