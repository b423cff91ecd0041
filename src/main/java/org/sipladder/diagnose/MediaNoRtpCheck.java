package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.media.SdpAnnouncement;

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
            for (MediaLeg leg : context.mediaLegs(flow)) {
                if (applies(leg)) {
                    findings.add(finding(leg));
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

    private static boolean inactive(MediaLeg leg) {
        SdpAnnouncement a = leg.caller.sdpAt(Long.MAX_VALUE);
        SdpAnnouncement b = leg.callee.sdpAt(Long.MAX_VALUE);
        return "inactive".equals(a.direction()) || "inactive".equals(b.direction());
    }

    private static Finding finding(MediaLeg leg) {
        SdpAnnouncement callerSdp = leg.caller.sdpAt(leg.answer.frame());
        SdpAnnouncement calleeSdp = leg.callee.sdpAt(leg.answer.frame());
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
                + "flowed in either direction: nobody heard anything. " + whyCallee, leg.leg.callId(), leg.flow.id(),
                false, Findings.evidence(frames.stream().distinct().toList(), List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }
}
