package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_ONE_WAY: an answered leg where RTP flowed one way only, though both sides were to send (neither SDP put
 * the call on hold).
 */
final class MediaOneWayCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_ONE_WAY;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachLeg(context, MediaOneWayCheck::check);
    }

    private static Finding check(MediaLeg leg) {
        if (!leg.answered() || !leg.mediaNegotiated() || leg.answeredSeconds() < MediaNoRtpCheck.MIN_SECONDS) {
            return null;
        }
        MediaLeg.Party silentTo;
        if (!leg.toCaller.isEmpty() && leg.toCallee.isEmpty()) {
            silentTo = leg.callee;
        } else if (leg.toCaller.isEmpty() && !leg.toCallee.isEmpty()) {
            silentTo = leg.caller;
        } else {
            return null;
        }
        MediaLeg.Party sender = leg.other(silentTo);
        SdpAnnouncement silentSdp = silentTo.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement senderSdp = sender.sdpAt(Long.MAX_VALUE);
        // one way is what was asked for when either side is on hold
        if (!senderSdp.sends() || !silentSdp.receives()) {
            return null;
        }
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame()));
        for (RtpStream s : leg.toward(sender)) {
            facts.add("RTP to " + sender.name() + ": " + MediaLeg.describe(s));
            frames.add(s.firstFrame());
        }
        facts.add("No RTP to " + silentTo.name());
        String why = MediaReasons.whyNoRtpReached(leg, silentTo, sender, silentSdp, senderSdp, facts, frames);
        return new Finding(CODE, CODE.severity(), CODE.title(silentTo.name(), sender.name()), sender.name() + " received audio but sent none that reached " + silentTo.name()
                + ", though both SDPs were to send and receive: " + silentTo.name() + " hears nothing. " + why,
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(frames.stream().distinct().toList(), List.of(), facts),
                Findings.fix(MediaReasons.fixesForNoRtpTo(leg, silentTo, sender, silentSdp, senderSdp), List.of(),
                        null));
    }
}
