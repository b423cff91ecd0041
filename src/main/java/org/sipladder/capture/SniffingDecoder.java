package org.sipladder.capture;

/**
 * Looks at the first bytes of a TCP direction and picks its decoder: TLS, HEP, HTTP (WebSocket upgrade),
 * RTP/RTCP framed as RFC 4571 says, WebSocket frames already under way, or SIP.
 */
final class SniffingDecoder implements StreamDecoder {

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
        return ws > 0 ? new WebSocketDecoder() : new SipStreamDecoder(Transport.TCP);
    }

    /**
     * Whether the direction starts with a WebSocket data frame whose (unmasked) payload begins a SIP start line:
     * the capture began after the HTTP upgrade, which is common for long-lived WebSocket connections.
     */
    private static int webSocketVerdict(byte[] a, int s, int n) {
        int opcode = a[s] & 0x7f; // FIN may be either; the reserved bits must be clear
        if ((opcode != 1 && opcode != 2) || n < 2) {
            return opcode == 1 || opcode == 2 ? SipFraming.NEED_MORE : SipFraming.NO;
        }
        boolean masked = (a[s + 1] & 0x80) != 0;
        int lengthCode = a[s + 1] & 0x7f;
        int header = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + (masked ? 4 : 0);
        int probe = Math.min(lengthCode < 126 ? lengthCode : 64, 64);
        if (n < header + probe) {
            return SipFraming.NEED_MORE;
        }
        byte[] start = new byte[probe];
        for (int i = 0; i < probe; i++) {
            start[i] = masked ? (byte) (a[s + header + i] ^ a[s + header - 4 + (i & 3)]) : a[s + header + i];
        }
        int verdict = SipFraming.startLine(start, 0, probe);
        return verdict > 0 || (verdict == SipFraming.NEED_MORE && probe >= 8) ? 1 : SipFraming.NO;
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
}
