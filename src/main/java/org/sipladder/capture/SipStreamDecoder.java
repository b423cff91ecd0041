package org.sipladder.capture;

/**
 * Frames SIP messages in a TCP byte stream by their Content-Length; skips CRLF keep-alives and, when the stream
 * does not start at a message (capture started mid-stream, or a gap), resynchronises at the next start line.
 */
final class SipStreamDecoder implements StreamDecoder {

    static final int MAX_HEADER = 64 * 1024;

    private final Transport transport;

    SipStreamDecoder(Transport transport) {
        this.transport = transport;
    }

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        byte[] a = buffer.array();
        while (buffer.size() > 0) {
            int s = buffer.start();
            int e = buffer.end();
            int p = s;
            while (p < e && (a[p] == '\r' || a[p] == '\n')) {
                p++;
            }
            if (p > s) {
                buffer.consume(p - s);
                continue;
            }
            int line = SipFraming.startLine(a, s, e);
            if (line == SipFraming.NEED_MORE) {
                return this;
            }
            if (line == SipFraming.NO) {
                if (!resync(buffer)) {
                    return this;
                }
                continue;
            }
            int length = SipFraming.messageLength(a, s, e, MAX_HEADER);
            if (length == SipFraming.NEED_MORE) {
                return this;
            }
            if (length == SipFraming.NO) {
                buffer.consume(line);
                continue;
            }
            context.emit(transport, a, s, length);
            buffer.consume(length);
        }
        return this;
    }

    /** Drops bytes up to the next line that is, or may become, a start line; false when more bytes are needed. */
    private static boolean resync(StreamBuffer buffer) {
        byte[] a = buffer.array();
        int s = buffer.start();
        int e = buffer.end();
        for (int lf = SipFraming.indexOf(a, s, e, (byte) '\n'); lf >= 0; lf = SipFraming.indexOf(a, lf + 1, e,
                (byte) '\n')) {
            int candidate = lf + 1;
            int verdict = SipFraming.startLine(a, candidate, e);
            if (verdict != SipFraming.NO) {
                buffer.consume(candidate - s);
                return verdict > 0;
            }
        }
        buffer.consume(e - s);
        return false;
    }

    @Override
    public void end(StreamBuffer buffer, StreamContext context) {
        byte[] a = buffer.array();
        if (SipFraming.startLine(a, buffer.start(), buffer.end()) > 0) {
            context.sink().warn("frame " + context.sink().frame() + ": TCP stream " + context.describe()
                    + " ends inside a SIP message (" + buffer.size() + " bytes, not delivered)");
        }
    }
}
