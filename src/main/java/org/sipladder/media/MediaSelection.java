package org.sipladder.media;

import java.util.List;
import org.sipladder.capture.Endpoint;

/**
 * The packets that carry some streams: the RTP of each stream from its first packet (early ones included) to its
 * last, and RTCP between the same hosts on the RTP ports or the ports above them (RFC 3550 port + 1, or the same
 * ports with rtcp-mux), in either direction.
 */
public final class MediaSelection {

    private final List<RtpStream> streams;

    MediaSelection(List<RtpStream> streams) {
        this.streams = List.copyOf(streams);
    }

    public List<RtpStream> streams() {
        return streams;
    }

    /** True when a UDP datagram of frame {@code frame} from {@code src} to {@code dst} carries these streams' media. */
    public boolean contains(long frame, Endpoint src, Endpoint dst) {
        for (RtpStream s : streams) {
            Endpoint a = s.key().src();
            Endpoint b = s.key().dst();
            if (frame >= s.firstSeenFrame() && frame <= s.lastFrame() && src.equals(a) && dst.equals(b)) {
                return true;
            }
            if (rtcpBetween(a, b, src, dst) || rtcpBetween(b, a, src, dst)) {
                return true;
            }
        }
        return false;
    }

    private static boolean rtcpBetween(Endpoint a, Endpoint b, Endpoint src, Endpoint dst) {
        return src.address().equals(a.address()) && dst.address().equals(b.address())
                && (src.port() == a.port() + 1 && dst.port() == b.port() + 1);
    }
}
