package org.sipladder.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sipladder.capture.Endpoint;

/** HEP/EEP encapsulation (versions 2 and 3) as sent by heplify, Kamailio and FreeSWITCH capture agents. */
public final class Hep {

    private Hep() {
    }

    /** HEP3 protocol types (chunk 0x000b). */
    public static final int SIP = 1;
    public static final int RTP = 4;
    public static final int RTCP = 5;

    /** A HEP3 packet: the inner addresses, ports, time and SIP payload as chunks. */
    public static byte[] v3(Endpoint src, Endpoint dst, int ipProtocol, long timestampMicros, byte[] payload) {
        return v3(src, dst, ipProtocol, timestampMicros, SIP, payload);
    }

    /** A HEP3 packet carrying a payload of the given protocol type ({@link #SIP}, {@link #RTP}, {@link #RTCP}). */
    public static byte[] v3(Endpoint src, Endpoint dst, int ipProtocol, long timestampMicros, int protocolType,
                            byte[] payload) {
        return v3(src, dst, ipProtocol, timestampMicros, protocolType, 15, payload);
    }

    /** A HEP3 packet whose SIP payload the agent compressed with zlib (chunk 0x0010, RFC 1950). */
    public static byte[] v3Compressed(Endpoint src, Endpoint dst, int ipProtocol, long timestampMicros, byte[] payload) {
        return v3Compressed(src, dst, ipProtocol, timestampMicros, deflate(payload, false));
    }

    /** A HEP3 packet of protocol type SIP whose compressed payload chunk (0x0010) holds {@code compressed} as given. */
    public static byte[] v3Compressed(Endpoint src, Endpoint dst, int ipProtocol, long timestampMicros,
                                      Compressed compressed) {
        return v3(src, dst, ipProtocol, timestampMicros, SIP, 16, compressed.bytes());
    }

    /** Bytes to put in a compressed payload chunk as they are. */
    public record Compressed(byte[] bytes) {
    }

    /** {@code payload} as gzip (RFC 1952), as OpenSIPS's proto_hep and heplify write chunk 0x0010. */
    public static Compressed gzip(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(payload);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Compressed(out.toByteArray());
    }

    /** {@code payload} as zlib (RFC 1950, zlib's compress()) or, {@code raw}, as a bare deflate stream (RFC 1951). */
    public static Compressed deflate(byte[] payload, boolean raw) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, raw);
        deflater.setInput(payload);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return new Compressed(out.toByteArray());
    }

    private static byte[] v3(Endpoint src, Endpoint dst, int ipProtocol, long timestampMicros, int protocolType,
                             int payloadChunk, byte[] payload) {
        boolean v6 = src.isIpv6();
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        chunk(chunks, 1, new byte[] {(byte) (v6 ? 10 : 2)});
        chunk(chunks, 2, new byte[] {(byte) ipProtocol});
        chunk(chunks, v6 ? 5 : 3, Bytes.ip(src.address()));
        chunk(chunks, v6 ? 6 : 4, Bytes.ip(dst.address()));
        chunk(chunks, 7, ByteBuffer.allocate(2).putShort((short) src.port()).array());
        chunk(chunks, 8, ByteBuffer.allocate(2).putShort((short) dst.port()).array());
        chunk(chunks, 9, ByteBuffer.allocate(4).putInt((int) (timestampMicros / 1_000_000)).array());
        chunk(chunks, 10, ByteBuffer.allocate(4).putInt((int) (timestampMicros % 1_000_000)).array());
        chunk(chunks, 11, new byte[] {(byte) protocolType});
        chunk(chunks, 12, ByteBuffer.allocate(4).putInt(2001).array());
        chunk(chunks, payloadChunk, payload);
        byte[] body = chunks.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(6 + body.length);
        b.put(Bytes.ascii("HEP3")).putShort((short) (6 + body.length)).put(body);
        return b.array();
    }

    /** A HEP2 packet: fixed header, IPv4/IPv6 addresses, little-endian time header, then the payload. */
    public static byte[] v2(Endpoint src, Endpoint dst, int ipProtocol, long timestampMicros, byte[] payload) {
        boolean v6 = src.isIpv6();
        int headerLength = v6 ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(headerLength + 12 + payload.length);
        b.put((byte) 2).put((byte) headerLength).put((byte) (v6 ? 10 : 2)).put((byte) ipProtocol)
                .putShort((short) src.port()).putShort((short) dst.port())
                .put(Bytes.ip(src.address())).put(Bytes.ip(dst.address()));
        b.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (timestampMicros / 1_000_000))
                .putInt((int) (timestampMicros % 1_000_000)).putShort((short) 2001).putShort((short) 0);
        return b.put(payload).array();
    }

    /**
     * A HEP1 packet (Kamailio's and OpenSIPS's siptrace with {@code hep_version} 1): the HEP2 header with version 1
     * and no time header, the payload right after the addresses.
     */
    public static byte[] v1(Endpoint src, Endpoint dst, int ipProtocol, byte[] payload) {
        boolean v6 = src.isIpv6();
        int headerLength = v6 ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.put((byte) 1).put((byte) headerLength).put((byte) (v6 ? 10 : 2)).put((byte) ipProtocol)
                .putShort((short) src.port()).putShort((short) dst.port())
                .put(Bytes.ip(src.address())).put(Bytes.ip(dst.address()));
        return b.put(payload).array();
    }

    private static void chunk(ByteArrayOutputStream out, int type, byte[] value) {
        ByteBuffer c = ByteBuffer.allocate(6 + value.length);
        c.putShort((short) 0).putShort((short) type).putShort((short) (6 + value.length)).put(value);
        out.writeBytes(c.array());
    }
}
