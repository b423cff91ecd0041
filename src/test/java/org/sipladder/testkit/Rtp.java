package org.sipladder.testkit;

import java.nio.ByteBuffer;

/** RTP and RTCP packets (RFC 3550, RFC 4733) as UDP payloads for test captures. */
public final class Rtp {

    private Rtp() {
    }

    /** An RTP packet with a 160-byte payload of silence (one 20 ms G.711 frame). */
    public static byte[] packet(int pt, int seq, long timestamp, long ssrc, boolean marker) {
        return packet(pt, seq, timestamp, ssrc, marker, new byte[160]);
    }

    /** An RTP packet with the given payload. */
    public static byte[] packet(int pt, int seq, long timestamp, long ssrc, boolean marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80);
        b.put((byte) ((marker ? 0x80 : 0) | pt));
        b.putShort((short) seq);
        b.putInt((int) timestamp);
        b.putInt((int) ssrc);
        b.put(payload);
        return b.array();
    }

    /** An RFC 4733 telephone-event payload: event (0-9, 10 = *, 11 = #), end bit, volume, duration. */
    public static byte[] event(int event, boolean end, int duration) {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
    }

    /** An RTCP receiver report with one report block. */
    public static byte[] receiverReport(long sender, long source, int fractionLost, int cumulativeLost,
                                        long highestSeq, long jitter) {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.put((byte) 0x81);
        b.put((byte) 201);
        b.putShort((short) 7);
        b.putInt((int) sender);
        b.putInt((int) source);
        b.putInt((fractionLost << 24) | (cumulativeLost & 0xffffff));
        b.putInt((int) highestSeq);
        b.putInt((int) jitter);
        b.putInt(0);
        b.putInt(0);
        return b.array();
    }

    /** An SDP body announcing {@code address:port} with PCMU, PCMA and telephone-event 101, in a direction. */
    public static String sdp(String address, int port, String direction) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=" + direction + "\r\n";
    }
}
