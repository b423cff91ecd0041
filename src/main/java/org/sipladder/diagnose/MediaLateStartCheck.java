package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.media.RtpStream;
import org.sipladder.media.SdpAnnouncement;

/**
 * MEDIA_RTP_LATE_START: on an answered leg with RTP both ways, one direction began {@link #LATE_SECONDS} or more after
 * the answer and after the other direction's first packet: its listener heard nothing meanwhile (the caller's first
 * words lost, a greeting talked over). The mirror of MEDIA_RTP_STOPPED; a direction that never carried a stream's
 * worth is MEDIA_ONE_WAY's, one that began after the BYE none.
 */
final class MediaLateStartCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_RTP_LATE_START;
    /** How long the other direction must have sent alone: as long as MEDIA_RTP_STOPPED's silence. */
    static final double LATE_SECONDS = MediaStoppedCheck.SILENT_SECONDS;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaLeg.eachLeg(context, MediaLateStartCheck::check);
    }

    private static Finding check(MediaLeg leg) {
        if (!leg.answered() || !leg.mediaNegotiated()) {
            return null;
        }
        Finding f = lateToward(leg, leg.caller);
        return f != null ? f : lateToward(leg, leg.callee);
    }

    /** The finding when the RTP toward {@code silentTo} began long after the RTP from it and the answer; else null. */
    private static Finding lateToward(MediaLeg leg, MediaParty silentTo) {
        MediaParty sender = leg.other(silentTo);
        List<RtpStream> late = leg.toward(silentTo);
        List<RtpStream> going = leg.toward(sender);
        if (MediaLeg.packets(late) < MediaOneWayCheck.TRICKLE_PACKETS || going.isEmpty()) {
            return null;
        }
        RtpStream first = earliest(late);
        RtpStream on = earliest(going);
        long answerMicros = leg.answer.timestampMicros();
        long from = Math.max(answerMicros, on.firstMicros());
        double silent = (first.firstMicros() - from) / 1e6;
        if (silent < LATE_SECONDS || leg.bye != null && first.firstFrame() > leg.bye.frame()) {
            return null;
        }
        // a call answered on hold (or inactive) sends nothing by agreement until it is taken off hold
        long gapFrame = Math.max(leg.answer.frame(), on.firstFrame());
        SdpAnnouncement senderSdp = sender.sdpAt(gapFrame);
        SdpAnnouncement silentSdp = silentTo.sdpAt(gapFrame);
        if (senderSdp == null || silentSdp == null || !senderSdp.sends() || !silentSdp.receives()
                || LiveKitHold.UNSPECIFIED.equals(senderSdp.address())) {
            return null;
        }
        String senderName = sender.name(senderSdp);
        String silentName = silentTo.name(silentSdp);
        double after = (first.firstMicros() - answerMicros) / 1e6;
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "Answered at frame %d; RTP from %s began at frame %d, %.1f s before "
                + "RTP to it", leg.answer.frame(), silentName, on.firstFrame(), (first.firstMicros() - on.firstMicros())
                / 1e6));
        for (RtpStream s : late) {
            facts.add("RTP to " + silentName + ": " + MediaLeg.describe(s));
        }
        String liveKit = silentTo.isLiveKit(silentSdp) ? " LiveKit waits up to 30 s for the first RTP packet "
                + "(media_timeout_initial) before it hangs up, so it kept the call; its agent heard nothing until "
                + "then." : "";
        String explanation = String.format(Locale.ROOT, "%s sent no RTP to %s for the first %.1f s of the answered "
                + "call while %s was sending, and neither side had the call on hold: %s heard nothing until frame %d "
                + "(the first words lost, a greeting talked over).%s Its media path was connected late: a media "
                + "server or RTP proxy that joined the call's audio after the answer, a NAT or firewall pinhole that "
                + "opened only with later traffic, or silence suppression without comfort noise.", senderName,
                silentName, silent, silentName, silentName, first.firstFrame(), liveKit);
        List<String> steps = List.of("Check the media server or RTP proxy of " + senderName + " between the answer "
                        + "(frame " + leg.answer.frame() + ") and frame " + first.firstFrame() + ": when it connects "
                        + "the call's audio, whether it waits for RTP from " + silentName + " first (latching), and "
                        + "any NAT or firewall on its path that needs outgoing traffic before it lets RTP through.",
                "Capture on both sides of " + senderName + " to see whether its RTP began late at the source or "
                        + "was held up on the way.");
        List<Long> frames = new ArrayList<>(List.of(leg.answer.frame(), on.firstFrame(), first.firstFrame()));
        return new Finding(CODE, CODE.severity(), CODE.title(senderName, silentName,
                String.format(Locale.ROOT, "%.1f", after)), explanation, leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(frames.stream().distinct().sorted().toList(), List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }

    /** The stream with the first packet. */
    private static RtpStream earliest(List<RtpStream> streams) {
        RtpStream earliest = streams.get(0);
        for (RtpStream s : streams) {
            if (s.firstMicros() < earliest.firstMicros()) {
                earliest = s;
            }
        }
        return earliest;
    }
}
