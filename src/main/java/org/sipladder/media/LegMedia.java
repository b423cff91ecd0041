package org.sipladder.media;

import java.util.List;

/**
 * The media of one leg (one Call-ID): the SDP offers and answers in capture order and the RTP streams bound to it.
 *
 * @param callId        Call-ID of the leg
 * @param announcements its SDP sections in capture order
 * @param streams       its streams in order of their first packet
 */
public record LegMedia(String callId, List<SdpAnnouncement> announcements, List<RtpStream> streams) {

    /** Packets of all streams of the leg. */
    public long packets() {
        return streams.stream().mapToLong(s -> s.stats().packets()).sum();
    }

    /** True when the leg's SDP announced media and no RTP was seen for it. */
    public boolean announcedButSilent() {
        return !announcements.isEmpty() && streams.isEmpty();
    }
}
