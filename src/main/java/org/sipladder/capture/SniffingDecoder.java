package org.sipladder.capture;

import org.sipladder.Limits;

/**
 * Looks at the first bytes of a TCP direction and picks its decoder: TLS, HEP, HTTP (WebSocket upgrade),
 * RTP/RTCP framed as RFC 4571 says, WebSocket frames already under way, or SIP.
 */
final class SniffingDecoder implements StreamDecoder {

    /** Frames looked past, at most, before the first data frame that tells whether a direction is WebSocket. */
    private static final int UNDECIDED_FRAMES = 16;

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        byte[] a = buffer.array();
        int s = buffer.start();
        int n = buffer.size();
        if (n == 0) {
            return this;
        }
        if (n >= 2 && isTlsRecord(a[s], a[s + 1])) {
            return new TlsDecoder();
        }
        if (n >= 2 && context.peer() instanceof TlsDecoder tls && tls.awaitsServerHello()) {
            // the answer to a ClientHello is no TLS record: a server that does not speak TLS on this port
            tls.failed(context, false, "the server answered the ClientHello with bytes that are not TLS ("
                    + printable(a, s, Math.min(n, 24)) + ")");
        }
        if ((a[s] == 'H' || a[s] == 'G') && n < 5) {
            return this;
        }
        if (HepDecoder.isHep3(a, s, n)) {
            return new HepStreamDecoder();
        }
        if (startsWith(a, s, n, "GET ") || startsWith(a, s, n, "HTTP/")) {
            return new HttpUpgradeDecoder();
        }
        int rtp = RtpOverTcpDecoder.verdict(a, s, n);
        if (rtp == SipFraming.NEED_MORE) {
            return this;
        }
        if (rtp > 0) {
            return new RtpOverTcpDecoder();
        }
        int ws = webSocketVerdict(a, s, n);
        if (ws == SipFraming.NEED_MORE) {
            return this;
        }
        return ws > 0 ? WebSocketDecoder.joined() : new SipStreamDecoder(Transport.TCP);
    }

    /**
     * Whether the direction starts with WebSocket frames whose first data message begins a SIP start line: the
     * capture began after the HTTP upgrade, which is common for long-lived WebSocket connections. Control frames
     * (keep-alive pings and pongs, a close) are looked past, and so is a compressed message that cannot be inflated on
     * its own (it refers to earlier ones); after {@value #UNDECIDED_FRAMES} such frames in a row the direction is taken
     * for WebSocket. Nothing is consumed: the chosen decoder reads the direction from its start.
     */
    private static int webSocketVerdict(byte[] a, int s, int n) {
        int first = a[s] & 0xff;
        if (!mayStartFrame(first)) {
            return SipFraming.NO;
        }
        if (first < 0x80) {
            // 'A' or 'B' (a data frame with RSV1 and no FIN) may begin an ACK or a BYE sent over plain TCP
            int line = SipFraming.startLine(a, s, s + n);
            if (line != SipFraming.NO) {
                return line > 0 ? SipFraming.NO : SipFraming.NEED_MORE;
            }
        }
        int end = s + n;
        int at = s;
        for (int frames = 0; frames < UNDECIDED_FRAMES; frames++) {
            if (end - at < 2) {
                return SipFraming.NEED_MORE;
            }
            int b0 = a[at] & 0xff;
            int opcode = b0 & 0x0f;
            boolean control = opcode >= 8;
            // a control frame is never fragmented and holds at most 125 bytes (RFC 6455 5.5)
            if (!mayStartFrame(b0) || control && (a[at + 1] & 0x7f) > 125) {
                return SipFraming.NO;
            }
            int header = WebSocketDecoder.headerLength(a, at);
            if (end - at < header) {
                return SipFraming.NEED_MORE;
            }
            long length = WebSocketDecoder.payloadLength(a, at);
            boolean compressed = (b0 & 0x40) != 0;
            if (!control && !compressed) {
                return plainVerdict(a, at, end, header, length);
            }
            if (length < 0 || length > Limits.FRAMED_MESSAGE_BYTES) {
                return SipFraming.NO;
            }
            if (end - at < header + length) {
                return SipFraming.NEED_MORE;
            }
            if (!control) {
                int verdict = WebSocketInflater.sniff(unmasked(a, at, header, (int) length));
                if (verdict != SipFraming.NEED_MORE) {
                    return verdict;
                }
            }
            at += header + (int) length;
        }
        return 1;
    }

    /**
     * Whether byte {@code b} may begin a frame: a text or binary frame (RSV1 may be set, for a compressed message) or
     * a final close, ping or pong frame, with neither RSV2 nor RSV3.
     */
    private static boolean mayStartFrame(int b) {
        int opcode = b & 0x0f;
        return (b & 0x30) == 0 && (opcode == 1 || opcode == 2 || (b & 0xc0) == 0x80 && opcode >= 8 && opcode <= 10);
    }

    /** Whether the uncompressed data frame at {@code a[at]} begins a SIP start line. */
    private static int plainVerdict(byte[] a, int at, int end, int header, long length) {
        int probe = length < 0 || length > 64 ? 64 : (int) length;
        if (end - at < header + probe) {
            return SipFraming.NEED_MORE;
        }
        byte[] start = unmasked(a, at, header, probe);
        int verdict = SipFraming.startLine(start, 0, probe);
        return verdict > 0 || (verdict == SipFraming.NEED_MORE && probe >= 8) ? 1 : SipFraming.NO;
    }

    /** The first {@code length} payload bytes of the frame at {@code a[at]} whose header is {@code header} long. */
    private static byte[] unmasked(byte[] a, int at, int header, int length) {
        boolean masked = (a[at + 1] & 0x80) != 0;
        int payload = at + header;
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = masked ? (byte) (a[payload + i] ^ a[payload - 4 + (i & 3)]) : a[payload + i];
        }
        return bytes;
    }

    /** A TLS record header: content type 20-23 followed by major version 3. */
    static boolean isTlsRecord(byte type, byte major) {
        return type >= 20 && type <= 23 && major == 3;
    }

    static boolean startsWith(byte[] a, int s, int n, String ascii) {
        if (n < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (a[s + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code n} bytes at {@code a[s]} up to a line break, other than printable ASCII shown as '.'. */
    private static String printable(byte[] a, int s, int n) {
        StringBuilder text = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = (char) (a[s + i] & 0xff);
            if (c == '\r' || c == '\n') {
                break;
            }
            text.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return text.toString().trim();
    }
}
