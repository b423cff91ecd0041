package org.sipladder.media;

import org.sipladder.capture.Endpoint;

/**
 * What the analysis keeps of one transport address that an SDP announced or a stream sends from or to: the latest SDP
 * section that announced it, updated in place when a later SDP (a re-INVITE) announces it again, so that a stream
 * holding it sees the payload types in force without looking it up per packet; and the first of the streams sending
 * from or to it (the others after it, {@link StreamAccumulator#nextOf}).
 */
final class Announced {

    /** The latest SDP section announcing the address, or null while none did (only streams use it). */
    SdpAnnouncement current;
    /** 1 + the position of {@link #current} in the analysis's announcements: the first of its chain (StreamBinding). */
    int last;
    /** The first stream sending from or to the address, or null. */
    StreamAccumulator firstStream;
    /**
     * The address, as the one object every stream sending from or to it holds: an SDP section keeps its address as a
     * string and makes its endpoint when asked, and a 4 GB capture's 12,000 streams held 25,000 copies of 10,000
     * addresses.
     */
    final Endpoint endpoint;

    Announced(SdpAnnouncement current, Endpoint endpoint) {
        this.current = current;
        this.endpoint = endpoint;
    }
}
