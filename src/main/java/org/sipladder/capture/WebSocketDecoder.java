package org.sipladder.capture;

import java.io.ByteArrayOutputStream;
import org.sipladder.Limits;

/** RFC 6455 frames (masked or not, fragmented or not) carrying one SIP message per data message (RFC 7118). */
final class WebSocketDecoder implements StreamDecoder {

    private static final int MAX_MESSAGE = Limits.FRAMED_MESSAGE_BYTES;

    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean inMessage;
    private boolean carriedSip;

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        byte[] a = buffer.array();
        while (buffer.size() >= 2) {
            int s = buffer.start();
            int n = buffer.size();
            int b1 = a[s + 1] & 0xff;
            boolean masked = (b1 & 0x80) != 0;
            int lengthCode = b1 & 0x7f;
            int header = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + (masked ? 4 : 0);
            if (n < header) {
                return this;
            }
            long length = lengthCode == 126 ? Wire.u16(a, s + 2)
                    : lengthCode == 127 ? (long) Wire.int32(a, s + 2) << 32 | (Wire.int32(a, s + 6) & 0xffffffffL)
                    : lengthCode;
            if (length < 0 || length > MAX_MESSAGE) {
                context.sink().warn("frame " + context.sink().frame() + ": WebSocket stream " + context.describe()
                        + ": a frame header announces " + Long.toUnsignedString(length) + " bytes (the most taken is "
                        + MAX_MESSAGE + "); the WebSocket framing of this stream is lost from here");
                buffer.clear(); // not a frame header we can trust: framing is lost
                return this;
            }
            if (n < header + length) {
                return this;
            }
            frame(buffer, header, (int) length, masked, context);
            buffer.consume(header + (int) length);
        }
        return this;
    }

    @Override
    public boolean carriesSip() {
        return carriedSip;
    }

    private void frame(StreamBuffer buffer, int header, int length, boolean masked, StreamContext context) {
        byte[] a = buffer.array();
        int s = buffer.start();
        boolean fin = (a[s] & 0x80) != 0;
        int opcode = a[s] & 0x0f;
        if (opcode >= 8) {
            return; // control frames (close, ping, pong) may interleave with a fragmented message
        }
        if (opcode != 0) {
            message.reset();
            inMessage = true;
        }
        if (!inMessage) {
            return;
        }
        int payload = s + header;
        int maskAt = payload - 4;
        for (int i = 0; i < length; i++) {
            message.write(masked ? a[payload + i] ^ a[maskAt + (i & 3)] : a[payload + i]);
        }
        if (message.size() > MAX_MESSAGE) {
            context.sink().warn("frame " + context.sink().frame() + ": WebSocket stream " + context.describe()
                    + ": a message of more than " + MAX_MESSAGE + " bytes was dropped");
            message.reset();
            inMessage = false;
        } else if (fin) {
            inMessage = false;
            byte[] whole = message.toByteArray();
            message.reset();
            if (SipFraming.wholeStartLine(whole, 0, whole.length) > 0) {
                // the segments of the last WebSocket frame; those of earlier frames of the message are not tracked
                // one SIP message per WebSocket message (RFC 7118 5): bytes after its Content-Length are flagged
                int sip = TransportDecoder.datagramMessageLength(whole, 0, whole.length);
                context.sink().afterMessage(whole, sip, whole.length);
                context.emit(Transport.WS, whole, 0, sip, buffer.framesOf(header + length, context.sink().frame()));
                carriedSip = true;
            }
        }
    }
}
