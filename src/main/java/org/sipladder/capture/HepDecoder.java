package org.sipladder.capture;

/**
 * Unwraps HEP/EEP version 1, 2 and 3 packets (as sent by heplify, Kamailio, OpenSIPS and FreeSWITCH) and reports the SIP
 * inside with the addresses, ports and time the capture agent recorded; the RTP and RTCP a HEP3 agent sends
 * (protocol type 4 and 5 with the packet as payload) go to the media listener the same way, when there is one, and
 * so does RTCP an agent sent as a JSON report (type 5 with a JSON object as payload: heplify, captagent, rtpengine).
 * A payload the agent compressed (chunk 0x0010) is inflated first ({@link HepInflater}). A packet whose protocol type
 * says SIP is handed on even when its payload is not SIP or cannot be inflated, with a note saying so, so that it is
 * listed as a malformed message instead of vanishing; so is one cut short (the datagram ends before the packet's
 * total length, or a chunk's length runs past the packet's end) after its payload chunk began.
 */
final class HepDecoder {

    /** HEP1: HEP2's header without the time header (Kamailio's and OpenSIPS's siptrace, {@code hep_version} 1). */
    static final byte VERSION_1 = 1;
    static final byte VERSION_2 = 2;
    /** HEP2's time header: seconds, microseconds, capture id and padding, in the agent's byte order. */
    private static final int TIME_HEADER = 12;
    private static final int MIN_HEP3 = 6;
    /** HEP3 protocol types (chunk 0x000b) of RTP and RTCP; RTCP as JSON (heplify, rtpengine) goes on as such. */
    static final int PROTOCOL_SIP = 1;
    /** No protocol type chunk (or type 0, reserved): the payload is read by what it holds. */
    private static final int NO_TYPE = 0;
    static final int PROTOCOL_RTP = 4;
    static final int PROTOCOL_RTCP = 5;
    /** The shortest RTCP packet (a receiver report without blocks). */
    private static final int MIN_RTCP = 8;

    private final PayloadSink sink;
    /** One packet's chunk positions, reused: RTP in HEP comes by the million and must not allocate per packet. */
    private final Chunks c = new Chunks();
    /** For payloads an agent compressed (chunk 0x0010). */
    private final HepInflater inflater = new HepInflater();
    static final String NOT_SIP = "the HEP packet's protocol type (chunk 0x000b) says SIP, but its payload starts with "
            + "no SIP request or status line: kept as it came";

    static final String CUT_SHORT = "the HEP packet ends before its payload chunk (0x000f) does: the agent sent it cut "
            + "short, or a length in it is wrong; kept as far as it goes";

    /** A chunk length under a chunk header's own 6 bytes: the chunks after it cannot be found. */
    static final String CHUNK_LENGTH = "the HEP packet has a chunk length shorter than a chunk header (under 6 bytes): "
            + "nothing says where the next chunk starts, so the chunks after it are lost";
    /** No source or no destination address chunk. */
    static final String NO_ADDRESS = "the HEP packet has no source or no destination address chunk (0x0003/0x0004 for "
            + "IPv4, 0x0005/0x0006 for IPv6): the missing side is shown as an unspecified address";
    /** One address IPv4, the other IPv6. */
    static final String MIXED_ADDRESSES = "the HEP packet's source and destination addresses are of different "
            + "families (one IPv4, one IPv6)";

    /** What was wrong with the chunks of the last packet decoded (one of the constants above), null when nothing. */
    private String fault;

    HepDecoder(PayloadSink sink) {
        this.sink = sink;
    }

    /** Whether {@code a[off..]} starts with the HEP3 magic. */
    static boolean isHep3(byte[] a, int off, int len) {
        return len >= MIN_HEP3 && a[off] == 'H' && a[off + 1] == 'E' && a[off + 2] == 'P' && a[off + 3] == '3';
    }

    /** Whether {@code a[off..]} starts as a HEP3 packet or a HEP1/HEP2 header does, whatever follows. */
    static boolean looksLikeHep(byte[] a, int off, int len) {
        return isHep3(a, off, len) || len >= 16 && (a[off] == VERSION_1 || a[off] == VERSION_2)
                && (a[off + 1] == 16 || a[off + 1] == 40);
    }

