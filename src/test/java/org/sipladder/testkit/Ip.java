package org.sipladder.testkit;

import static org.sipladder.testkit.Bytes.concat;
import static org.sipladder.testkit.Bytes.slice;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** IPv4 and IPv6 packet builders, with IPv6 extension headers, fragmentation and tunnelling helpers. */
public final class Ip {

    public static final int HOP_BY_HOP = 0;
    public static final int IPIP = 4;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int IPV6_IN_IP = 41;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int GRE = 47;
    public static final int DEST_OPTIONS = 60;
    public static final int SCTP = 132;

    private Ip() {
    }

    /** An IPv4 or IPv6 packet, chosen by the form of the addresses. */
    public static byte[] packet(String src, String dst, int protocol, byte[] payload) {
        return src.indexOf(':') >= 0 ? ipv6(src, dst, protocol, payload) : ipv4(src, dst, protocol, payload);
    }

    public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4Fragment(src, dst, protocol, 0x1234, 0, false, payload);
    }

    /** One IPv4 fragment: {@code offset} in bytes (a multiple of 8), {@code more} sets the MF flag. */
    public static byte[] ipv4Fragment(String src, String dst, int protocol, int id, int offset, boolean more,
            byte[] payload) {
        byte[] b = new byte[20 + payload.length];
        b[0] = 0x45;
        Bytes.putShort(b, 2, b.length);
        Bytes.putShort(b, 4, id);
        Bytes.putShort(b, 6, (more ? 0x2000 : 0) | (offset / 8));
        b[8] = 64;
        b[9] = (byte) protocol;
        System.arraycopy(Bytes.ip(src), 0, b, 12, 4);
        System.arraycopy(Bytes.ip(dst), 0, b, 16, 4);
        Bytes.putShort(b, 10, Bytes.internetChecksum(b, 0, 20, 0));
        System.arraycopy(payload, 0, b, 20, payload.length);
        return b;
    }

    /** Splits {@code payload} (a whole transport segment) into IPv4 fragments of at most {@code size} bytes each. */
    public static List<byte[]> ipv4Fragments(String src, String dst, int protocol, int id, byte[] payload, int size) {
        int step = size / 8 * 8;
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += step) {
            int end = Math.min(payload.length, off + step);
            out.add(ipv4Fragment(src, dst, protocol, id, off, end < payload.length, slice(payload, off, end)));
        }
        return out;
    }

    /** IPv6 packet; {@code extensions} (see {@link #extension}) go between the base header and the payload. */
    public static byte[] ipv6(String src, String dst, int protocol, byte[] payload, Extension... extensions) {
        int next = protocol;
        byte[] rest = payload;
        for (int i = extensions.length - 1; i >= 0; i--) {
            rest = concat(extensions[i].encode(next), rest);
            next = extensions[i].type();
        }
        ByteBuffer b = ByteBuffer.allocate(40 + rest.length);
        b.putInt(0x60000000).putShort((short) rest.length).put((byte) next).put((byte) 64)
                .put(Bytes.ip(src)).put(Bytes.ip(dst)).put(rest);
        return b.array();
    }

    /** An IPv6 extension header of the given type (hop-by-hop, routing, destination options) with padding options. */
    public static Extension extension(int type) {
        return new Extension(type);
    }

    /**
     * Splits {@code payload} into IPv6 fragments of at most {@code size} payload bytes, each with a fragment header
     * placed after the given unfragmentable extension headers.
     */
    public static List<byte[]> ipv6Fragments(String src, String dst, int protocol, int id, byte[] payload, int size,
            Extension... unfragmentable) {
        int step = size / 8 * 8;
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += step) {
            int end = Math.min(payload.length, off + step);
            Extension[] all = new Extension[unfragmentable.length + 1];
            System.arraycopy(unfragmentable, 0, all, 0, unfragmentable.length);
            all[unfragmentable.length] = new FragmentHeader(id, off, end < payload.length);
            out.add(ipv6(src, dst, protocol, slice(payload, off, end), all));
        }
        return out;
    }

    /** IPv4 packet carrying another IP packet (IP-in-IP, protocol 4, or IPv6-in-IPv4, protocol 41). */
    public static byte[] tunnel(String outerSrc, String outerDst, byte[] innerIp) {
        boolean innerV6 = (innerIp[0] & 0xf0) == 0x60;
        return packet(outerSrc, outerDst, innerV6 ? IPV6_IN_IP : IPIP, innerIp);
    }

    /** An IPv6 extension header; encodes itself given the header that follows it. */
    public static class Extension {
        private final int type;

        Extension(int type) {
            this.type = type;
        }

        int type() {
            return type;
        }

        byte[] encode(int next) {
            byte[] b = new byte[8];
            b[0] = (byte) next;
            b[1] = 0;
            if (type == ROUTING) {
                b[2] = 0; // routing type 0 with segments left 0: nothing to do for a receiver
            } else {
                b[2] = 1; // PadN option covering the remaining 4 bytes
                b[3] = 4;
            }
            return b;
        }
    }

    private static final class FragmentHeader extends Extension {
        private final int id;
        private final int offset;
        private final boolean more;

        FragmentHeader(int id, int offset, boolean more) {
            super(FRAGMENT);
            this.id = id;
            this.offset = offset;
            this.more = more;
        }

        @Override
        byte[] encode(int next) {
            byte[] b = new byte[8];
            b[0] = (byte) next;
            Bytes.putShort(b, 2, (offset / 8) << 3 | (more ? 1 : 0));
            Bytes.putInt(b, 4, id);
            return b;
        }
    }
}
