package org.sipladder.testkit;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/** RFC 6455 frames and the HTTP upgrade exchange that precedes SIP over WebSocket (RFC 7118). */
public final class WebSockets {

    public static final int CONTINUATION = 0;
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;

    private WebSockets() {
    }

    /** The client's upgrade request. */
    public static byte[] upgradeRequest(String host) {
        return Bytes.ascii("GET / HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
    }

    /** The server's 101 answer. */
    public static byte[] upgradeResponse() {
        return Bytes.ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n");
    }

    /** The server's 101 answer agreeing {@code extensions}, the value of its Sec-WebSocket-Extensions header. */
    public static byte[] upgradeResponse(String extensions) {
        return Bytes.ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n"
                + "Sec-WebSocket-Extensions: " + extensions + "\r\n\r\n");
    }

    /**
     * A message payload as RFC 7692 permessage-deflate sends it: raw DEFLATE from {@code deflater} (a
     * {@code new Deflater(level, true)}, kept from message to message for context takeover, or reset between them),
     * sync-flushed, without the 00 00 ff ff that ends the flush.
     */
    public static byte[] deflate(Deflater deflater, byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }

    /** {@code frame} with RSV1 set: the first frame of a compressed message (RFC 7692 6). */
    public static byte[] compressed(byte[] frame) {
        byte[] marked = frame.clone();
        marked[0] |= 0x40;
        return marked;
    }

    /** A final text frame, masked with {@code mask} when it is non-null (clients must mask). */
    public static byte[] text(byte[] payload, byte[] mask) {
        return frame(true, TEXT, mask, payload);
    }

    /** One frame of any opcode; lengths above 125 and 65535 use the 16- and 64-bit length forms. */
    public static byte[] frame(boolean fin, int opcode, byte[] mask, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int maskBit = mask != null ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] body = payload.clone();
        if (mask != null) {
            out.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i & 3];
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }
}
