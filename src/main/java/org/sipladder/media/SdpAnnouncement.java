package org.sipladder.media;

import java.util.List;
import org.sipladder.capture.Endpoint;

/**
 * One RTP {@code m=} section of an SDP body in a SIP message: where its sender wants to receive media, in what
 * formats and in which direction. The media analysis reads these while the capture is read, so that it knows
 * the payload types and clock rates of RTP by the time the RTP arrives.
 *
 * @param frame       frame of the SIP message
 * @param micros      its capture time
 * @param callId      its Call-ID, or null when it has none
 * @param cseq        its CSeq number, -1 when unreadable
 * @param method      the request's method, or for a response the CSeq method
 * @param status      the response status, 0 for a request
 * @param sipSrc      the SIP message's sender
 * @param sipDst      the SIP message's receiver
 * @param mediaType   audio, video...
 * @param media       the address ({@code c=}, section level before session level) and {@code m=} port to send RTP
 *                    to; null when the address is not a literal IP (a host name)
 * @param address     the {@code c=} address as written
 * @param port        the {@code m=} port (0: the stream is refused or removed)
 * @param payloadTypes the {@code m=} line's formats in order
 * @param direction   sendrecv, sendonly, recvonly or inactive (sendrecv when absent)
 */
public record SdpAnnouncement(long frame, long micros, String callId, long cseq, String method, int status,
                              Endpoint sipSrc, Endpoint sipDst, String mediaType, Endpoint media, String address,
                              int port, List<PayloadType> payloadTypes, String direction) {

    /** True for a request's SDP (an offer, or the answer in an ACK or PRACK). */
    public boolean isRequest() {
        return status == 0;
    }

    /** The payload type entry for {@code pt}, or null when this section does not list it. */
    public PayloadType payloadType(int pt) {
        for (PayloadType t : payloadTypes) {
            if (t.number() == pt) {
                return t;
            }
        }
        return null;
    }

    /** True when the sender of this SDP is willing to receive media (sendrecv or recvonly, non-zero port). */
    public boolean receives() {
        return port != 0 && (direction.equals("sendrecv") || direction.equals("recvonly"));
    }

    /** True when the sender of this SDP means to send media (sendrecv or sendonly, non-zero port). */
    public boolean sends() {
        return port != 0 && (direction.equals("sendrecv") || direction.equals("sendonly"));
    }

    /** The {@code c=} line as it would be written (evidence text). */
    public String connectionLine() {
        return "c=IN " + (address.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + address;
    }

    /** The {@code m=} line with its formats (evidence text). */
    public String mediaLine() {
        StringBuilder s = new StringBuilder("m=").append(mediaType).append(' ').append(port).append(" RTP/AVP");
        for (PayloadType t : payloadTypes) {
            s.append(' ').append(t.number());
        }
        return s.toString();
    }

    /** "frame 12 INVITE" or "frame 14 200 (INVITE)", for evidence. */
    public String describe() {
        return "frame " + frame + " " + (status == 0 ? method : status + " (" + method + ")");
    }
}
