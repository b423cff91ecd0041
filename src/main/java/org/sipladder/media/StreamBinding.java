package org.sipladder.media;

import org.sipladder.AppendLog;
import org.sipladder.capture.Endpoint;

/**
 * Ties a stream to the SDP that announced it: the receiver's address in an SDP, else the sender's (symmetric RTP,
 * where a party sends from the address it receives on). When several legs announced the same address (a B2BUA
 * using one media port on both sides, or ports reused over time) the leg whose other party announced the other
 * end wins, then the latest announcement before the stream's first packet.
 *
 * <p>The announcements of each address are those the analysis chained while it read them ({@link Announced#last}
 * and the positions before it): looked over from the latest back, ties go to the earliest, as in capture order.
 */
final class StreamBinding {

    private final AppendLog<SdpAnnouncement> announcements;
    private final EndpointTable<Announced> announced;
    /** Per position in {@link #announcements}: 1 + the position of the one before it with its address; 0: none. */
    private final int[] previous;

    /** Every announcement with an address and a port is chained through {@code announced} and {@code previous}. */
    StreamBinding(AppendLog<SdpAnnouncement> announcements, EndpointTable<Announced> announced, int[] previous) {
        this.announcements = announcements;
        this.announced = announced;
        this.previous = previous;
    }

    /** The announcement a stream from {@code src} to {@code dst} starting at {@code firstFrame} belongs to, or null. */
    SdpAnnouncement announcementOf(Endpoint src, Endpoint dst, long firstFrame) {
        int toDst = lastOf(dst);
        int fromSrc = lastOf(src);
        // both ends announced in one dialog: the receiver's announcement of that dialog
        SdpAnnouncement best = null;
        for (int p = toDst; p != 0; p = previous[p - 1]) {
            SdpAnnouncement a = announcements.get(p - 1);
            if (a.callId() != null && hasCallId(fromSrc, a.callId()) && better(a, best, firstFrame)) {
                best = a;
            }
        }
        if (best != null) {
            return best;
        }
        for (int p = toDst; p != 0; p = previous[p - 1]) {
            SdpAnnouncement a = announcements.get(p - 1);
            if (better(a, best, firstFrame)) {
                best = a;
            }
        }
        if (best != null) {
            return best;
        }
        for (int p = fromSrc; p != 0; p = previous[p - 1]) {
            SdpAnnouncement a = announcements.get(p - 1);
            if (better(a, best, firstFrame)) {
                best = a;
            }
        }
        return best;
    }

    /** 1 + the position of the latest announcement of {@code endpoint}; 0: none. */
    private int lastOf(Endpoint endpoint) {
        Announced holder = announced.get(endpoint);
        return holder == null ? 0 : holder.last;
    }

    private boolean hasCallId(int last, String callId) {
        for (int p = last; p != 0; p = previous[p - 1]) {
            if (callId.equals(announcements.get(p - 1).callId())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code a}, met before {@code best} in capture order, is as good a match or better for a stream starting
     * at {@code frame}: the latest announcement at or before the frame, else the earliest after it; of equal frames
     * the earliest in capture order.
     */
    private static boolean better(SdpAnnouncement a, SdpAnnouncement best, long frame) {
        if (best == null) {
            return true;
        }
        boolean aBefore = a.frame() <= frame;
        boolean bestBefore = best.frame() <= frame;
        if (aBefore != bestBefore) {
            return aBefore;
        }
        return aBefore ? a.frame() >= best.frame() : a.frame() <= best.frame();
    }
}
