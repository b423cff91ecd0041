package org.sipladder.media;

import java.util.List;
import org.sipladder.capture.Endpoint;

/**
 * One RTCP sender report (SR), receiver report (RR) or extended report (XR, RFC 3611) of a capture.
 *
 * @param frame        frame number
 * @param micros       capture time
 * @param src          sender of the RTCP packet
 * @param dst          receiver
 * @param type         200 (SR), 201 (RR) or 207 (XR)
 * @param senderSsrc   SSRC of the reporter
 * @param packetCount  for an SR, packets the reporter sent; -1 for an RR
 * @param octetCount   for an SR, payload octets the reporter sent; -1 for an RR
 * @param ntpMiddle    for an SR, the middle 32 bits of its NTP timestamp (what a later report's LSR repeats); 0 for
 *                     an RR
 * @param blocks       reception report blocks: what the reporter received (none in an XR)
 * @param voipMetrics  an XR's VoIP Metrics blocks (none in an SR or RR)
 */
public record RtcpReport(long frame, long micros, Endpoint src, Endpoint dst, int type, long senderSsrc,
                         long packetCount, long octetCount, long ntpMiddle, List<Block> blocks,
                         List<VoipMetrics> voipMetrics) {

    /**
     * One reception report block (RFC 3550 6.4.1).
     *
     * @param ssrc          the source reported on
     * @param fractionLost  fraction lost since the previous report, 0-255 (of 256)
     * @param cumulativeLost packets lost since the beginning, a signed 24-bit number (negative with duplicates)
     * @param highestSeq    extended highest sequence number received
     * @param jitter        interarrival jitter in timestamp units
     * @param lsr           middle 32 bits of the last SR's NTP time
     * @param dlsr          delay since that SR, in 1/65536 s
     */
    public record Block(long ssrc, int fractionLost, int cumulativeLost, long highestSeq, long jitter, long lsr,
                        long dlsr) {

        /** Fraction lost as a percentage. */
        public double fractionLostPercent() {
            return fractionLost * 100.0 / 256;
        }
    }

    public boolean isSenderReport() {
        return type == 200;
    }
}
