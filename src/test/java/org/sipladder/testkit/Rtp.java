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

    /** An RTCP receiver report with one report block (no LSR, DLSR). */
    public static byte[] receiverReport(long sender, long source, int fractionLost, int cumulativeLost,
                                        long highestSeq, long jitter) {
        return receiverReport(sender, reportBlock(source, fractionLost, cumulativeLost, highestSeq, jitter, 0, 0));
    }

    /**
     * One reception report block (RFC 3550 6.4.1): fraction lost in 1/256, cumulative lost as a signed 24-bit number,
     * extended highest sequence number, jitter in timestamp units, LSR and DLSR (1/65536 s).
     */
    public static byte[] reportBlock(long source, int fractionLost, int cumulativeLost, long highestSeq, long jitter,
                                     long lsr, long dlsr) {
        ByteBuffer b = ByteBuffer.allocate(24);
        b.putInt((int) source);
        b.putInt((fractionLost << 24) | (cumulativeLost & 0xffffff));
        b.putInt((int) highestSeq);
        b.putInt((int) jitter);
        b.putInt((int) lsr);
        b.putInt((int) dlsr);
        return b.array();
    }

    /** An RTCP sender report with an NTP timestamp (seconds since 1900, fraction in 1/2^32) and report blocks. */
    public static byte[] senderReport(long sender, long ntpSeconds, long ntpFraction, long packets, byte[]... blocks) {
        ByteBuffer b = ByteBuffer.allocate(28 + 24 * blocks.length);
        b.put((byte) (0x80 | blocks.length));
        b.put((byte) 200);
        b.putShort((short) (6 + 6 * blocks.length));
        b.putInt((int) sender);
        b.putInt((int) ntpSeconds);
        b.putInt((int) ntpFraction);
        b.putInt(0);
        b.putInt((int) packets);
        b.putInt((int) packets * 160);
        for (byte[] block : blocks) {
            b.put(block);
        }
        return b.array();
    }

    /** An RTCP receiver report with these report blocks. */
    public static byte[] receiverReport(long sender, byte[]... blocks) {
        ByteBuffer b = ByteBuffer.allocate(8 + 24 * blocks.length);
        b.put((byte) (0x80 | blocks.length));
        b.put((byte) 201);
        b.putShort((short) (1 + 6 * blocks.length));
        b.putInt((int) sender);
        for (byte[] block : blocks) {
            b.put(block);
        }
        return b.array();
    }

    /** An RTCP XR packet (RFC 3611 2) from {@code sender} with these report blocks. */
    public static byte[] extendedReport(long sender, byte[]... blocks) {
        int length = 8 + java.util.Arrays.stream(blocks).mapToInt(block -> block.length).sum();
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) 0x80);
        b.put((byte) 207);
        b.putShort((short) (length / 4 - 1));
        b.putInt((int) sender);
        for (byte[] block : blocks) {
            b.put(block);
        }
        return b.array();
    }

    /**
     * An XR VoIP Metrics block (RFC 3611 4.7, 36 octets) about {@code source}, its 20 fields in the RFC's order: loss
     * rate, discard rate, burst density, gap density, burst duration, gap duration, round trip delay, end system
     * delay, signal level, noise level, RERL, Gmin, R factor, external R factor, MOS-LQ, MOS-CQ, RX config, jitter
     * buffer nominal, maximum and absolute maximum (the first 4 and the 8 from signal level to RX config are octets).
     */
    public static byte[] voipMetrics(long source, int... fields) {
        if (fields.length != 20) {
            throw new IllegalArgumentException("20 fields, not " + fields.length);
        }
        ByteBuffer b = ByteBuffer.allocate(36);
        b.put((byte) 7).put((byte) 0).putShort((short) 8).putInt((int) source);
        for (int i = 0; i < 4; i++) {
            b.put((byte) fields[i]);
        }
        for (int i = 4; i < 8; i++) {
            b.putShort((short) fields[i]);
        }
        for (int i = 8; i < 16; i++) {
            b.put((byte) fields[i]);
        }
        b.put((byte) fields[16]).put((byte) 0);
        for (int i = 17; i < 20; i++) {
            b.putShort((short) fields[i]);
        }
        return b.array();
    }

    /** An RTCP SDES packet with one chunk: {@code ssrc}'s CNAME (padded to 32 bits with null octets). */
    public static byte[] sdes(long ssrc, String cname) {
        int items = 2 + cname.length() + 1;
        int padded = (4 + items + 3) / 4 * 4;
        ByteBuffer b = ByteBuffer.allocate(4 + padded);
        b.put((byte) 0x81);
        b.put((byte) 202);
        b.putShort((short) (padded / 4));
        b.putInt((int) ssrc);
        b.put((byte) 1);
        b.put((byte) cname.length());
        b.put(cname.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return b.array();
    }

    /** An RTCP BYE for {@code ssrc}. */
    public static byte[] bye(long ssrc) {
        return ByteBuffer.allocate(8).put((byte) 0x81).put((byte) 203).putShort((short) 1).putInt((int) ssrc).array();
    }

    /** RTCP packets one after the other: a compound packet (RFC 3550 6.1). */
    public static byte[] compound(byte[]... packets) {
        ByteBuffer b = ByteBuffer.allocate(java.util.Arrays.stream(packets).mapToInt(p -> p.length).sum());
        for (byte[] p : packets) {
            b.put(p);
        }
        return b.array();
    }

    /** An SDP body announcing {@code address:port} with PCMU, PCMA and telephone-event 101, in a direction. */
    public static String sdp(String address, int port, String direction) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=" + direction + "\r\n";
    }
}