    /**
     * Decodes one HEP packet; false when the bytes are not HEP carrying SIP or media (so the caller may try plain
     * SIP, and a listener counts them): a chunk length shorter than a chunk header, no payload, payloads of another
     * protocol type even when they quote SIP (a payload typed SIP is handed on whatever it holds, but for line breaks
     * alone: a keep-alive; one with no type is read by what it holds).
     */
    boolean decode(byte[] a, int off, int len) {
        fault = null;
        if (isHep3(a, off, len)) {
            int total = Wire.u16(a, off + 4);
            if (total < MIN_HEP3) {
                return false;
            }
            // a datagram shorter than its total is read as far as it goes: the chunks before the cut are whole
            return v3(a, off + MIN_HEP3, off + Math.min(total, len));
        }
        if (len >= 16 && (a[off] == VERSION_1 || a[off] == VERSION_2)) {
            return v2(a, off, len);
        }
        return false;
    }

    private boolean v3(byte[] a, int at, int end) {
        c.reset();
        while (at + 6 <= end) {
            int vendor = Wire.u16(a, at);
            int type = Wire.u16(a, at + 2);
            int length = Wire.u16(a, at + 4);
            if (length < 6) {
                // nothing says where the next chunk starts: the chunks before it stand, flagged
                fault = CHUNK_LENGTH;
                break;
            }
            if (at + length > end) {
                // cut short, or the length is wrong: a payload is kept as far as it goes, and flagged
                c.cut = true;
                if (vendor == 0) {
                    c.take(type, a, at + 6, end - at - 6);
                }
                break;
            }
            if (vendor == 0) {
                c.take(type, a, at + 6, length - 6);
            }
            at += length;
        }
        byte[] p = a;
        String note = c.cut ? CUT_SHORT : null;
        if (c.payloadAt < 0 && c.compressedAt >= 0) {
            int n = inflater.inflate(a, c.compressedAt, c.compressedLength);
            if (n >= 0 && note == null) {
                p = inflater.output();
                c.payloadAt = 0;
                c.payloadLength = n;
            } else {
                note = note != null ? note : inflater.failure();
                c.payloadAt = c.compressedAt;
                c.payloadLength = c.compressedLength;
            }
        }
        if (fault == null && (c.srcAt < 0 || c.dstAt < 0)) {
            fault = NO_ADDRESS;
        } else if (fault == null && c.srcLength != c.dstLength) {
            fault = MIXED_ADDRESSES;
        }
        if (c.payloadAt < 0) {
            return false;
        }
        note = note != null ? note : fault;
        long micros = c.seconds >= 0 ? c.seconds * 1_000_000 + Math.max(0, c.micros) : sink.micros();
        if (c.protocol == PROTOCOL_RTP || c.protocol == PROTOCOL_RTCP) {
            if (note != null) {
                return false;
            }
            if (sink.wantsMedia() && c.payloadLength >= MIN_RTCP && (p[c.payloadAt] & 0xc0) == 0x80) {
                sink.media(a, c.srcAt, c.dstAt, c.srcLength, micros, c.srcPort, c.dstPort, p, c.payloadAt,
                        c.payloadLength);
            } else if (sink.wantsMedia() && c.protocol == PROTOCOL_RTCP && c.payloadLength > 0
                    && p[c.payloadAt] == '{') {
                // heplify, captagent and rtpengine send Homer the report as JSON, not the packet
                sink.rtcpJson(a, c.srcAt, c.dstAt, c.srcLength, micros, c.srcPort, c.dstPort, p, c.payloadAt,
                        c.payloadLength);
            }
            return true;
        }
        if (c.protocol != PROTOCOL_SIP && c.protocol != NO_TYPE) {
            // a log line (100), DNS (53), a QoS report (34, 35)... may quote a SIP message, and is not that message
            return false;
        }
        int from = c.payloadAt;
        int to = from + c.payloadLength;
        boolean startLine = SipFraming.wholeStartLine(p, from, to) > 0;
        if (note == null && startLine) {
            emit(micros, sink.endpoint(a, c.srcAt, c.srcLength, c.srcPort),
                    sink.endpoint(a, c.dstAt, c.dstLength, c.dstPort), p, from, to);
            return true;
        }
        if (c.protocol == NO_TYPE && !(startLine && fault != null) || PayloadSink.lineBreaksOnly(p, from, to)) {
            return false;
        }
        // the agent says SIP, or SIP came in broken chunks: listed as a malformed message with the reason, as
        // Wireshark shows a malformed packet
        sink.note(note != null ? note : NOT_SIP);
        sink.emit(micros, side(a, c.srcAt, c.srcLength, c.dstLength, c.srcPort),
                side(a, c.dstAt, c.dstLength, c.srcLength, c.dstPort), Transport.HEP, p, from, c.payloadLength);
        return true;
    }

