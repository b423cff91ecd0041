package org.sipladder.testkit;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.util.zip.GZIPOutputStream;
import org.sipladder.capture.Endpoint;

/**
 * Builds pcap and pcapng captures in test code, e.g.
 * {@code Captures.pcap().udp(t, "10.0.0.1:5060", "10.0.0.2:5060", sipText).write(path)}.
 *
 * <p>Times are microseconds since the epoch unless a method says nanoseconds. Packets given as IP
 * ({@link #ip}, {@link #udp}, {@link #tcp}, {@link #sctp}) are wrapped in the current interface's link header.
 */
public final class Captures {

    private enum Format { PCAP, PCAPNG, ERF }

    private record Iface(int linkType, int tsresol) {
    }

    private record Block(int kind, int iface, long nanos, byte[] data, int originalLength) {
    }

    private static final int EPB = 6;
    private static final int SPB = 3;
    private static final int OBSOLETE_PB = 2;
    /** A whole ERF record as given ({@link #erfRecord}). */
    private static final int ERF_RECORD = -1;

    private final Format format;
    private final List<Iface> interfaces = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean nanos;
    private boolean gzip;
    /** Bytes of the capture per zstd frame; 0: not zstd-compressed. */
    private int zstdFrameBytes;
    private int current;

    private Captures(Format format) {
        this.format = format;
    }

    /** A classic little-endian microsecond pcap with Ethernet link type. */
    public static Captures pcap() {
        Captures c = new Captures(Format.PCAP);
        c.interfaces.add(new Iface(Link.ETHERNET, 6));
        return c;
    }

    /**
     * An Endace ERF file: each frame (Ethernet) in a record of type 2 as DAG cards write it (timestamp, varlen flag,
     * length padded to eight bytes, wire length), records given whole with {@link #erfRecord} as they are.
     */
    public static Captures erf() {
        Captures c = new Captures(Format.ERF);
        c.interfaces.add(new Iface(Link.ETHERNET, 9));
        return c;
    }

    /** A whole ERF record, header included, for {@link #erf()} files (PAD, META, odd types). */
    public Captures erfRecord(byte[] record) {
        return add(new Block(ERF_RECORD, 0, 0, record, record.length));
    }

    /** An ERF record header: {@code type}, {@code length} bytes in all, the timestamp of {@code nanos}. */
    public static ByteBuffer erfHeader(int type, int length, long nanos) {
        ByteBuffer h = ByteBuffer.allocate(length);
        long seconds = nanos / 1_000_000_000L;
        long fraction = BigInteger.valueOf(nanos % 1_000_000_000L).shiftLeft(32)
                .divide(BigInteger.valueOf(1_000_000_000L)).longValue();
        h.order(ByteOrder.LITTLE_ENDIAN).putLong(seconds << 32 | fraction);
        h.order(ByteOrder.BIG_ENDIAN).put((byte) type).put((byte) 0x04).putShort((short) length).putShort((short) 0);
        return h;
    }

    /** A pcapng file; declare interfaces with {@link #iface}, else one Ethernet interface in microseconds is used. */
    public static Captures pcapng() {
        return new Captures(Format.PCAPNG);
    }

    /** Nanosecond pcap magic (pcap only; pcapng uses {@code if_tsresol}). */
    public Captures nanos() {
        this.nanos = true;
        return this;
    }

    public Captures bigEndian() {
        this.order = ByteOrder.BIG_ENDIAN;
        return this;
    }

    public Captures gzip() {
        this.gzip = true;
        return this;
    }

    /**
     * Compressed with zstd in frames of {@code frameBytes} of the capture each, as pzstd or the seekable format write
     * them (a whole file in one frame: {@code Integer.MAX_VALUE}), with aircompressor's encoder.
     */
    public Captures zstd(int frameBytes) {
        this.zstdFrameBytes = frameBytes;
        return this;
    }

    /** The pcap file's link type. */
    public Captures linkType(int linkType) {
        if (format != Format.PCAP) {
            throw new IllegalStateException("pcapng declares link types per interface: use iface()");
        }
        interfaces.set(0, new Iface(linkType, 6));
        return this;
    }

    /** Declares a pcapng interface ({@code tsresol} as the raw if_tsresol byte, e.g. 6, 9 or 0x80|20) and selects it. */
    public Captures iface(int linkType, int tsresol) {
        interfaces.add(new Iface(linkType, tsresol));
        current = interfaces.size() - 1;
        return this;
    }

    /** Selects the interface that the following packets are captured on. */
    public Captures on(int ifaceIndex) {
        current = ifaceIndex;
        return this;
    }

    /** A whole link-layer frame. */
    public Captures frame(long micros, byte[] frame) {
        return frameNanos(micros * 1000, frame);
    }

    public Captures frameNanos(long nanosSinceEpoch, byte[] frame) {
        return add(new Block(EPB, iface(), nanosSinceEpoch, frame, frame.length));
    }

