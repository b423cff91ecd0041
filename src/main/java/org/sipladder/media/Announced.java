package org.sipladder.media;

/**
 * The latest SDP section that announced one transport address, updated in place when a later SDP (a re-INVITE)
 * announces it again, so that a stream holding it sees the payload types in force without looking it up per packet.
 */
final class Announced {

    SdpAnnouncement current;
    /** 1 + the position of {@link #current} in the analysis's announcements: the first of its chain (StreamBinding). */
    int last;

    Announced(SdpAnnouncement current) {
        this.current = current;
    }
}
