package org.sipladder.capture;

/**
 * Waits for the HTTP header block that opens a WebSocket connection (the client's {@code Upgrade: websocket}
 * request or the server's {@code 101} answer) and hands the rest of the direction to the WebSocket decoder.
 */
final class HttpUpgradeDecoder implements StreamDecoder {

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        byte[] a = buffer.array();
        int s = buffer.start();
        int headerEnd = SipFraming.headerEnd(a, s, buffer.end());
        if (headerEnd < 0) {
            return buffer.size() > SipStreamDecoder.MAX_HEADER ? new SipStreamDecoder(Transport.TCP) : this;
        }
        boolean upgrade = SniffingDecoder.startsWith(a, s, buffer.size(), "HTTP/1.1 101")
                || SniffingDecoder.startsWith(a, s, buffer.size(), "HTTP/1.0 101")
                || containsIgnoreCase(a, s, headerEnd, "websocket");
        buffer.consume(headerEnd - s);
        return upgrade ? new WebSocketDecoder() : new SipStreamDecoder(Transport.TCP);
    }

    private static boolean containsIgnoreCase(byte[] a, int from, int end, String lowerAscii) {
        for (int i = from; i + lowerAscii.length() <= end; i++) {
            if (SipFraming.regionMatchesIgnoreCase(a, i, end, lowerAscii)) {
                return true;
            }
        }
        return false;
    }
}
