package org.sipladder.capture;

import java.io.ByteArrayOutputStream;
import org.sipladder.Limits;

/**
 * RFC 6455 frames (masked or not, fragmented or not) carrying one SIP message per data message (RFC 7118). A message
 * whose first frame has RSV1 set is compressed with RFC 7692 permessage-deflate and is inflated first
 * ({@link WebSocketInflater}), unless the captured handshake agreed no compression.
 */
final class WebSocketDecoder implements StreamDecoder {

    private static final int MAX_MESSAGE = Limits.FRAMED_MESSAGE_BYTES;
    static final String TOO_LARGE = "the WebSocket message's compressed payload (permessage-deflate, RFC 7692) "
            + "inflates to more than " + WebSocketInflater.MAX_INFLATED + " bytes (Limits.FRAMED_MESSAGE_BYTES): "
            + "kept cut at that size";

    /** Who sends this direction, as far as a captured handshake tells. */
    private enum Sender { UNKNOWN, CLIENT, SERVER }

    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private final Sender sender;
    /**
     * What the server's answer to the upgrade agreed of compression; null while not known: the stream was joined
     * after its handshake, or this is the client's direction and the answer has not been read from the server's.
     */
    private PerMessageDeflate deflate;
    private final WebSocketInflater inflater = new WebSocketInflater();
    private boolean inMessage;
    /** The message being put together is compressed (RSV1 on its first frame). */
    private boolean compressed;
    private boolean carriedSip;
    /** A compressed message of this direction did not inflate, and the user was told. */
    private boolean warnedInflate;

    private WebSocketDecoder(Sender sender, PerMessageDeflate deflate) {
        this.sender = sender;
        this.deflate = deflate;
    }

    /** For a direction whose handshake was not captured: compressed messages are inflated with context takeover. */
    static WebSocketDecoder joined() {
        return new WebSocketDecoder(Sender.UNKNOWN, null);
    }

    /** For the client's direction after its upgrade request: the server's direction holds the answer. */
    static WebSocketDecoder client() {
        return new WebSocketDecoder(Sender.CLIENT, null);
    }

    /** For the server's direction after its answer, which agreed {@code deflate}. */
    static WebSocketDecoder server(PerMessageDeflate deflate) {
        return new WebSocketDecoder(Sender.SERVER, deflate);
    }

    /** The length of the frame header at {@code a[s]}: 2 bytes, the extended length, the mask. */
    static int headerLength(byte[] a, int s) {
        int b1 = a[s + 1] & 0xff;
        int lengthCode = b1 & 0x7f;
        return 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + ((b1 & 0x80) != 0 ? 4 : 0);
    }

    /** The payload length the frame header at {@code a[s]} announces (all of it there); negative beyond 2^63. */
    static long payloadLength(byte[] a, int s) {
        int lengthCode = a[s + 1] & 0x7f;
        return lengthCode == 126 ? Wire.u16(a, s + 2)
                : lengthCode == 127 ? (long) Wire.int32(a, s + 2) << 32 | (Wire.int32(a, s + 6) & 0xffffffffL)
                : lengthCode;
    }

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        byte[] a = buffer.array();
        while (buffer.size() >= 2) {
            int s = buffer.start();
            int n = buffer.size();
            boolean masked = (a[s + 1] & 0x80) != 0;
            int header = headerLength(a, s);
            if (n < header) {
                return this;
            }
            long length = payloadLength(a, s);
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

    /** The stream ended: the inflater, if one was needed, is done with. */
    @Override
    public void end(StreamBuffer buffer, StreamContext context) {
        inflater.close();
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
            compressed = (a[s] & 0x40) != 0; // RSV1 of a message's first frame (RFC 7692 6)
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
            boolean inflate = compressed && inflates(context);
            int size = inflate ? inflate(context) : message.size();
            byte[] whole = inflate ? inflater.output() : message.toByteArray();
            message.reset();
            if (size >= 0 && SipFraming.wholeStartLine(whole, 0, size) > 0) {
                // the segments of the last WebSocket frame; those of earlier frames of the message are not tracked
                // one SIP message per WebSocket message (RFC 7118 5): bytes after its Content-Length are flagged
                int sip = TransportDecoder.datagramMessageLength(whole, 0, size);
                context.sink().afterMessage(whole, sip, size);
                if (inflate && inflater.tooLarge()) {
                    context.sink().note(TOO_LARGE);
                }
                context.emit(Transport.WS, whole, 0, sip, buffer.framesOf(header + length, context.sink().frame()));
                carriedSip = true;
            }
        }
    }

    /**
     * Whether a compressed message is to be inflated: unless the handshake agreed no compression (RSV1 then means
     * another extension). The client's direction learns what was agreed from the server's, which read the answer.
     */
    private boolean inflates(StreamContext context) {
        if (deflate == null && sender == Sender.CLIENT && context.peer() instanceof WebSocketDecoder server
                && server.sender == Sender.SERVER) {
            deflate = server.deflate;
        }
        return deflate == null || deflate.agreed();
    }

    /**
     * Inflates the message put together into the inflater's {@link WebSocketInflater#output()}: its length, or -1 when
     * it does not inflate, which is warned of once for the connection (the next messages may refer to what was lost).
     */
    private int inflate(StreamContext context) {
        message.write(WebSocketInflater.TAIL, 0, WebSocketInflater.TAIL.length);
        byte[] data = message.toByteArray();
        boolean fresh = deflate != null && deflate.noContextTakeover(sender == Sender.SERVER);
        int length = inflater.inflate(data, data.length, fresh);
        if (length < 0 && !warnedInflate
                && !(context.peer() instanceof WebSocketDecoder peer && peer.warnedInflate)) {
            context.sink().warn("frame " + context.sink().frame() + ": WebSocket stream " + context.describe()
                    + ": a compressed message (permessage-deflate, RFC 7692) does not inflate"
                    + (fresh ? "" : " (it may refer to earlier messages that were not captured)")
                    + "; such messages of this connection are left out");
        }
        warnedInflate |= length < 0;
        return length;
    }
}
