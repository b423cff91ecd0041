package org.sipladder.media;

import java.util.List;
import java.util.Objects;
import org.sipladder.capture.Endpoint;

/**
 * One RTP {@code m=} section of an SDP body in a SIP message: where its sender wants to receive media, in what
 * formats and in which direction. The media analysis reads these while the capture is read, so that it knows
 * the payload types and clock rates of RTP by the time the RTP arrives.
 */
public final class SdpAnnouncement {

    // Packed: a 50,000-call capture holds 240,000 of these from its read to its end, and every 8 bytes of this
    // object (56 bytes with compressed references; 80 as a record) are 1.9 MB. The RTP endpoint usually holds the
    // c= address as written (the same string) and the m= port: then only the address is kept, and the endpoint is
    // made when asked for (an endpoint kept per section was 145,000 objects more for each young collection to copy
    // into the old generation). Method and media type are the usual ones; when they are not, or a number does not
    // fit, they are in a Rare.
    private final long micros;
    /** The frame number's low 32 bits (unsigned); the whole number is in {@link Rare} when it is larger. */
    private final int frame;
    private final int cseq;
    private final short status;
    private final char port;
    /** Index in {@link #DIRECTIONS}. */
    private final byte direction;
    /**
     * Index of the method in {@link #METHODS} (bits 0-2) and of the media type in {@link #MEDIA_TYPES} (bits 3-4);
     * {@link #IN_RARE} when both are in {@link Rare}.
     */
    private final byte kinds;
    private final String callId;
    private final Endpoint sipSrc;
    private final Endpoint sipDst;
    /**
     * The {@link #media()} endpoint's address when it is {@link #address()}, its port is {@link #port()} and the
     * numbers fit; else a {@link Rare}.
     */
    private final Object place;
    private final List<PayloadType> payloadTypes;

    /** The directions an SDP section can give, in the order of their codes; sendrecv when it gives none. */
    static final String[] DIRECTIONS = {"sendrecv", "sendonly", "recvonly", "inactive"};
    private static final byte SENDRECV = 0;
    private static final byte SENDONLY = 1;
    private static final byte RECVONLY = 2;
    /** The methods whose messages carry SDP; index 0: none (a response without a CSeq method). */
    static final String[] METHODS = {null, "INVITE", "ACK", "PRACK", "UPDATE"};
    static final String[] MEDIA_TYPES = {"audio", "video"};
    private static final int IN_RARE = -1;

    /** What few sections have: a host name or an address written otherwise than formatted, a large frame or CSeq. */
    private record Rare(Endpoint media, String address, long frame, long cseq, String method, String mediaType) {
    }

    /**
     * @param frame        frame of the SIP message
     * @param micros       its capture time
     * @param callId       its Call-ID, or null when it has none
     * @param cseq         its CSeq number, -1 when unreadable
     * @param method       the request's method, or for a response the CSeq method
     * @param status       the response status, 0 for a request
     * @param sipSrc       the SIP message's sender
     * @param sipDst       the SIP message's receiver
     * @param mediaType    audio, video...
     * @param media        the address ({@code c=}, section level before session level) and {@code m=} port to send
     *                     RTP to; null when the address is not a literal IP (a host name)
     * @param address      the {@code c=} address as written
     * @param port         the {@code m=} port (0: the stream is refused or removed), 0 to 65535
     * @param payloadTypes the {@code m=} line's formats in order
     * @param direction    sendrecv, sendonly, recvonly or inactive
     */
    public SdpAnnouncement(long frame, long micros, String callId, long cseq, String method, int status,
                           Endpoint sipSrc, Endpoint sipDst, String mediaType, Endpoint media, String address,
                           int port, List<PayloadType> payloadTypes, String direction) {
        if (port < 0 || port > 65535 || status < Short.MIN_VALUE || status > Short.MAX_VALUE) {
            throw new IllegalArgumentException("port " + port + ", status " + status);
        }
        int d = indexOf(DIRECTIONS, direction);
        if (d < 0) {
            throw new IllegalArgumentException("direction " + direction);
        }
        this.micros = micros;
        this.frame = (int) frame;
        this.cseq = (int) cseq;
        this.status = (short) status;
        this.port = (char) port;
        this.direction = (byte) d;
        int m = indexOf(METHODS, method);
        int t = indexOf(MEDIA_TYPES, mediaType);
        this.callId = callId;
        this.sipSrc = sipSrc;
        this.sipDst = sipDst;
        boolean common = media != null && media.address().equals(address) && media.port() == port && frame >= 0
                && frame <= 0xFFFF_FFFFL && cseq == (int) cseq && m >= 0 && t >= 0;
        this.kinds = (byte) (common ? m | t << 3 : IN_RARE);
        this.place = common ? media.address() : new Rare(media, address, frame, cseq, method, mediaType);
        this.payloadTypes = payloadTypes;
    }

