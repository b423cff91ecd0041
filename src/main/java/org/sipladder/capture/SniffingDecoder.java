package org.sipladder.capture;

/** Looks at the first bytes of a TCP direction and picks its decoder: TLS, HEP, HTTP (WebSocket upgrade) or SIP. */
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
        return new SipStreamDecoder(Transport.TCP);
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
