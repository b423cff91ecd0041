package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.media.LossGaps;
import org.sipladder.media.RtpStream;
import org.sipladder.media.StreamSeries;

/**
 * MEDIA_LOSS: a stream lost more than 1 % of its packets (RFC 3550: expected minus received), judged by what a listener
 * hears: loss spread over single packets is concealed (a note up to 5 %), loss in gaps longer than concealment bridges
 * is heard as dropouts (a warning whatever the share), one long gap is an outage.
 */
final class MediaLossCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.MEDIA_LOSS;
    static final double THRESHOLD_PERCENT = 1.0;
    /** A gap this long in one stream is an outage (the path or the sender stopped), not scattered loss. */
    static final double OUTAGE_MS = 5_000;
    /**
     * Most of the loss in one gap this long is a dropout every listener hears (packet loss concealment covers a few
     * tens of ms), a warning even when the call's overall loss is small.
     */
    static final double DROPOUT_MS = 500;
    /**
     * A gap holding this much audio or more is heard: packet loss concealment (ITU-T G.711 Appendix I) repeats the last
     * pitch period and fades it to silence by 60 ms. Without a clock rate, {@link #AUDIBLE_GAP_PACKETS} 20 ms packets.
     */
    static final double AUDIBLE_GAP_MS = 60;
    static final long AUDIBLE_GAP_PACKETS = 3;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        // a hold across the stream's largest gap explains a loss that is the packets numbered but not sent in it
        return MediaQuality.findings(context,
                (c, leg, s) -> s.stats().lostPercentInRuns() > THRESHOLD_PERCENT && !holdGap(leg, s),
                (c, leg, s) -> finding(leg, s));
    }

    /**
     * True when the loss is the hold's: nearly all of it in one gap of sequence numbers, across which the sender was on
     * hold (the largest gap in time, see {@link MediaQuality#holdAcrossLargestGap}): a sender that numbers packets it
     * does not send while held (a media server muting by dropping) leaves such a gap, and nobody was to hear them.
     */
    static boolean holdGap(MediaLeg leg, RtpStream s) {
        LossGaps gaps = s.stats().lossGaps();
        return gaps.gaps() > 0 && gaps.longestPackets() >= 0.9 * s.stats().lostInRuns()
                && gaps.longestEndSeq() >= 0 && MediaQuality.holdAcrossLargestGap(leg, s) != null
                && (Double.isNaN(gaps.longestMs()) || s.stats().maxDeltaMs() >= 0.9 * gaps.longestMs());
    }

    private static Finding finding(MediaLeg leg, RtpStream s) {
        String toName = MediaQuality.receiverName(leg, s);
        double pct = s.stats().lostPercentInRuns();
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "RTP %s: %d of %d expected packets lost (%.1f %%), estimated MOS %.2f",
                MediaLeg.describe(s), s.stats().lostInRuns(), s.stats().expectedInRuns(), pct, s.mos()));
        long restarts = s.stats().sequenceRestarts();
        if (restarts > 0) {
            facts.add("The sender restarted its RTP sequence numbers " + (restarts == 1 ? "once" : restarts + " times")
                    + " (RFC 3550 A.1); Wireshark counts " + s.stats().lost() + " lost across "
                    + (restarts == 1 ? "that jump" : "those jumps") + ", which are no packets lost");
        } else if (s.stats().lost() != s.stats().lostInRuns()) {
            facts.add("Wireshark counts " + s.stats().lost() + " lost: its count takes duplicates off the loss and "
                    + "follows the sequence numbers in arrival order; counted here to the highest number received "
                    + "(RFC 3550 A.1), a duplicate making up for no packet lost");
        }
        LossGaps gaps = s.stats().lossGaps();
        boolean audible = audible(gaps);
        if (gaps.gaps() > 0) {
            facts.add("The loss fell in " + gaps.countText() + " of sequence numbers, the longest "
                    + gaps.longestPacketsText() + gaps.longestAudioText("") + " before sequence number "
                    + gaps.longestEndSeq()
                    + (audible ? ", heard as a dropout" : ", bridged by packet loss concealment"));
        }
        StreamSeries series = s.series();
        int worst = -1;
        for (int i = 0; i < series.length(); i++) {
            if (worst < 0 || series.lost(i) > series.lost(worst)) {
                worst = i;
            }
        }
        if (worst >= 0 && series.lost(worst) > 0) {
            long seconds = series.intervalMicros() / StreamSeries.INTERVAL_MICROS;
            facts.add((seconds == 1 ? "Worst second: " : "Worst " + seconds + " seconds: from ") + worst * seconds
                    + " s after the stream's start, " + series.lost(worst) + " lost");
        }
        // most of the loss in one long gap (the sequence numbers went on): an outage, whose fix is not QoS
        double gapMs = s.stats().maxDeltaMs();
        double perPacketMs = s.stats().packets() > 1
                ? (s.lastMicros() - s.firstMicros()) / 1e3 / (s.stats().expectedInRuns() - 1) : 20;
        boolean inOneGap = perPacketMs > 0 && gapMs / perPacketMs >= s.stats().lostInRuns() / 2.0;
        boolean outage = gapMs >= OUTAGE_MS && inOneGap;
        boolean dropout = gapMs >= DROPOUT_MS && inOneGap;
        if (dropout) {
            facts.add(String.format(Locale.ROOT, "No packet for %.1f s before frame %d, then the stream went on: most "
                    + "of the loss is this one gap%s", gapMs / 1e3, s.stats().maxDeltaFrame(),
                    outage ? "" : ", heard as a dropout"));
        }
        String path = s.key().src().address() + " to " + s.key().dst().address();
        return new Finding(CODE, pct > 5 || dropout || audible ? CODE.severity() : Severity.INFO,
                CODE.title(pct, toName), outage ? String.format(Locale.ROOT, "The RTP stream toward %s stopped "
                        + "arriving for %.1f s and then resumed with the sequence numbers of the packets sent meanwhile: "
                        + "an outage on the path (a link, route or NAT binding failed over) or at the sender's media "
                        + "server, during which %s heard nothing, rather than packets dropped here and there.", toName,
                        gapMs / 1e3, toName)
                        : audible ? dropouts(toName, gaps) : spread(toName, gaps),
                leg.leg.callId(), leg.flow.id(), false,
                Findings.evidence(List.of(s.firstFrame(), s.stats().maxDeltaFrame() > 0 ? s.stats().maxDeltaFrame()
                        : s.lastFrame()), List.of(), facts),
                Findings.fix(List.of(outage ? "Look at what happened on the path from " + path + " and at the "
                        + "sender's media server at the time of the gap (frame " + s.stats().maxDeltaFrame() + "): "
                        + "link or VPN drops, route or NAT changes, a media server restart or failover."
                        : audible ? "Find what interrupts the path from " + path + " for moments (the longest gap "
                        + "ends at RTP sequence number " + gaps.longestEndSeq() + ", rtp.seq == " + gaps.longestEndSeq()
                        + " in Wireshark): Wi-Fi roaming or LTE handovers at the sending end, link or VPN flaps, an "
                        + "uplink saturated by other traffic (shape it below the link rate, mark RTP as EF/DSCP 46); "
                        + "capture at both ends to see where the gaps start."
                        : "Find where packets are dropped: capture at both ends of the path and compare; "
                        + "check link utilisation, Wi-Fi, VPN/MTU and QoS (mark RTP as EF/DSCP 46) on the way from "
                        + path + "."), List.of(), null));
    }

    /** True when the longest gap held more audio than concealment bridges. */
    static boolean audible(LossGaps gaps) {
        return Double.isNaN(gaps.longestMs()) ? gaps.longestPackets() >= AUDIBLE_GAP_PACKETS
                : gaps.longestMs() >= AUDIBLE_GAP_MS;
    }

    private static String dropouts(String toName, LossGaps gaps) {
        return "The RTP stream toward " + toName + " lost packets in gaps long enough to hear: the longest held "
                + gaps.longestPacketsText() + gaps.longestAudioText("about ") + ", more than packet loss "
                + "concealment bridges (a few tens of ms), so " + toName + " heard dropouts "
                + "whatever the overall share. Loss in bursts comes from a path that stops delivering for moments: a "
                + "short network outage, a Wi-Fi or LTE handover at a mobile end, or a saturated uplink whose queue "
                + "overflows.";
    }

    private static String spread(String toName, LossGaps gaps) {
        return "The RTP stream toward " + toName + " lost more than 1 % of its packets between the sender and the "
                + "capture point" + (gaps.gaps() == 0 ? "" : ", spread out (" + gaps.countText() + " of at most "
                + gaps.longestPacketsText() + ")") + ": packet loss concealment hides single lost packets, heard as "
                + "roughness at a few per cent and as choppy audio from about 5 %.";
    }
}
