package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;
import org.sipladder.media.ReceiverReports;
import org.sipladder.media.RtpStream;

/**
 * MEDIA_JITTER_REPORTED: a stream's receiver reports in RTCP an interarrival jitter above 30 ms where the capture
 * measured at most that: the packets were delayed unevenly after the capture point. A jump of the sender's RTP clock
 * (a hold) is in both figures, the receiver's and the capture's, and in neither is it the network's: the capture's
 * jitter is taken without the jumps, as MEDIA_JITTER takes it, and the receiver's from the reports it sent outside
 * the time the jumps weighed in its jitter ({@link org.sipladder.media.ClockJumpSpan}).
 */
final class MediaReportedJitterCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_JITTER_REPORTED;
    /**
     * Reported jitter above this, on a stream the capture saw arrive evenly, is not believed: no jitter buffer holds
     * half a second and the call would have been unusable; a receiver that counts jitter in other units than the
     * stream's clock (RFC 3550 A.8) reports such figures. Told as information, not as a warning.
     */
    static final double IMPLAUSIBLE_MS = 500;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaQuality.findings(context, (c, leg, s) -> fires(s, c.media().receiverReports(s)),
                (c, leg, s) -> finding(leg, s, c.media().receiverReports(s)));
    }

    private static boolean fires(RtpStream s, ReceiverReports r) {
        return r.maxJitterBeyondJumpsMs() > MediaJitterCheck.THRESHOLD_MS
                && s.stats().maxJitterWithoutJumpsMs() <= MediaJitterCheck.THRESHOLD_MS;
    }

    private static Finding finding(MediaLeg leg, RtpStream s, ReceiverReports r) {
        String reporter = MediaQuality.receiverName(leg, s);
        double reported = r.maxJitterBeyondJumpsMs();
        String facts = String.format(Locale.ROOT, "RTP %s: %s reports jitter up to %.1f ms (last %.1f ms, %d report%s "
                        + "from %s); the capture measures at most %.1f ms", MediaLeg.describe(s), reporter,
                reported, r.lastJitterMs(), r.count(), r.count() == 1 ? "" : "s", r.reporter(),
                s.stats().maxJitterWithoutJumpsMs());
        if (s.stats().clockJumps() > 0) {
            facts += String.format(Locale.ROOT, ", both without the jump of the sender's RTP clock (a hold) that "
                    + "Wireshark's %.1f ms and the reports sent just after it hold", s.stats().maxJitterMs());
        }
        boolean implausible = reported > IMPLAUSIBLE_MS;
        return new Finding(CODE, implausible ? Severity.INFO : CODE.severity(),
                CODE.title(reporter, reported, MediaQuality.senderName(leg, s)),
                implausible ? "Packets of this stream arrived evenly at the capture point, but " + reporter + " reports "
                        + "more than " + (int) IMPLAUSIBLE_MS + " ms of jitter in RTCP: more than any jitter buffer "
                        + "holds, so the call would have been unusable. Such figures usually come from a receiver that "
                        + "computes jitter in other units than the stream's clock rate (RFC 3550 A.8); believe them "
                        + "only if a capture at its end shows the delay."
                        : "Packets of this stream arrived evenly at the capture point but unevenly at " + reporter
                        + ", as its RTCP receiver reports say: they were delayed after the capture point. Above about "
                        + "30 ms a jitter buffer adds delay or drops late packets, heard as choppy audio. (A receiver "
                        + "that reports jitter in the wrong clock units shows the same; compare with a capture at its "
                        + "end.)",
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame(), r.maxJitterBeyondJumpsFrame()), List.of(), List.of(facts)),
                Findings.fix(List.of("Look for congestion or bufferbloat between the capture point and " + reporter
                        + " (queueing on uplinks, Wi-Fi, VPNs); prioritise RTP (DSCP 46) on that part of the path."),
                        List.of(), null));
    }
}
