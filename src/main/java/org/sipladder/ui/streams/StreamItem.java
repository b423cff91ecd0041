package org.sipladder.ui.streams;

import java.util.List;
import java.util.Locale;
import org.sipladder.ladder.LadderStreams;
import org.sipladder.media.ReceiverReports;
import org.sipladder.media.ReceiverVoipMetrics;
import org.sipladder.media.RtpStatistics;
import org.sipladder.media.RtpStream;

/**
 * One row of the Streams table: a stream of the selected call with its figures as the table shows them.
 *
 * @param stream    the stream
 * @param encrypted true when its SDP offered SRTP (RTP/SAVP), so its payload cannot be played
 * @param warnings  what is wrong with it (loss, jitter, one-way), as the ladder's mark says
 * @param reports   what its receiver reported about it in RTCP
 * @param xr        the RTCP XR VoIP Metrics its receiver sent about it
 */
public record StreamItem(RtpStream stream, boolean encrypted, List<String> warnings, ReceiverReports reports,
                         ReceiverVoipMetrics xr) {

    public StreamItem {
        warnings = List.copyOf(warnings);
    }

    public String source() {
        return stream.key().src().toString();
    }

    public String destination() {
        return stream.key().dst().toString();
    }

    public String ssrc() {
        return String.format(Locale.ROOT, "0x%08X", stream.key().ssrc());
    }

    public String codec() {
        return stream.codecOrType();
    }

    public long packets() {
        return stats().packets();
    }

    /** "12 (0.8 %)", or "0 (0.0 %), 2 duplicates" ({@link org.sipladder.media.RtpStatistics#lossText}). */
    public String lost() {
        return stats().lossText(" %");
    }

    /** The start of {@link #lost()}: "12 (0.8 %)", without the gaps and duplicates. */
    public String lostShare() {
        return stats().lossShareText(" %");
    }

    public String meanJitter() {
        return millis(stats().meanJitterMs());
    }

    public String maxJitter() {
        return millis(stats().maxJitterMs());
    }

    /**
     * Why the jitter columns, Wireshark's figures, can stand far above the jitter the ladder's mark and the findings
     * judge: "Wireshark's jitter includes 1 jump of the sender's RTP clock (a hold, a re-INVITE), no jitter a listener
     * hears; without it: mean 0.40 ms, max 2.10 ms"; "" when the clock never jumped.
     */
    public String jitterNote() {
        long jumps = stats().clockJumps();
        if (jumps == 0) {
            return "";
        }
        return "Wireshark's jitter includes " + jumps + (jumps == 1 ? " jump" : " jumps") + " of the sender's RTP "
                + "clock (a hold, a re-INVITE), no jitter a listener hears; without it: mean "
                + millis(stats().meanJitterWithoutJumpsMs()) + ", max " + millis(stats().maxJitterWithoutJumpsMs());
    }

    public String maxDelta() {
        return millis(stats().maxDeltaMs());
    }

    public String mos() {
        return Double.isNaN(stream.mos()) ? "" : String.format(Locale.ROOT, "%.2f", stream.mos());
    }

    /** The receiver's RTCP: "5 (25.0 %)" or "-6 (duplicates)", as {@link ReceiverReports#lostText}; "" when none. */
    public String reportedLost() {
        return reports.isEmpty() ? "" : reports.lostText(" %");
    }

    /** The largest interarrival jitter the receiver reported, "" when none (or the clock rate is unknown). */
    public String reportedJitter() {
        return Double.isNaN(reports.maxJitterMs()) ? "" : millis(reports.maxJitterMs());
    }

    /** The mean round-trip time from the receiver's reports, "" when none gave one. */
    public String roundTrip() {
        return Double.isNaN(reports.meanRttMs()) ? "" : millis(reports.meanRttMs());
    }

    /** MOS-LQ / MOS-CQ of the receiver's last XR VoIP Metrics, "4.1 / 3.9" ("-" for one unavailable); "" when none. */
    public String xrMos() {
        return xr.isEmpty() ? "" : xr.last().mosPair();
    }

    /**
     * ", RTCP from 10.0.0.2:5001: 3 reports, ..." for the status line, then the XR VoIP Metrics in full; "" when the
     * receiver sent neither.
     */
    public String reportsLine() {
        String metrics = xr.isEmpty() ? "" : "; XR VoIP metrics from " + xr.reporter() + ": " + xr.last().describe();
        if (reports.isEmpty()) {
            return metrics.isEmpty() ? "" : "," + metrics.substring(1);
        }
        String line = ", RTCP from " + reports.reporter() + ": " + reports.count() + " report"
                + (reports.count() == 1 ? "" : "s") + ", lost " + reportedLost();
        line += reportedJitter().isEmpty() ? "" : ", jitter up to " + reportedJitter();
        line = roundTrip().isEmpty() ? line : line + String.format(Locale.ROOT, ", round trip %s (max %.2f ms)",
                roundTrip(), reports.maxRttMs());
        return line + metrics;
    }

    public String dtmf() {
        return stream.dtmf();
    }

    /** The warnings joined, "" when there are none. */
    public String problems() {
        return String.join(", ", warnings);
    }

    /**
     * ", lost 30 (3.0 %) in 3 gaps, longest 10 (200 ms)" for the status line, as {@link #lost()}; "" when every
     * packet came once (the line stays one line in a small window; the Lost column says "0 (0.0 %)").
     */
    public String lossLine() {
        return stats().lostInRuns() > 0 || stats().duplicates() > 0 ? ", lost " + lost() : "";
    }

    /** The warnings but the loss's, which {@link #lost()} gives in full beside them; "" when there are none. */
    public String problemsBesideLoss() {
        String loss = LadderStreams.lossWarning(stats());
        return String.join(", ", warnings.stream().filter(w -> !w.equals(loss)).toList());
    }

    /** "PCMU 10.0.0.1:4000 → 10.0.0.2:5000", to name the stream in messages. */
    public String describe() {
        return codec() + " " + source() + " \u2192 " + destination();
    }

    /** A file name for its audio, e.g. "stream-0x1234ABCD-PCMU.wav". */
    public String wavName() {
        return "stream-" + ssrc() + "-" + codec().replaceAll("[^A-Za-z0-9]+", "_") + ".wav";
    }

    private RtpStatistics stats() {
        return stream.stats();
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f ms", value);
    }
}