    /** A frame of which only the first {@code captured} bytes were saved (snap length). */
    public Captures snapped(long micros, byte[] frame, int captured) {
        return add(new Block(EPB, iface(), micros * 1000, Bytes.slice(frame, 0, captured), frame.length));
    }

    /** An IP packet, wrapped in the current interface's link header. */
    public Captures ip(long micros, byte[] ipPacket) {
        return frame(micros, Link.wrap(interfaces.get(iface()).linkType(), ipPacket));
    }

    public Captures udp(long micros, String src, String dst, String text) {
        return udp(micros, src, dst, Bytes.ascii(text));
    }

    public Captures udp(long micros, String src, String dst, byte[] payload) {
        Endpoint s = Bytes.endpoint(src);
        Endpoint d = Bytes.endpoint(dst);
        return ip(micros, Ip.packet(s.address(), d.address(), Ip.UDP, Segments.udp(s.port(), d.port(), payload)));
    }

    /**
     * An ICMP destination-unreachable error (ICMPv4 type 3, or ICMPv6 type 1 for IPv6 addresses) with {@code code},
     * sent by {@code reporter} to the source of the UDP datagram {@code src} -> {@code dst} carrying {@code text},
     * which it quotes (its IP header and the first 8 bytes after it, as routers do).
     */
    public Captures unreachable(long micros, String reporter, String src, String dst, int code, String text) {
        return unreachable(micros, reporter, src, dst, code, Bytes.ascii(text));
    }

    /** As {@link #unreachable(long, String, String, String, int, String)} about a datagram carrying {@code payload}. */
    public Captures unreachable(long micros, String reporter, String src, String dst, int code, byte[] payload) {
        return unreachable(micros, reporter, src, dst, code, payload, reporter.indexOf(':') >= 0 ? 48 : 28);
    }

    /**
     * As {@link #unreachable(long, String, String, String, int, byte[])}, quoting the first {@code quotedLength} bytes
     * of the datagram's IP packet (a host's own error quotes as much as fits in 576 bytes, RFC 1812 4.3.2.3).
     */
    public Captures unreachable(long micros, String reporter, String src, String dst, int code, byte[] payload,
                                int quotedLength) {
        Endpoint s = Bytes.endpoint(src);
        Endpoint d = Bytes.endpoint(dst);
        byte[] original = Ip.packet(s.address(), d.address(), Ip.UDP, Segments.udp(s.port(), d.port(), payload));
        boolean v6 = reporter.indexOf(':') >= 0;
        byte[] quoted = Bytes.slice(original, 0, Math.min(quotedLength, original.length));
        byte[] icmp = Bytes.concat(new byte[] {(byte) (v6 ? 1 : 3), (byte) code, 0, 0, 0, 0, 0, 0}, quoted);
        return ip(micros, Ip.packet(reporter, s.address(), v6 ? 58 : 1, icmp));
    }

    /**
     * An ICMPv4 destination-unreachable error with {@code code}, sent by {@code reporter} to the source of the TCP
     * segment {@code src} -> {@code dst} (sequence number {@code seq}, {@code flags}, no payload), quoting its IP header
     * and the first 8 bytes of the segment (ports and sequence number), as routers do.
     */
    public Captures tcpUnreachable(long micros, String reporter, String src, String dst, int code, long seq, int flags) {
        Endpoint s = Bytes.endpoint(src);
        Endpoint d = Bytes.endpoint(dst);
        byte[] original = Ip.packet(s.address(), d.address(), Ip.TCP, Segments.tcp(s.port(), d.port(), seq, flags,
                new byte[0]));
        byte[] icmp = Bytes.concat(new byte[] {3, (byte) code, 0, 0, 0, 0, 0, 0}, Bytes.slice(original, 0, 28));
        return ip(micros, Ip.packet(reporter, s.address(), 1, icmp));
    }

    /** A TCP segment with PSH|ACK at sequence number {@code seq}. */
    public Captures tcp(long micros, String src, String dst, long seq, String text) {
        return tcp(micros, src, dst, seq, Segments.PSH | Segments.ACK, Bytes.ascii(text));
    }

    public Captures tcp(long micros, String src, String dst, long seq, int flags, byte[] payload) {
        Endpoint s = Bytes.endpoint(src);
        Endpoint d = Bytes.endpoint(dst);
        return ip(micros, Ip.packet(s.address(), d.address(), Ip.TCP,
                Segments.tcp(s.port(), d.port(), seq, flags, payload)));
    }

    public Captures sctp(long micros, String src, String dst, byte[]... chunks) {
        Endpoint s = Bytes.endpoint(src);
        Endpoint d = Bytes.endpoint(dst);
        return ip(micros, Ip.packet(s.address(), d.address(), Ip.SCTP, Segments.sctp(s.port(), d.port(), chunks)));
    }

    /** A pcapng Simple Packet Block (no interface id, no timestamp). */
    public Captures simplePacket(byte[] frame) {
        return add(new Block(SPB, 0, 0, frame, frame.length));
    }