    /** What was wrong with the chunks of the packet just decoded ({@link #CHUNK_LENGTH}...), null when nothing. */
    String fault() {
        return fault;
    }

    /** One side's endpoint; with no address chunk, the unspecified address of the other side's family. */
    private Endpoint side(byte[] a, int at, int length, int otherLength, int port) {
        if (at >= 0) {
            return sink.endpoint(a, at, length, port);
        }
        return new Endpoint(otherLength == 16 ? "::" : "0.0.0.0", port);
    }

    /** Chunk positions of one HEP3 packet. */
    private static final class Chunks {
        int srcAt;
        int dstAt;
        int srcLength;
        int dstLength;
        int srcPort;
        int dstPort;
        long seconds;
        long micros;
        int protocol;
        int payloadAt;
        int payloadLength;
        int compressedAt;
        int compressedLength;
        /** A chunk ran past the packet's end: what it holds is cut short. */
        boolean cut;

        void reset() {
            cut = false;
            srcAt = dstAt = payloadAt = compressedAt = -1;
            srcLength = dstLength = srcPort = dstPort = protocol = payloadLength = compressedLength = 0;
            seconds = micros = -1;
        }

        void take(int type, byte[] a, int at, int n) {
            switch (type) {
                case 3: case 5:
                    if (n == 4 || n == 16) {
                        srcAt = at;
                        srcLength = n;
                    }
                    break;
                case 4: case 6:
                    if (n == 4 || n == 16) {
                        dstAt = at;
                        dstLength = n;
                    }
                    break;
                case 7:
                    srcPort = n == 2 ? Wire.u16(a, at) : srcPort;
                    break;
                case 8:
                    dstPort = n == 2 ? Wire.u16(a, at) : dstPort;
                    break;
                case 9:
                    seconds = n == 4 ? Wire.int32(a, at) & 0xffffffffL : seconds;
                    break;
                case 10:
                    micros = n == 4 ? Wire.int32(a, at) & 0xffffffffL : micros;
                    break;
                case 11:
                    protocol = n == 1 ? a[at] & 0xff : protocol;
                    break;
                case 15:
                    payloadAt = at;
                    payloadLength = n;
                    break;
                case 16:
                    compressedAt = at;
                    compressedLength = n;
                    break;
                default:
                    break;
            }
        }
    }

    /** A HEP2 packet, or a HEP1 one: the same header, with no time header after it. */
    private boolean v2(byte[] a, int off, int len) {
        int headerLength = a[off + 1] & 0xff;
        int family = a[off + 2] & 0xff;
        int addressLength = family == 2 ? 4 : family == 10 ? 16 : 0;
        int timeHeader = a[off] == VERSION_2 ? TIME_HEADER : 0;
        if (addressLength == 0 || headerLength != 8 + 2 * addressLength || headerLength + timeHeader > len) {
            return false;
        }
        int payload = off + headerLength + timeHeader;
        int end = off + len;
        if (SipFraming.wholeStartLine(a, payload, end) <= 0) {
            return false;
        }
        long time = sink.micros(); // HEP1 says nothing of when the agent saw the message: when it arrived here
        if (timeHeader > 0) {
            // the time header is written in the agent's byte order, little-endian on every agent in use
            long seconds = Integer.reverseBytes(Wire.int32(a, off + headerLength)) & 0xffffffffL;
            time = seconds * 1_000_000 + (Integer.reverseBytes(Wire.int32(a, off + headerLength + 4)) & 0xffffffffL);
        }
        emit(time, sink.endpoint(a, off + 8, addressLength, Wire.u16(a, off + 4)),
                sink.endpoint(a, off + 8 + addressLength, addressLength, Wire.u16(a, off + 6)), a, payload, end);
        return true;
    }

    /**
     * Hands on the message {@code a[payload, end)} holds: a HEP packet carries one captured message, which ends where
     * its Content-Length says (RFC 3261 18.3, as a datagram's); bytes after it are flagged.
     */
    private void emit(long micros, Endpoint src, Endpoint dst, byte[] a, int payload, int end) {
        int length = TransportDecoder.datagramMessageLength(a, payload, end);
        sink.afterMessage(a, payload + length, end);
        sink.emit(micros, src, dst, Transport.HEP, a, payload, length);
    }
}
