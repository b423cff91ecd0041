package org.sipladder.capture;

import java.util.List;

/**
 * Takes the RTP and RTCP candidates of a capture, and the SIP payloads between them, on the thread that decodes
 * the packets and in capture order. Given by {@link CaptureListener#media()}; without one, RTP is dropped on its
 * first byte as before.
 */
public interface MediaListener {

    /**
     * A UDP datagram that is not SIP and whose first byte says RTP version 2 (RTP or RTCP). {@code p} is one
     * object reused for every datagram: read it during the call and keep nothing of it but copies.
     */
    void datagram(MediaPayload p);

    /**
     * An RTCP report a capture agent sent on as JSON instead of the packet (HEP3 protocol type 5 from heplify,
     * captagent or rtpengine), with the addresses, ports and time of the RTCP packet it describes; {@code p}'s bytes
     * are the JSON text. Reused as {@link #datagram}'s is.
     */
    default void rtcpJson(MediaPayload p) {
    }

    /** An ICMP destination-unreachable error about a UDP or TCP packet, in capture order with the datagrams. */
    default void unreachable(Unreachable error) {
    }

    /**
     * A SIP payload as the decoder found it, before the {@link CaptureListener} gets it: a media analysis reads the
     * SDP here, so that it knows announced addresses and payload types when the RTP they announce arrives.
     */
    default void sip(SipPayload p) {
    }

    /**
     * True when {@link #sip} reads a payload's bytes only during the call, or {@linkplain SipPayload#hold holds} it and
     * gives it back (see {@link CaptureListener#borrowsPayloads}).
     */
    default boolean borrowsPayloads() {
        return false;
    }

    /**
     * What this listener left out since it was last asked, one warning per bound it reached (see
     * {@link org.sipladder.Limits}) naming the frame it was reached at and counting the packets left out. Asked on
     * the decoding thread once the last packet of a read is in; the reader reports them as its own warnings.
     */
    default List<String> takeWarnings() {
        return List.of();
    }
}
