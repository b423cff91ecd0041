package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.media.RtpStream;

/**
 * MEDIA_JITTER: a stream's interarrival jitter (RFC 3550, as Wireshark computes it) went above 30 ms; a warning
 * when its mean is above that too, else a note (a short burst). Both are judged without what a jump of the sender's
 * RTP clock (a hold, a re-INVITE) added to the figure, as the MOS is: the jump is no jitter a listener hears.
 */
final class MediaJitterCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_JITTER;
    static final double THRESHOLD_MS = 30;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        // a hold across the stream's largest gap explains a jitter that is that pause's
        return MediaQuality.findings(context,
                (c, leg, s) -> s.stats().maxJitterWithoutJumpsMs() > THRESHOLD_MS && !holdPause(leg, s),
                (c, leg, s) -> finding(leg, s));
    }

    /**
     * True when the jitter is the hold's: a sender put on hold across the stream's largest gap stops its RTP, and when
     * it comes back without running its RTP clock on (nor marking the packet) the transit difference of that one packet
     * is the whole pause, a sixteenth of which the jitter takes and sheds over the next packets (RFC 3550 A.8). Then
     * the largest jitter is no more than that share and the mean, less what the share added to it (the pause over the
     * packet count: the share's sum is the pause), is under the threshold.
     */
    static boolean holdPause(MediaLeg leg, RtpStream s) {
        if (MediaQuality.holdAcrossLargestGap(leg, s) == null || s.stats().packets() == 0) {
            return false;
        }
        double gap = s.stats().maxDeltaMs();
        double meanWithoutPause = s.stats().meanJitterWithoutJumpsMs() - gap / s.stats().packets();
        return s.stats().maxJitterWithoutJumpsMs() <= gap / 16 + THRESHOLD_MS && meanWithoutPause <= THRESHOLD_MS;
    }

    private static Finding finding(MediaLeg leg, RtpStream s) {
        String toName = MediaQuality.receiverName(leg, s);
        boolean sustained = s.stats().meanJitterWithoutJumpsMs() > THRESHOLD_MS;
        String facts = String.format(Locale.ROOT, "RTP %s: jitter mean %.1f ms, max %.1f ms; largest gap %.1f ms at "
                        + "frame %d", MediaLeg.describe(s), s.stats().meanJitterMs(), s.stats().maxJitterMs(),
                s.stats().maxDeltaMs(), s.stats().maxDeltaFrame());
        long back = s.stats().wrongTimestamps();
        long jumps = s.stats().clockJumps();
        List<String> allFacts = new ArrayList<>(List.of(facts));
        if (back > 0) {
            allFacts.add(back + " packet" + (back == 1 ? "" : "s") + " had an RTP timestamp before the stream's first: "
                    + "the sender restarted its RTP clock (after a re-INVITE, a hold or a switch of media) and the "
                    + "jitter and gap measured across that jump are the jump, not the network");
        }
        if (jumps > 0) {
            allFacts.add(String.format(Locale.ROOT, "%d packet%s RTP timestamp%s jumped a second or more against the "
                    + "arrival time (RFC 3550 A.8's transit difference): the sender shifted its RTP clock (after a hold "
                    + "or a re-INVITE). The jitter above, Wireshark's, includes that jump; without it the jitter is "
                    + "mean %.1f ms, max %.1f ms, which this finding judges", jumps, jumps == 1 ? "'s" : "s'",
                    jumps == 1 ? "" : "s", s.stats().meanJitterWithoutJumpsMs(), s.stats().maxJitterWithoutJumpsMs()));
        }
        // across a restarted RTP clock the figure measures the restart: no evidence against the network (a shifted
        // clock's jump is taken out of the figures judged)
        boolean jump = back > 0;
        return new Finding(CODE, sustained && !jump ? CODE.severity() : Severity.INFO,
                CODE.title(s.stats().maxJitterWithoutJumpsMs(), toName),
                (jump ? "The jitter figure of the packets toward " + toName + " spans a restart of the sender's RTP "
                        + "clock, so it says how far the timestamps jumped, not how unevenly the packets arrived."
                        : "Packets toward " + toName + " arrived unevenly (" + (sustained ? "throughout the stream"
                        : "in bursts") + "); above about 30 ms a jitter buffer adds delay or drops late packets, heard"
                        + " as choppy audio."), leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame(), s.stats().maxDeltaFrame() > 0 ? s.stats().maxDeltaFrame()
                        : s.lastFrame()), List.of(), allFacts),
                Findings.fix(List.of(jump ? "Judge the path from " + s.key().src().address() + " to "
                        + s.key().dst().address() + " by the largest gap and the loss, or by RTCP reports, rather than "
                        + "by this jitter; where the receiver played choppy audio after the restart, check that its "
                        + "jitter buffer resynchronises on a timestamp jump (and on the marker bit)."
                        : "Look for congestion or bufferbloat on the path from " + s.key().src().address()
                        + " to " + s.key().dst().address() + " (queueing on uplinks, Wi-Fi, VPNs); prioritise RTP "
                        + "(DSCP 46) and check that the sender is not CPU-starved."), List.of(), null));
    }
}
