package org.sipladder.media;

import java.util.List;
import java.util.Locale;
import org.sipladder.Counted;
import org.sipladder.capture.Endpoint;

/**
 * What the receiver of an RTP stream reported about it in RTCP report blocks (RFC 3550 6.4.1): its loss, its
 * interarrival jitter and the round-trip time, beside what the capture measured of the same stream. A receiver
 * beyond the capture point sees what happened after it: loss or jitter it reports and the capture does not show
 * happened on the rest of the path.
 *
 * @param count            report blocks about the stream from its receiver; 0 when none (every other field empty)
 * @param reporter         where the last of them came from (the receiver's RTCP address)
 * @param reporterSsrc     the receiver's own SSRC
 * @param firstFrame       frame of the first report
 * @param lastFrame        frame of the last report
 * @param lastFractionLost the last report's fraction lost, in 1/256 (8-bit fixed point)
 * @param maxFractionLost  the largest fraction lost reported, in 1/256
 * @param maxFractionFrame frame of the report with it
 * @param cumulativeLost   the last report's cumulative number of packets lost (signed: negative with duplicates)
 * @param highestSeq       the last report's extended highest sequence number received
 * @param lastJitterMs     the last report's interarrival jitter in ms (the stream's clock rate); NaN when the clock
 *                         rate is not known
 * @param maxJitterMs      the largest jitter reported, ms; NaN as above
 * @param maxJitterFrame   frame of the report with it
 * @param maxJitterBeyondJumpsMs the largest jitter reported outside the stream's {@link ClockJumpSpan} (the receiver's
 *                         jitter holds a jump of the sender's RTP clock as the capture's does), to set beside the
 *                         capture's jitter without the jumps; {@code maxJitterMs} when the clock never jumped, NaN
 *                         when every report came in the span
 * @param maxJitterBeyondJumpsFrame frame of the report with it, 0 when none
 * @param rttCount         reports that gave a round-trip time (LSR not 0)
 * @param lastRttMs        the last round-trip time, ms; NaN when none
 * @param meanRttMs        their mean, ms; NaN when none
 * @param maxRttMs         the largest, ms; NaN when none
 * @param maxRttFrame      frame of the report with it, 0 when none
 */
