package org.sipladder.capture;

import org.sipladder.ByteWords;
import org.sipladder.Limits;

/**
 * Frames SIP messages in a TCP byte stream by their Content-Length; skips CRLF keep-alives and, when the stream
 * does not start at a message (capture started mid-stream, or a gap), resynchronises at the next start line.
 */
final class SipStreamDecoder implements StreamDecoder {

    static final int MAX_HEADER = Limits.STREAM_HEADER_BYTES;

    private final Transport transport;
    /** Whether this stream has carried a SIP message: only then may a message start in the middle of a segment. */
    private boolean framed;

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
                if (!(framed ? resync(buffer) : nextSegment(buffer))) {
                    return this;
                }
                continue;
            }
            int length = SipFraming.messageLength(a, s, e, MAX_HEADER);
            if (length == SipFraming.NEED_MORE) {
                return this;
            }
            if (length == SipFraming.NO) {
                context.sink().warn("frame " + context.sink().frame() + ": TCP stream " + context.describe()
                        + ": a SIP message's header section is longer than " + MAX_HEADER
                        + " bytes (Limits.STREAM_HEADER_BYTES); its start line is skipped");
                buffer.consume(line);
                continue;
            }
            context.emit(transport, buffer, length);
            framed = true;
            buffer.consume(length);
        }
        return this;
    }

    /**
     * A stream joined midway that has not shown SIP yet: its bytes up to the next segment are not a message start
     * (SIP text inside some other protocol's payload is no message), so they are dropped. False when more bytes
     * are needed.
     */
    private static boolean nextSegment(StreamBuffer buffer) {
        int next = buffer.nextSegmentStart();
        buffer.consume((next < 0 ? buffer.end() : next) - buffer.start());
        return next >= 0;
    }

    /** Drops bytes up to the next line that is, or may become, a start line; false when more bytes are needed. */
    private static boolean resync(StreamBuffer buffer) {
        byte[] a = buffer.array();
        int s = buffer.start();
        int e = buffer.end();
        for (int lf = ByteWords.indexOf(a, s, e, (byte) '\n'); lf >= 0;
                lf = ByteWords.indexOf(a, lf + 1, e, (byte) '\n')) {
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
        int size = buffer.size();
        if (keepCut(buffer, context)) {
            context.sink().warn("frame " + context.sink().frame() + ": TCP stream " + context.describe()
                    + " ends inside a SIP message (" + size + " bytes, kept as a message cut short)");
        }
    }

    @Override
    public boolean carriesSip() {
        return framed;
    }

    /** A gap (warned of by the stream) cuts the message in progress; the next is found by its start line after it. */
    @Override
    public void gap(StreamBuffer buffer, StreamContext context) {
        keepCut(buffer, context);
    }

    /**
     * Delivers the message {@code buffer} holds the start of, cut short, so that it is listed (the SIP layer flags
     * what it lacks: headers, the empty line or body bytes) rather than lost; bytes that do not begin with a start
     * line are no message and are only dropped. True when it delivered one.
     */
    private boolean keepCut(StreamBuffer buffer, StreamContext context) {
        if (SipFraming.startLine(buffer.array(), buffer.start(), buffer.end()) <= 0) {
            return false;
        }
        context.emit(transport, buffer, buffer.size());
        framed = true;
        return true;
    }
}