    /** The index of {@code s} in {@code table}, or -1; the very strings first (the SDP scan's usual words are). */
    private static int indexOf(String[] table, String s) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == s) {
                return i;
            }
        }
        for (int i = 0; i < table.length; i++) {
            if (Objects.equals(table[i], s)) {
                return i;
            }
        }
        return -1;
    }

    public long frame() {
        return place instanceof Rare r ? r.frame : Integer.toUnsignedLong(frame);
    }

    public long micros() {
        return micros;
    }

    public String callId() {
        return callId;
    }

    public long cseq() {
        return place instanceof Rare r ? r.cseq : cseq;
    }

    public String method() {
        return place instanceof Rare r ? r.method : METHODS[kinds & 7];
    }

    public int status() {
        return status;
    }

    public Endpoint sipSrc() {
        return sipSrc;
    }

    public Endpoint sipDst() {
        return sipDst;
    }

    public String mediaType() {
        return place instanceof Rare r ? r.mediaType : MEDIA_TYPES[kinds >> 3];
    }

    /** Where RTP is to be sent (made now when kept as an address), or null when the address is a host name. */
    public Endpoint media() {
        return place instanceof Rare r ? r.media : new Endpoint((String) place, port);
    }

    /**
     * The address of {@link #media()} without making the endpoint, when that is {@link #address()} and its port
     * {@link #port()} (nearly always); else null: ask {@link #media()}.
     */
    public String mediaAddress() {
        return place instanceof Rare ? null : (String) place;
    }

    public String address() {
        return place instanceof Rare r ? r.address : (String) place;
    }

    public int port() {
        return port;
    }

    public List<PayloadType> payloadTypes() {
        return payloadTypes;
    }

    public String direction() {
        return DIRECTIONS[direction];
    }

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

    /**
     * True when the sender of this SDP is willing to receive media (sendrecv or recvonly, non-zero port), at an address:
     * {@code c=} 0.0.0.0 is the hold of RFC 2543, which RFC 3264 8.4 still asks answerers to honour (send nothing).
     */
    public boolean receives() {
        return port != 0 && (direction == SENDRECV || direction == RECVONLY) && !"0.0.0.0".equals(address());
    }

    /** True when the sender of this SDP means to send media (sendrecv or sendonly, non-zero port). */
    public boolean sends() {
        return port != 0 && (direction == SENDRECV || direction == SENDONLY);
    }

    /** The {@code c=} line as it would be written (evidence text). */
    public String connectionLine() {
        String address = address();
        return "c=IN " + (address.indexOf(':') >= 0 ? "IP6 " : "IP4 ") + address;
    }

    /** The {@code m=} line with its formats (evidence text). */
    public String mediaLine() {
        StringBuilder s = new StringBuilder("m=").append(mediaType()).append(' ').append(port()).append(" RTP/AVP");
        for (PayloadType t : payloadTypes) {
            s.append(' ').append(t.number());
        }
        return s.toString();
    }

    /** "frame 12 INVITE" or "frame 14 200 (INVITE)", for evidence. */
    public String describe() {
        return "frame " + frame() + " " + (status == 0 ? method() : status() + " (" + method() + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdpAnnouncement a && a.frame() == frame() && a.micros == micros
                && Objects.equals(a.callId, callId) && a.cseq() == cseq() && Objects.equals(a.method(), method())
                && a.status == status && Objects.equals(a.sipSrc, sipSrc) && Objects.equals(a.sipDst, sipDst)
                && Objects.equals(a.mediaType(), mediaType()) && Objects.equals(a.media(), media())
                && Objects.equals(a.address(), address()) && a.port == port
                && Objects.equals(a.payloadTypes, payloadTypes) && a.direction == direction;
    }

    @Override
    public int hashCode() {
        return Objects.hash(frame(), micros, callId, cseq(), method(), status(), sipSrc, sipDst, mediaType(), media(),
                address(), port(), payloadTypes, direction());
    }

    @Override
    public String toString() {
        return "SdpAnnouncement[frame=" + frame() + ", micros=" + micros + ", callId=" + callId + ", cseq=" + cseq()
                + ", method=" + method() + ", status=" + status() + ", sipSrc=" + sipSrc + ", sipDst=" + sipDst
                + ", mediaType=" + mediaType() + ", media=" + media() + ", address=" + address() + ", port=" + port()
                + ", payloadTypes=" + payloadTypes + ", direction=" + direction() + "]";
    }
}
