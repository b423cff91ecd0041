package org.sipladder.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes classic little-endian pcap files with microsecond stamps; used for the bundled demo capture,
 * for exporting calls and by tests that build their captures in code.
 */
public final class PcapWriter implements Closeable {

    public static final int LINKTYPE_ETHERNET = 1;

    private final OutputStream out;

    public PcapWriter(OutputStream out, int linkType) throws IOException {
        this.out = out;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(262144).putInt(linkType);
        out.write(header.array());
    }

    /** Writes one packet record holding {@code frame} (a whole link-layer frame). */
    public void writePacket(long timestampMicros, byte[] frame) throws IOException {
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) (timestampMicros / 1_000_000)).putInt((int) (timestampMicros % 1_000_000))
                .putInt(frame.length).putInt(frame.length);
        out.write(rec.array());
        out.write(frame);
    }

    /** Writes a UDP datagram over IPv4 over Ethernet. */
    public void writeUdp(long timestampMicros, Endpoint src, Endpoint dst, byte[] payload) throws IOException {
        writePacket(timestampMicros, ethernetIpv4Udp(src, dst, payload));
    }

    @Override
    public void close() throws IOException {
        out.close();
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
        b.put(ipv4(src.address())).put(ipv4(dst.address()));
        b.putShort(checksumAt, ipv4Checksum(b.array(), 14, 20));
        b.putShort((short) src.port()).putShort((short) dst.port()).putShort((short) udpLength).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    private static byte[] ipv4(String address) {
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            if (a.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
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