    /** A pcapng obsolete Packet Block (type 2). */
    public Captures obsoletePacket(long micros, byte[] frame) {
        return add(new Block(OBSOLETE_PB, iface(), micros * 1000, frame, frame.length));
    }

    /** A pcapng block of a type the reader must skip (e.g. 0x0bad or a custom block). */
    public Captures unknownBlock(int type, byte[] body) {
        return add(new Block(type, 0, 0, body, body.length));
    }

    /** The file's bytes (gzip- or zstd-compressed if asked). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format == Format.PCAP) {
            writePcap(out);
        } else if (format == Format.ERF) {
            writeErf(out);
        } else {
            writePcapng(out);
        }
        return gzip ? compress(out.toByteArray())
                : zstdFrameBytes > 0 ? compressZstd(out.toByteArray(), zstdFrameBytes) : out.toByteArray();
    }

    public Path write(Path path) {
        try {
            Files.write(path, toBytes());
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int iface() {
        if (interfaces.isEmpty()) {
            interfaces.add(new Iface(Link.ETHERNET, 6));
        }
        return current;
    }

    private Captures add(Block block) {
        blocks.add(block);
        return this;
    }

    private void writePcap(ByteArrayOutputStream out) {
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(interfaces.get(0).linkType());
        out.writeBytes(h.array());
        long unit = nanos ? 1 : 1000;
        for (Block b : blocks) {
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            r.putInt((int) (b.nanos() / 1_000_000_000L)).putInt((int) (b.nanos() % 1_000_000_000L / unit))
                    .putInt(b.data().length).putInt(b.originalLength());
            out.writeBytes(r.array());
            out.writeBytes(b.data());
        }
    }

    private void writeErf(ByteArrayOutputStream out) {
        for (Block b : blocks) {
            if (b.kind() == ERF_RECORD) {
                out.writeBytes(b.data());
                continue;
            }
            int length = (16 + 2 + b.data().length + 7) & ~7;
            ByteBuffer r = erfHeader(Link.ERF_ETH, length, b.nanos());
            r.putShort((short) b.originalLength()).put(new byte[2]).put(b.data());
            out.writeBytes(r.array());
        }
    }

    private void writePcapng(ByteArrayOutputStream out) {
        iface();
        ByteBuffer shb = ByteBuffer.allocate(16).order(order);
        shb.putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1L);
        block(out, 0x0a0d0d0a, shb.array());
        for (Iface i : interfaces) {
            ByteBuffer idb = ByteBuffer.allocate(20).order(order);
            idb.putShort((short) i.linkType()).putShort((short) 0).putInt(262144)
                    .putShort((short) 9).putShort((short) 1).put((byte) i.tsresol()).put(new byte[3])
                    .putShort((short) 0).putShort((short) 0);
            block(out, 1, idb.array());
        }
        for (Block b : blocks) {
            block(out, b.kind(), packetBody(b));
        }
    }

    private byte[] packetBody(Block b) {
        int padded = (b.data().length + 3) / 4 * 4;
        switch (b.kind()) {
            case EPB: {
                long ticks = ticks(b);
                ByteBuffer body = ByteBuffer.allocate(20 + padded).order(order);
                body.putInt(b.iface()).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(b.data().length)
                        .putInt(b.originalLength()).put(b.data());
                return body.array();
            }
            case SPB:
                return ByteBuffer.allocate(4 + padded).order(order).putInt(b.originalLength()).put(b.data()).array();
            case OBSOLETE_PB: {
                long ticks = ticks(b);
                ByteBuffer body = ByteBuffer.allocate(20 + padded).order(order);
                body.putShort((short) b.iface()).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                        .putInt(b.data().length).putInt(b.originalLength()).put(b.data());
                return body.array();
            }
            default:
                return ByteBuffer.allocate(padded).put(b.data()).array();
        }
    }

    /** The timestamp in the interface's units: 10^-n or 2^-n seconds. */
    private long ticks(Block b) {
        int res = interfaces.get(b.iface()).tsresol();
        BigInteger nanosValue = BigInteger.valueOf(b.nanos());
        BigInteger perSecond = (res & 0x80) != 0 ? BigInteger.ONE.shiftLeft(res & 0x7f) : BigInteger.TEN.pow(res);
        return nanosValue.multiply(perSecond).divide(BigInteger.valueOf(1_000_000_000L)).longValue();
    }

    private void block(ByteArrayOutputStream out, int type, byte[] body) {
        int total = 12 + body.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(order);
        b.putInt(type).putInt(total).put(body).putInt(total);
        out.writeBytes(b.array());
    }

    private static byte[] compressZstd(byte[] data, int frameBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < data.length; from += frameBytes) {
            // each frame its own stream: closing one ends its frame (and leaves the shared output open to the next)
            try (ZstdOutputStream z = new ZstdOutputStream(new FilterOutputStream(out) {
                @Override
                public void close() {
                    // the next frame goes on in the same file
                }
            })) {
                z.write(data, from, Math.min(frameBytes, data.length - from));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toByteArray();
    }

    private static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
