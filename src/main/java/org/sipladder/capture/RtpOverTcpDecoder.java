package org.sipladder.capture;

/**
 * RTP and RTCP over TCP, framed as RFC 4571 says: each packet after a two-byte length. The frames go to the media
 * listener as candidates, as UDP datagrams do; without one they are consumed and dropped.
 */
final class RtpOverTcpDecoder implements StreamDecoder {

    /** The shortest RTCP packet; RTP needs 12 bytes. */
    private static final int MIN_FRAME = 8;
    /** Bytes of a frame's start that {@link #verdict} looks at: the length and the RTP/RTCP header's first two. */
    private static final int PROBE = 4;
    /**
     * The longest first frame worth waiting for: a sender writes one frame per segment, so only a frame larger than
     * a segment comes in pieces; beyond this the bytes are more likely another protocol's than a video frame's.
     */
    private static final int MAX_AWAITED_FRAME = 1500;

    @Override
    public StreamDecoder decode(StreamBuffer buffer, StreamContext context) {
        byte[] a = buffer.array();
        while (buffer.size() >= 2) {
            int s = buffer.start();
            int length = Wire.u16(a, s);
            if (length < MIN_FRAME || (buffer.size() > 2 && (a[s + 2] & 0xc0) != 0x80)) {
                resynchronise(buffer);
                continue;
            }
            if (buffer.size() < 2 + length) {
                return this;
            }
            PayloadSink sink = context.sink();
            if (sink.wantsMedia()) {
                sink.media(context.pair(), context.srcPort(), context.dstPort(), a, s + 2, length,
                        buffer.framesOf(2 + length, sink.frame()));
            }
            buffer.consume(2 + length);
        }
        return this;
    }

    /** Lost framing (bytes missed in a gap): the next segment most likely starts a frame again. */
    private static void resynchronise(StreamBuffer buffer) {
        int next = buffer.nextSegmentStart();
        if (next > buffer.start()) {
            buffer.consume(next - buffer.start());
        } else {
            buffer.clear();
        }
    }

    /**
     * Whether a TCP direction starts with an RFC 4571 frame of RTP or RTCP: a length, then version 2 and a header
     * that fits in it, and the frame ends where the bytes end or where another such frame begins.
     * {@link SipFraming#NEED_MORE} while the first frame is incomplete, else 1 or {@link SipFraming#NO}.
     */
    static int verdict(byte[] a, int s, int n) {
        if (n < PROBE) {
            return n >= 2 && Wire.u16(a, s) < MIN_FRAME || n >= 3 && (a[s + 2] & 0xc0) != 0x80
                    ? SipFraming.NO : SipFraming.NEED_MORE;
        }
        int length = Wire.u16(a, s);
        if (length < MIN_FRAME || (a[s + 2] & 0xc0) != 0x80 || !headerFits(a, s + 2, length)) {
            return SipFraming.NO;
        }
        if (n == 2 + length) {
            return 1;
        }
        if (n < 2 + length) {
            return length <= MAX_AWAITED_FRAME ? SipFraming.NEED_MORE : SipFraming.NO;
        }
        if (n < 2 + length + PROBE) {
            return SipFraming.NEED_MORE;
        }
        int next = s + 2 + length;
        return Wire.u16(a, next) >= MIN_FRAME && (a[next + 2] & 0xc0) == 0x80 ? 1 : SipFraming.NO;
    }

    /** RTCP (packet types 200-204) by its own length field, RTP by its fixed header and CSRC list. */
    private static boolean headerFits(byte[] a, int at, int length) {
        int type = a[at + 1] & 0xff;
        if (type >= 200 && type <= 204) {
            return true; // a compound packet's first part's length is checked when it is read
        }
        return length >= 12 + 4 * (a[at] & 0x0f);
    }
}
