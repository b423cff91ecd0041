package org.sipladder.media;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.Endpoint;

/**
 * Ties a stream to the SDP that announced it: the receiver's address in an SDP, else the sender's (symmetric RTP,
 * where a party sends from the address it receives on). When several legs announced the same address (a B2BUA
 * using one media port on both sides, or ports reused over time) the leg whose other party announced the other
 * end wins, then the latest announcement before the stream's first packet.
 */
final class StreamBinding {

    private final Map<Endpoint, List<SdpAnnouncement>> byMedia = new HashMap<>();

    StreamBinding(List<SdpAnnouncement> announcements) {
        for (SdpAnnouncement a : announcements) {
            if (a.media() != null && a.port() != 0) {
                byMedia.computeIfAbsent(a.media(), k -> new ArrayList<>()).add(a);
            }
        }
    }

    /** The announcement a stream from {@code src} to {@code dst} starting at {@code firstFrame} belongs to, or null. */
    SdpAnnouncement announcementOf(Endpoint src, Endpoint dst, long firstFrame) {
        List<SdpAnnouncement> toDst = byMedia.getOrDefault(dst, List.of());
        List<SdpAnnouncement> fromSrc = byMedia.getOrDefault(src, List.of());
        // both ends announced in one dialog: the receiver's announcement of that dialog
        SdpAnnouncement best = null;
        for (SdpAnnouncement a : toDst) {
            if (a.callId() != null && hasCallId(fromSrc, a.callId()) && better(a, best, firstFrame)) {
                best = a;
            }
        }
        if (best != null) {
            return best;
        }
        for (SdpAnnouncement a : toDst) {
            if (better(a, best, firstFrame)) {
                best = a;
            }
        }
        if (best != null) {
            return best;
        }
        for (SdpAnnouncement a : fromSrc) {
            if (better(a, best, firstFrame)) {
                best = a;
            }
        }
        return best;
    }

    private static boolean hasCallId(List<SdpAnnouncement> list, String callId) {
        for (SdpAnnouncement a : list) {
            if (callId.equals(a.callId())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code a} is a better match than {@code best} for a stream starting at {@code frame}: the latest
     * announcement at or before the frame, else the earliest after it.
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
        return aBefore ? a.frame() > best.frame() : a.frame() < best.frame();
    }
}
