package org.sipladder.diagnose;

import java.util.List;
import java.util.Locale;
import org.sipladder.media.ReceiverReports;
import org.sipladder.media.RtpStream;

/**
 * MEDIA_ROUND_TRIP_HIGH: the round trip from the capture point to a stream's receiver and back, from LSR and DLSR of
 * its RTCP reports (RFC 3550 6.4.1), is above 300 ms on average: more than 150 ms each way, where ITU-T G.114 says
 * conversation starts to suffer (and a voice agent's turn-taking with it).
 */
final class MediaRoundTripCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_ROUND_TRIP_HIGH;
    static final double THRESHOLD_MS = 300;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return MediaQuality.findings(context, (c, leg, s) -> c.media().receiverReports(s).meanRttMs() > THRESHOLD_MS,
                (c, leg, s) -> finding(leg, s, c.media().receiverReports(s)));
    }

    private static Finding finding(MediaLeg leg, RtpStream s, ReceiverReports r) {
        String reporter = MediaQuality.receiverName(leg, s);
        String facts = String.format(Locale.ROOT, "RTCP from %s about RTP %s: round trip mean %.0f ms, max %.0f ms, "
                        + "last %.0f ms over %d report%s", r.reporter(), MediaLeg.describe(s), r.meanRttMs(),
                r.maxRttMs(), r.lastRttMs(), r.rttCount(), r.rttCount() == 1 ? "" : "s");
        return new Finding(CODE, CODE.severity(),
                CODE.title(r.meanRttMs(), reporter),
                "The receiver's RTCP reports put the round trip between the capture point and " + reporter + " above "
                        + "300 ms: more than 150 ms each way, where talkers start to speak over each other (ITU-T "
                        + "G.114) and a voice agent's replies feel late.",
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(r.maxRttFrame()), List.of(), List.of(facts)),
                Findings.fix(List.of("Find the long leg between the capture point and " + reporter + ": media "
                        + "relayed through a far region (pick the LiveKit/SBC region nearest the carrier), satellite or "
                        + "congested links, or a deep queue on the way."), List.of(), null));
    }
}
