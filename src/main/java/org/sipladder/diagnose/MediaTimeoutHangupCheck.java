package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_TIMEOUT_HANGUP: a party hangs up after the answer at its media timeout while no RTP reached it. LiveKit
 * ends a call with BYE when no RTP arrives within 30 s of its start ({@code media_timeout_initial}) or for 15 s
 * later ({@code media_timeout}); other servers have similar timers (FreeSWITCH {@code media_timeout}, rtpengine's
 * timeout). The call was answered but failed, and this is why.
 */
final class MediaTimeoutHangupCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_TIMEOUT_HANGUP;
    static final double INITIAL_SECONDS = 30;
    static final double LATER_SECONDS = 15;
    /** How far the BYE may be from the timeout: timers start a little after the 200 OK and BYEs take a moment. */
    static final double SLACK_SECONDS = 5;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        if (context.media().rtpPackets() == 0) {
            return findings;
        }
        for (CallFlow flow : context.flows()) {
            for (MediaLeg leg : context.mediaLegs(flow)) {
                Finding f = check(leg);
                if (f != null) {
                    findings.add(f);
                }
            }
        }
        return findings;
    }

    private static Finding check(MediaLeg leg) {
        if (!leg.answered() || leg.bye == null || leg.bye.frame() < leg.answer.frame() || leg.captureRtpPackets == 0) {
            return null;
        }
        MediaParty hanger = leg.caller.is(leg.bye.src()) ? leg.caller : leg.callee.is(leg.bye.src()) ? leg.callee : null;
        if (hanger == null) {
            return null;
        }
        long byeMicros = leg.bye.timestampMicros();
        long answerMicros = leg.answer.timestampMicros();
        long lastToward = -1;
        for (RtpStream s : leg.toward(hanger)) {
            if (s.lastMicros() < byeMicros) {
                lastToward = Math.max(lastToward, s.lastMicros());
            }
        }
        double sinceAnswer = (byeMicros - answerMicros) / 1e6;
        double sinceRtp = lastToward < 0 ? sinceAnswer : (byeMicros - lastToward) / 1e6;
        boolean initial = lastToward < answerMicros && Math.abs(sinceAnswer - INITIAL_SECONDS) <= SLACK_SECONDS;
        boolean later = lastToward >= answerMicros && sinceRtp >= LATER_SECONDS - 2
                && sinceRtp <= LATER_SECONDS + SLACK_SECONDS;
        if (!initial && !later) {
            return null;
        }
        return finding(leg, hanger, initial, sinceAnswer, sinceRtp);
    }

    private static Finding finding(MediaLeg leg, MediaParty hanger, boolean initial, double sinceAnswer,
                                   double sinceRtp) {
        MediaParty peer = leg.other(hanger);
        SdpAnnouncement hangerSdp = hanger.sdpAt(leg.bye.frame());
        SdpAnnouncement peerSdp = peer.sdpAt(leg.bye.frame());
        String hangerName = hanger.name(hangerSdp);
        String peerName = peer.name(peerSdp);
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame(), leg.bye.frame()));
        facts.add(String.format(java.util.Locale.ROOT, "%s answered at frame %d and sent BYE at frame %d, %.1f s later",
                leg.answer.src().address().equals(hanger.address()) ? hangerName : peerName + " got the answer; "
                        + hangerName, leg.answer.frame(), leg.bye.frame(), sinceAnswer));
        facts.add(initial ? "No RTP reached " + hangerName + " after the answer"
                : String.format(java.util.Locale.ROOT, "The last RTP toward %s was %.1f s before the BYE",
                        hangerName, sinceRtp));
        facts.add("RTP from " + hangerName + ": " + MediaLeg.packets(leg.toward(peer)) + " packets");
        String why = MediaReasons.whyNoRtpReached(leg, hanger, peer, hangerSdp, peerSdp, facts, frames);
        String timer = hanger.isLiveKit(hangerSdp)
                ? (initial ? "LiveKit's media_timeout_initial (30 s without RTP after the call starts)"
                        : "LiveKit's media_timeout (15 s without RTP)")
                : (initial ? "a media timeout of about 30 s" : "a media timeout of about 15 s");
        String explanation = "The call was answered, but " + hangerName + " hung up at " + timer + " because no "
                + "RTP reached it: a media failure, not a normal hang-up. " + why;
        List<String> steps = MediaReasons.fixesForNoRtpTo(leg, hanger, peer, hangerSdp, peerSdp);
        return new Finding(CODE, CODE.severity(), CODE.title(hangerName),
                explanation, leg.leg.callId(), leg.flow.id(), false, Findings.evidence(frames, List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }
}