public record ReceiverReports(int count, Endpoint reporter, long reporterSsrc, long firstFrame, long lastFrame,
                              int lastFractionLost, int maxFractionLost, long maxFractionFrame, int cumulativeLost,
                              long highestSeq, double lastJitterMs, double maxJitterMs, long maxJitterFrame,
                              double maxJitterBeyondJumpsMs, long maxJitterBeyondJumpsFrame, int rttCount, double lastRttMs, double meanRttMs, double maxRttMs, long maxRttFrame) {

    /** Seconds from 1900 (NTP's epoch) to 1970. */
    private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;
    /** A report this long after the stream's last packet is about something else (RTCP's interval is about 5 s). */
    private static final long LATE_MICROS = 15_000_000;
    /**
     * How long after the capture point a report may still hold what the receiver computed from packets in a
     * {@link ClockJumpSpan}: the packets' way on to it and the report's way back, well under a second.
     */
    private static final long REPORT_LAG_MICROS = 1_000_000;

    static final ReceiverReports NONE = new ReceiverReports(0, null, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0,
            Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0);

    /** True when the receiver sent no report about the stream that the capture shows. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** {@link #lastFractionLost} as a percentage. */
    public double lastFractionLostPercent() {
        return lastFractionLost * 100.0 / 256;
    }

    /** {@link #maxFractionLost} as a percentage. */
    public double maxFractionLostPercent() {
        return maxFractionLost * 100.0 / 256;
    }

    /**
     * The packets the receiver expected by its last report (RFC 3550 6.4.1: its extended highest sequence number
     * less the first, plus one), the base its cumulative loss is counted against; the report usually comes seconds
     * before the stream ends. The capture's {@code expectedInRuns} when the report's number does not fit the stream
     * (the sender restarted its numbers, or the report counts from elsewhere).
     */
    public long expected(RtpStatistics stream) {
        long expected = highestSeq - stream.firstSeq() + 1;
        return expected > 0 && expected <= stream.expectedInRuns() && stream.sequenceRestarts() == 0 ? expected
                : stream.expectedInRuns();
    }

    /**
     * The loss as shown to a person: {@link #cumulativeLost} as the receiver sent it with the largest fraction lost,
     * "5 (25.0 %)". A negative count means the receiver got more packets than it expected, duplicates (RFC 3550
     * 6.4.1), and says so: "-6 (duplicates)", or "-6 (duplicates, 2.0 %)" when an earlier report had loss.
     * {@code percent} follows the share: "%" or " %".
     */
    public String lostText(String percent) {
        if (cumulativeLost >= 0) {
            return String.format(Locale.ROOT, "%,d (%.1f%s)", cumulativeLost, maxFractionLostPercent(), percent);
        }
        return maxFractionLost == 0 ? Counted.grouped(cumulativeLost) + " (duplicates)"
                : String.format(Locale.ROOT, "%,d (duplicates, %.1f%s)", cumulativeLost, maxFractionLostPercent(),
                percent);
    }

    /**
     * The report blocks about {@code s} among {@code reports} (those from or about its SSRC, in capture order): from
     * its receiver's host to its sender's, while the stream ran or shortly after.
     */
    static ReceiverReports of(RtpStream s, List<RtcpReport> reports) {
        Tally t = new Tally();
        for (RtcpReport r : reports) {
            if (!fromReceiver(s, r)) {
                continue;
            }
            for (RtcpReport.Block b : r.blocks()) {
                if (b.ssrc() == s.key().ssrc()) {
                    t.add(r, b, s.clockRate(), roundTripMicros(r, b, reports),
                            s.stats().jumpSpan().holds(r.micros(), REPORT_LAG_MICROS));
                }
            }
        }
        return t.count == 0 ? NONE : t.reports();
    }

    /** Whether {@code r} went from {@code s}'s receiver's host to its sender's, while it ran or shortly after. */
    static boolean fromReceiver(RtpStream s, RtcpReport r) {
        return r.src().address().equals(s.key().dst().address()) && r.dst().address().equals(s.key().src().address())
                && r.micros() >= s.firstMicros() && r.micros() <= s.lastMicros() + LATE_MICROS;
    }

    /**
     * RFC 3550 6.4.1 / A.8: the report's arrival, as the middle 32 bits of an NTP timestamp, minus LSR minus DLSR.
     * The arrival is read on the capture's clock; where the capture holds the SR whose timestamp the LSR repeats,
     * the arrival is put on that SR sender's clock through it (arrival = LSR + time from the SR to the report at the
     * capture point), so a sender whose NTP clock is off still gets its round trip (as Wireshark computes it). The
     * round trip is from the capture point to the reporter and back. {@link Long#MIN_VALUE} when there is none: LSR
     * 0 (no SR received yet), or a result below zero (clocks that do not agree).
     */
    static long roundTripMicros(RtcpReport r, RtcpReport.Block b, List<RtcpReport> reports) {
        if (b.lsr() == 0) {
            return Long.MIN_VALUE;
        }
        long dlsrMicros = b.dlsr() * 1_000_000 / 65_536;
        RtcpReport sr = senderReport(r, b, reports);
        long rtt;
        if (sr != null) {
            rtt = r.micros() - sr.micros() - dlsrMicros;
        } else {
            long units = (ntpMiddle(r.micros()) - b.lsr() - b.dlsr()) & 0xffff_ffffL;
            if (units >= 0x8000_0000L) {
                return Long.MIN_VALUE; // below zero: the LSR is not on the capture's clock
            }
            rtt = units * 1_000_000 / 65_536;
        }
        // DLSR is in 1/65536 s and capture times are rounded: a few microseconds below zero is zero
        return rtt < -1000 ? Long.MIN_VALUE : Math.max(0, rtt);
    }

    /** The SR from the reported source whose timestamp {@code b}'s LSR repeats, sent to the reporter if seen so. */
    private static RtcpReport senderReport(RtcpReport r, RtcpReport.Block b, List<RtcpReport> reports) {
        RtcpReport found = null;
        for (RtcpReport sr : reports) {
            if (sr.micros() > r.micros()) {
                break;
            }
            if (sr.isSenderReport() && sr.senderSsrc() == b.ssrc() && sr.ntpMiddle() == b.lsr()
                    && (found == null || sr.dst().address().equals(r.src().address()))) {
                found = sr;
            }
        }
        return found;
    }

    /** The middle 32 bits of the NTP timestamp of {@code micros} since 1970. */
    static long ntpMiddle(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000) + NTP_EPOCH_OFFSET;
        long fraction = (Math.floorMod(micros, 1_000_000L) << 16) / 1_000_000;
        return (seconds & 0xffff) << 16 | fraction;
    }

    /** The figures while the blocks are walked. */
    private static final class Tally {
        private int count;
        private RtcpReport last;
        private long firstFrame;
        private int lastFraction;
        private int maxFraction = -1;
        private long maxFractionFrame;
        private int cumulative;
        private long highestSeq;
        private double lastJitter = Double.NaN;
        private double maxJitter = Double.NaN;
        private long maxJitterFrame;
        private double maxJitterBeyond = Double.NaN;
        private long maxJitterBeyondFrame;
        private int rtts;
        private long rttSum;
        private long lastRtt;
        private long maxRtt = -1;
        private long maxRttFrame;

        /** {@code jumpHeld}: the report may hold a jump of the sender's RTP clock ({@link ClockJumpSpan#holds}). */
        void add(RtcpReport r, RtcpReport.Block b, int clockRate, long rtt, boolean jumpHeld) {
            if (count++ == 0) {
                firstFrame = r.frame();
            }
            last = r;
            lastFraction = b.fractionLost();
            if (lastFraction > maxFraction) {
                maxFraction = lastFraction;
                maxFractionFrame = r.frame();
            }
            cumulative = b.cumulativeLost();
            highestSeq = b.highestSeq();
            lastJitter = clockRate > 0 ? b.jitter() * 1000.0 / clockRate : Double.NaN;
            if (!(lastJitter <= maxJitter)) {
                maxJitter = lastJitter;
                maxJitterFrame = r.frame();
            }
            if (!jumpHeld && !(lastJitter <= maxJitterBeyond)) {
                maxJitterBeyond = lastJitter;
                maxJitterBeyondFrame = r.frame();
            }
            if (rtt != Long.MIN_VALUE) {
                rtts++;
                rttSum += rtt;
                lastRtt = rtt;
                if (rtt > maxRtt) {
                    maxRtt = rtt;
                    maxRttFrame = r.frame();
                }
            }
        }

        ReceiverReports reports() {
            return new ReceiverReports(count, last.src(), last.senderSsrc(), firstFrame, last.frame(), lastFraction,
                    maxFraction, maxFractionFrame, cumulative, highestSeq, lastJitter, maxJitter, maxJitterFrame,
                    maxJitterBeyond, maxJitterBeyondFrame, rtts,
                    rtts == 0 ? Double.NaN : lastRtt / 1e3, rtts == 0 ? Double.NaN : rttSum / 1e3 / rtts,
                    rtts == 0 ? Double.NaN : maxRtt / 1e3, maxRttFrame);
        }
    }
}
