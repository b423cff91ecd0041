package org.sipladder.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes classic little-endian pcap files with microsecond stamps, of the one link type given at the start; used
 * for saving calls and by tests that build their captures in code.
 */
public final class PcapWriter implements PacketWriter {

    /** Ethernet's link-type number, from the {@link LinkType} table. */
    public static final int LINKTYPE_ETHERNET = LinkType.ETHERNET.number();

    private final OutputStream out;
    private final int linkType;

    public PcapWriter(OutputStream out, int linkType) throws IOException {
        this.out = out;
        this.linkType = linkType;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(linkType);
        out.write(header.array());
    }

    /** Writes one packet record holding {@code frame} (a whole link-layer frame of the file's link type). */
    public void writePacket(long timestampMicros, byte[] frame) throws IOException {
        write(linkType, timestampMicros, frame, 0, frame.length);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IOException also when {@code linkType} is not the file's: a pcap file holds one link type
     */
    @Override
    public void write(int linkType, long micros, byte[] a, int off, int len) throws IOException {
        if (linkType != this.linkType) {
            throw new IOException("a pcap file holds packets of one link type (" + this.linkType + ", not " + linkType
                    + "): save as pcapng instead");
        }
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(len).putInt(len);
        out.write(rec.array());
        out.write(a, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Builds an Ethernet II frame carrying IPv4 or IPv6 (as {@code src} is) and UDP, checksums zero. */
    public static byte[] ethernetUdp(Endpoint src, Endpoint dst, byte[] payload) {
        return src.isIpv6() ? ethernetIpv6Udp(src, dst, payload) : ethernetIpv4Udp(src, dst, payload);
    }

    private static byte[] ethernetIpv6Udp(Endpoint src, Endpoint dst, byte[] payload) {
        int udpLength = 8 + payload.length;
        ByteBuffer b = ByteBuffer.allocate(14 + 40 + udpLength).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01}).putShort((short) 0x86dd);
        b.putInt(0x60000000).putShort((short) udpLength).put((byte) 17).put((byte) 64);
        b.put(address(src.address(), 16)).put(address(dst.address(), 16));
        b.putShort((short) src.port()).putShort((short) dst.port()).putShort((short) udpLength).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    /** Builds an Ethernet II frame carrying IPv4 and UDP (checksums zero, which means "not computed"). */
    public static byte[] ethernetIpv4Udp(Endpoint src, Endpoint dst, byte[] payload) {
        int udpLength = 8 + payload.length;
        int ipLength = 20 + udpLength;
        ByteBuffer b = ByteBuffer.allocate(14 + ipLength).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01}).putShort((short) 0x0800);
        b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0);
        int checksumAt = b.position() - 2;
        b.put(address(src.address(), 4)).put(address(dst.address(), 4));
        b.putShort(checksumAt, ipv4Checksum(b.array(), 14, 20));
        b.putShort((short) src.port()).putShort((short) dst.port()).putShort((short) udpLength).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    private static byte[] address(String address, int length) {
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            if (a.length != length) {
                throw new IllegalArgumentException("not an IPv" + (length == 4 ? 4 : 6) + " address: " + address);
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }

    private static short ipv4Checksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = offset; i < offset + length; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
