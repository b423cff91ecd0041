package org.sipladder.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;

/** Cross-checks the kit's frames with pcap4j's independent decoders, and its file headers byte by byte. */
class CapturesTest {

    @Test
    void ethernetIpv4UdpFrameDecodesWithPcap4j() throws Exception {
        byte[] ip = Ip.ipv4("10.0.0.1", "10.0.0.2", Ip.UDP, Segments.udp(5060, 5070, Bytes.ascii("hello")));
        EthernetPacket eth = EthernetPacket.newPacket(Link.ethernetIp(ip), 0, 14 + ip.length);
        IpV4Packet v4 = eth.get(IpV4Packet.class);
        assertEquals("/10.0.0.2", v4.getHeader().getDstAddr().toString());
        assertEquals(true, v4.getHeader().hasValidChecksum(false));
        UdpPacket udp = eth.get(UdpPacket.class);
        assertEquals(5070, udp.getHeader().getDstPort().valueAsInt());
        assertArrayEquals(Bytes.ascii("hello"), udp.getPayload().getRawData());
    }

    @Test
    void ipv6TcpWithExtensionHeadersDecodesWithPcap4j() throws Exception {
        byte[] tcp = Segments.tcp(5060, 40000, 1000, Bytes.ascii("abc"));
        byte[] ip = Ip.ipv6("2001:db8::1", "2001:db8::2", Ip.TCP, tcp, Ip.extension(Ip.HOP_BY_HOP),
                Ip.extension(Ip.DEST_OPTIONS));
        IpV6Packet v6 = IpV6Packet.newPacket(ip, 0, ip.length);
        TcpPacket seg = v6.get(TcpPacket.class);
        assertNotNull(seg);
        assertEquals(1000, seg.getHeader().getSequenceNumber());
        assertArrayEquals(Bytes.ascii("abc"), seg.getPayload().getRawData());
    }

    @Test
    void pcapHeaderCarriesMagicOrderAndLinkType() {
        byte[] file = Captures.pcap().bigEndian().nanos().linkType(Link.SLL2)
                .udp(1_500_000_000_123_456L, "10.0.0.1:1", "10.0.0.2:2", "x").toBytes();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
        assertEquals(0xa1b23c4d, b.getInt(0));
        assertEquals(Link.SLL2, b.getInt(20));
        assertEquals(1_500_000_000, b.getInt(24));
        assertEquals(123_456_000, b.getInt(28));
    }

    @Test
    void pcapngTimestampsFollowTsresol() {
        byte[] file = Captures.pcapng().iface(Link.ETHERNET, 9).iface(Link.RAW, 0x80 | 20)
                .udp(3_000_001L, "10.0.0.1:1", "10.0.0.2:2", "x").toBytes();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int at = 28 + 32 + 32; // SHB, two IDBs
        assertEquals(6, b.getInt(at));
        assertEquals(1, b.getInt(at + 8));
        long ticks = (b.getInt(at + 12) & 0xffffffffL) << 32 | (b.getInt(at + 16) & 0xffffffffL);
        assertEquals(3_000_001L * (1 << 20) / 1_000_000, ticks);
    }
}
