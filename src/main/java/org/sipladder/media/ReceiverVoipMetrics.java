package org.sipladder.media;

import java.util.List;
import org.sipladder.capture.Endpoint;

/**
 * The RTCP XR VoIP Metrics blocks (RFC 3611 4.7) a stream's receiver sent about it: how many, from where, and the
 * last one, which covers the stream so far.
 *
 * @param count        blocks about the stream from its receiver; 0 when none (the other fields empty)
 * @param reporter     where the last came from (the receiver's RTCP address)
 * @param reporterSsrc the receiver's own SSRC, as its XR packet gives it
 * @param lastFrame    frame of the last
 * @param last         the last block; null when none
 */
public record ReceiverVoipMetrics(int count, Endpoint reporter, long reporterSsrc, long lastFrame, VoipMetrics last) {

    static final ReceiverVoipMetrics NONE = new ReceiverVoipMetrics(0, null, 0, 0, null);

    public boolean isEmpty() {
        return count == 0;
    }

    /** The blocks about {@code s} among {@code reports}, from its receiver while it ran or shortly after. */
    static ReceiverVoipMetrics of(RtpStream s, List<RtcpReport> reports) {
        int count = 0;
        RtcpReport lastReport = null;
        VoipMetrics last = null;
        for (RtcpReport r : reports) {
            if (!ReceiverReports.fromReceiver(s, r)) {
                continue;
            }
            for (VoipMetrics m : r.voipMetrics()) {
                if (m.ssrc() == s.key().ssrc()) {
                    count++;
                    lastReport = r;
                    last = m;
                }
            }
        }
        return count == 0 ? NONE
                : new ReceiverVoipMetrics(count, lastReport.src(), lastReport.senderSsrc(), lastReport.frame(), last);
    }
}
