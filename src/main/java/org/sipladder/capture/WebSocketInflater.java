package org.sipladder.capture;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.sipladder.Limits;

/**
 * Inflates the messages one WebSocket direction compressed with RFC 7692 permessage-deflate: each message's payload,
 * with the 00 00 ff ff its sender took off (RFC 7692 7.2.2), is raw DEFLATE data read by one inflater that keeps its
 * window from message to message (context takeover), or starts afresh for each message when the handshake agreed
 * that the sender does. At most {@link #MAX_INFLATED} bytes of a message come out, so that a small hostile message
 * cannot ask for much memory (a decompression bomb).
 */
final class WebSocketInflater {

    /** The most a message inflates to: the bound on one WebSocket message's bytes. */
    static final int MAX_INFLATED = Limits.FRAMED_MESSAGE_BYTES;
    /** The tail of a sync flush, which the sender removes from every compressed message (RFC 7692 7.2.1). */
    static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
    /** Inflated bytes looked at to judge a stream joined after its handshake. */
    private static final int SNIFFED_BYTES = 64;

    /** Made at the first compressed message: most WebSocket connections compress none. */
    private Inflater inflater;
    private byte[] out = new byte[0];
    private boolean tooLarge;

    /**
     * Inflates the message payload {@code a[0, len)}, which ends with {@link #TAIL}, into {@link #output()}: its
     * length, at most {@link #MAX_INFLATED} ({@link #tooLarge()} then says whether more was cut off), or -1 when it is
     * not DEFLATE data that follows from the messages before it. {@code fresh}: the sender compressed it on its own.
     */
    int inflate(byte[] a, int len, boolean fresh) {
        if (inflater == null) {
            inflater = new Inflater(true);
        } else if (fresh) {
            inflater.reset();
        }
        tooLarge = false;
        if (out.length > 1 << 16) {
            out = new byte[0]; // give back what one large message needed
        }
        inflater.setInput(a, 0, len);
        int got = 0;
        try {
            while (true) {
                if (got == out.length) {
                    if (got > MAX_INFLATED) {
                        break;
                    }
                    long room = Math.max(256, Math.max(4L * len, 2L * got)); // doubling: no quadratic copying
                    out = Arrays.copyOf(out, (int) Math.min(MAX_INFLATED + 1L, room));
                }
                got += inflater.inflate(out, got, out.length - got);
                if (got < out.length) {
                    break; // room was left: all the input is read, or the data ended (BFINAL)
                }
            }
        } catch (DataFormatException e) {
            inflater.reset(); // the window is no use to the next message
            return -1;
        }
        if (got > MAX_INFLATED || inflater.finished()) {
            // the rest of a too large message is never read, and after a block with BFINAL set (which RFC 7692
            // allows) the sender starts a new DEFLATE stream: either way the next message starts with an empty window
            tooLarge = got > MAX_INFLATED;
            inflater.reset();
        }
        return Math.min(got, MAX_INFLATED);
    }

    /** The bytes of the last {@link #inflate}, from 0; reused by the next call. */
    byte[] output() {
        return out;
    }

    /** Whether the last message inflated to more than {@link #MAX_INFLATED} bytes, of which the first are kept. */
    boolean tooLarge() {
        return tooLarge;
    }

    /** The stream ended: the inflater's native memory is given back now rather than when it is collected. */
    void close() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    /**
     * For a direction joined after its handshake, whose first message is compressed: whether {@code payload} (the
     * unmasked payload of that message's first frame) inflated on its own begins a SIP start line: 1 when it does,
     * {@link SipFraming#NO} when it inflates to something else, {@link SipFraming#NEED_MORE} when it cannot tell
     * (too little comes out, or the data refers to messages before the capture, which a sender that keeps its
     * context does).
     */
    static int sniff(byte[] payload) {
        Inflater probe = new Inflater(true);
        byte[] start = new byte[SNIFFED_BYTES];
        int got = 0;
        boolean broken = false;
        try {
            probe.setInput(payload);
            got = probe.inflate(start);
        } catch (DataFormatException e) {
            broken = true;
        } finally {
            probe.end();
        }
        int line = SipFraming.startLine(start, 0, got);
        if (line > 0 || line == SipFraming.NEED_MORE && got >= 8) {
            return 1;
        }
        return broken || got < 8 ? SipFraming.NEED_MORE : SipFraming.NO;
    }
}
