package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;
import org.sipladder.media.ReceiverReports;
import org.sipladder.media.RtpStream;

/**
 * MEDIA_LOSS_REPORTED: a stream's receiver reports in RTCP (cumulative lost, RFC 3550 6.4.1) more than 1 % of its
 * packets lost beyond what the capture misses: they were lost after the capture point, on the rest of the path.
 */
final class MediaReportedLossCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_LOSS_REPORTED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaQuality.findings(context, (c, leg, s) -> beyondPercent(s, c.media().receiverReports(s))
                > MediaLossCheck.THRESHOLD_PERCENT, (c, leg, s) -> finding(leg, s, c.media().receiverReports(s)));
    }

    /** Loss the receiver counts and the capture does not, as a percentage of what the receiver expected. */
    static double beyondPercent(RtpStream s, ReceiverReports r) {
        long expected = r.isEmpty() ? 0 : r.expected(s.stats());
        if (expected == 0) {
            return 0;
        }
        return (r.cumulativeLost() - Math.max(0, s.stats().lostInRuns())) * 100.0 / expected;
    }

    private static Finding finding(MediaLeg leg, RtpStream s, ReceiverReports r) {
        String reporter = MediaQuality.receiverName(leg, s);
        double pct = beyondPercent(s, r);
        String facts = String.format(Locale.ROOT, "RTP %s: %s reports %d of %d expected packets lost (the largest "
                        + "fraction lost in one interval %.1f %%, in %d report%s from %s); the capture shows %d of %d "
                        + "expected lost", MediaLeg.describe(s), reporter, r.cumulativeLost(), r.expected(s.stats()),
                r.maxFractionLostPercent(), r.count(),
                r.count() == 1 ? "" : "s", r.reporter(), s.stats().lostInRuns(), s.stats().expectedInRuns());
        String path = s.key().src().address() + " to " + s.key().dst().address();
        return new Finding(CODE, pct > 5 ? CODE.severity() : Severity.INFO,
                CODE.title(reporter, pct, MediaQuality.senderName(leg, s)),
                "The receiver's RTCP receiver reports count more packets of this stream lost than went missing "
                        + "before the capture point: they were lost after it, between the capture point and "
                        + reporter + ", so this capture cannot show where.",
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame(), r.maxFractionFrame()), List.of(), List.of(facts)),
                Findings.fix(List.of("Capture nearer " + reporter + " (or on its host) to see where the packets of "
                        + path + " are dropped; check the links, Wi-Fi, VPN/MTU and QoS (DSCP 46) beyond the capture "
                        + "point."), List.of(), null));
    }
}
