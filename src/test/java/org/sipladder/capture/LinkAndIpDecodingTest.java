package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipladder.capture.CaptureReaderTest.INVITE;
import static org.sipladder.capture.CaptureReaderTest.T;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Link;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.Tunnels;

/** Link layers, IP versions, extension headers, fragments and tunnels, each around the same SIP datagram. */
class LinkAndIpDecodingTest {

    @TempDir
    Path dir;

    private static byte[] udpIpv4(String src, String dst) {
        return Ip.ipv4(src, dst, Ip.UDP, Segments.udp(5060, 5062, Bytes.ascii(INVITE)));
    }

    private SipPayload only(Captures capture) throws Exception {
        RecordingListener r = RecordingListener.read(capture.write(dir.resolve("c.pcap")));
        assertEquals(List.of(INVITE), r.texts(), "warnings: " + r.warnings);
        return r.payloads.get(0);
    }

    @Test
    void vlanTaggedEthernet() throws Exception {
        SipPayload p = only(Captures.pcap().frame(T, Link.ethernetIp(udpIpv4("10.1.1.1", "10.1.1.2"), 100)));
        assertEquals(new Endpoint("10.1.1.1", 5060), p.src());
    }

    @Test
    void qinqDoubleTaggedEthernet() throws Exception {
        only(Captures.pcap().frame(T, Link.ethernetIp(udpIpv4("10.1.1.1", "10.1.1.2"), 200, 100)));
    }

    /** Every entry of the link-type table except raw IPv6, which cannot carry IPv4, and exported PDUs (no IP). */
    @ParameterizedTest
    @EnumSource(value = LinkType.class, names = {"IPV6", "WIRESHARK_UPPER_PDU"}, mode = EnumSource.Mode.EXCLUDE)
    void linkTypesCarryingIpv4(LinkType linkType) throws Exception {
        SipPayload p = only(Captures.pcap().linkType(linkType.number()).udp(T, "192.168.0.1:5060", "192.168.0.2:5070", INVITE));
        assertEquals(new Endpoint("192.168.0.2", 5070), p.dst());
    }

    @ParameterizedTest
    @ValueSource(ints = {Link.SLL, Link.SLL2, Link.RAW, Link.IPV6, Link.ETHERNET, Link.ERF, Link.PPP, Link.C_HDLC,
        Link.NFLOG, Link.WIFI, Link.RADIOTAP, Link.PPI})
    void linkTypesCarryingIpv6(int linkType) throws Exception {
        SipPayload p = only(Captures.pcap().linkType(linkType).udp(T, "[2001:db8::1]:5060", "[2001:db8:0:1::2]:5060",
                INVITE));
        assertEquals("[2001:db8::1]:5060", p.src().toString());
        assertEquals("[2001:db8:0:1::2]:5060", p.dst().toString());
    }

    /** An exported PDU as tshark -U "OSI layer 7" writes it: name, addresses, port type and ports, end, the PDU. */
    private static byte[] exportedPdu(byte[] src, byte[] dst, int portType, int srcPort, int dstPort, String pdu) {
        int v6 = src.length == 16 ? 2 : 0;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 * (4 + src.length) + 3 * 8 + 4 + pdu.length());
        b.putShort((short) 12).putShort((short) 4).put(new byte[] {'s', 'i', 'p', 0});
        b.putShort((short) (20 + v6)).putShort((short) src.length).put(src);
        b.putShort((short) (21 + v6)).putShort((short) dst.length).put(dst);
        b.putShort((short) 24).putShort((short) 4).putInt(portType);
        b.putShort((short) 25).putShort((short) 4).putInt(srcPort);
        b.putShort((short) 26).putShort((short) 4).putInt(dstPort);
        b.putShort((short) 0).putShort((short) 0).put(Bytes.ascii(pdu));
        return b.array();
    }

    @Test
    void pdusWiresharkExportedAreReadBetweenTheirTagsAddresses() throws Exception {
        byte[] v4a = {10, 4, 4, 1};
        byte[] v4b = {10, 4, 4, 2};
        SipPayload udp = only(Captures.pcapng().iface(252, 6).frame(T, exportedPdu(v4a, v4b, 3, 5060, 5080, INVITE)));
        assertEquals("10.4.4.1:5060", udp.src().toString());
        assertEquals("10.4.4.2:5080", udp.dst().toString());
        assertEquals(Transport.UDP, udp.transport());
        byte[] v6a = new byte[16];
        byte[] v6b = new byte[16];
        v6a[0] = 0x20;
        v6b[0] = 0x20;
        v6b[15] = 2;
        SipPayload tcp = only(Captures.pcapng().iface(252, 6).frame(T, exportedPdu(v6a, v6b, 2, 5061, 5060, INVITE)));
        assertEquals("[2000::2]:5060", tcp.dst().toString());
        assertEquals(Transport.TCP, tcp.transport());
        // RTP exported, and a SIP PDU without addresses: nothing to show
        RecordingListener r = RecordingListener.read(Captures.pcapng().iface(252, 6)
                .frame(T, exportedPdu(v4a, v4b, 3, 40000, 40002, "\u0080\u0000rtp"))
                .frame(T, Bytes.concat(new byte[] {0, 0, 0, 0}, Bytes.ascii(INVITE))).write(dir.resolve("pdu.pcapng")));
        assertEquals(List.of(), r.payloads);
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void wifiFramesThatCarryNoReadablePacketAreLeft() throws Exception {
        byte[] frame = Link.wifi(udpIpv4("10.6.6.1", "10.6.6.2"), false);
        byte[] encrypted = frame.clone();
        encrypted[1] |= 0x40;
        byte[] nullData = frame.clone();
        nullData[0] = 0x48;
        byte[] beacon = frame.clone();
        beacon[0] = (byte) 0x80;
        RecordingListener r = RecordingListener.read(Captures.pcap().linkType(Link.RADIOTAP)
                .frame(T, Link.radiotap(encrypted, 8)).frame(T, Link.radiotap(nullData, 8))
                .frame(T, Link.radiotap(beacon, 8)).frame(T, Link.radiotap(frame, 8)).write(dir.resolve("wifi.pcap")));
        assertEquals(List.of(4L), r.frames());
        // a radiotap header with fields (here 32 bytes), and a frame check sequence after the packet
        byte[] fcs = Bytes.concat(frame, new byte[] {1, 2, 3, 4});
        SipPayload p = only(Captures.pcap().linkType(Link.RADIOTAP).frame(T, Link.radiotap(fcs, 32)));
        assertEquals(INVITE, new String(p.data(), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** MPLS labels (the last with the bottom-of-stack bit) before {@code payload}. */
    private static byte[] mpls(byte[] payload, int labels) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * labels + payload.length);
        for (int i = 0; i < labels; i++) {
            b.putInt((1000 + i) << 12 | (i == labels - 1 ? 0x100 : 0) | 64);
        }
        return b.put(payload).array();
    }

    @Test
    void mplsCarriesIpOrEthernetWithOrWithoutControlWord() throws Exception {
        byte[] ip = udpIpv4("10.7.7.1", "10.7.7.2");
        byte[] inner = Link.ethernetIp(ip);
        byte[] noControlWordFrame = inner.clone();
        noControlWordFrame[0] = 0x52; // a destination MAC whose first nibble is neither 0, 4 nor 6
        for (byte[] payload : List.of(ip, Bytes.concat(new byte[4], inner), noControlWordFrame)) {
            SipPayload p = only(Captures.pcap().frame(T, Link.ethernet(0x8847, mpls(payload, 2))));
            assertEquals(new Endpoint("10.7.7.2", 5062), p.dst());
        }
        // Ethernet in MPLS in Ethernet in MPLS... stops at the decoder's depth, without a trace
        byte[] nested = Link.ethernetIp(ip);
        for (int i = 0; i < 200; i++) {
            nested = Link.ethernet(0x8847, mpls(Bytes.concat(new byte[4], nested), 1));
        }
        RecordingListener r = RecordingListener.read(Captures.pcap().frame(T, nested).write(dir.resolve("deep.pcap")));
        assertEquals(List.of(), r.payloads);
    }

    @Test
    void framesMikroTiksSnifferStreamsOverTzspAreRead() throws Exception {
        byte[] frame = Link.ethernetIp(udpIpv4("10.8.8.1", "10.8.8.2"));
        byte[] tzsp = Bytes.concat(new byte[] {1, 0, 0, 1, 0, 0x0a, 4, 0, 0, 0, 5, 1}, frame); // padding, a tag, end
        SipPayload p = only(Captures.pcap().udp(T, "192.168.88.1:40000", "192.168.88.2:37008", tzsp));
        assertEquals(new Endpoint("10.8.8.2", 5062), p.dst());
        // a wireless interface sniffed: 802.11 frames
        byte[] wireless = Bytes.concat(new byte[] {1, 0, 0, 18, 1}, Link.wifi(udpIpv4("10.8.8.1", "10.8.8.2"), true));
        assertEquals(new Endpoint("10.8.8.2", 5062),
                only(Captures.pcap().udp(T, "192.168.88.1:40000", "192.168.88.2:37008", wireless)).dst());
        // no TZSP at all: the datagram is read as UDP (SIP on that port)
        byte[] sip = Bytes.ascii(INVITE);
        SipPayload plain = only(Captures.pcap().udp(T, "192.168.88.1:40000", "192.168.88.2:37008", sip));
        assertEquals(new Endpoint("192.168.88.2", 37008), plain.dst());
    }

    @Test
    void providerBackboneBridgingCarriesTheCustomersFrame() throws Exception {
        // 802.1ah: B-VLAN tag, EtherType 0x88e7, the I-TAG (4 bytes), then the customer's whole Ethernet frame
        byte[] customer = Link.ethernetIp(udpIpv4("10.10.0.1", "10.10.0.2"), 100);
        byte[] pbb = Link.ethernet(0x88e7, Bytes.concat(new byte[] {0, 0, 0x10, 0x01}, customer), 200);
        assertEquals(new Endpoint("10.10.0.2", 5062), only(Captures.pcap().frame(T, pbb)).dst());
    }

    @Test
    void geneveAndL2tpTunnelsAreReadThrough() throws Exception {
        byte[] ip = udpIpv4("10.9.9.1", "10.9.9.2");
        // GENEVE with an 8-byte option around an Ethernet frame, and around an IP packet
        byte[] option = {0x01, 0x08, 1, 1, 0, 0, 0, 0};
        byte[] geneveEthernet = Bytes.concat(new byte[] {0x02, 0, 0x65, 0x58, 0, 0, 7, 0}, option, Link.ethernetIp(ip));
        byte[] geneveIp = Bytes.concat(new byte[] {0, 0, 0x08, 0x00, 0, 0, 7, 0}, ip);
        // L2TPv2 data message with the length bit, PPP in HDLC-like framing; a control message carries nothing
        byte[] ppp = Link.ppp(ip);
        java.nio.ByteBuffer l2tp = java.nio.ByteBuffer.allocate(8 + ppp.length);
        l2tp.put((byte) 0x40).put((byte) 0x02).putShort((short) (8 + ppp.length)).putShort((short) 11)
                .putShort((short) 22).put(ppp);
        byte[] control = l2tp.array().clone();
        control[0] = (byte) 0xc8;
        for (byte[] tunnel : List.of(geneveEthernet, geneveIp)) {
            SipPayload p = only(Captures.pcap().udp(T, "172.31.0.1:40001", "172.31.0.2:6081", tunnel));
            assertEquals(new Endpoint("10.9.9.2", 5062), p.dst());
        }
        SipPayload p = only(Captures.pcap().udp(T, "198.51.100.1:1701", "198.51.100.2:1701", l2tp.array()));
        assertEquals(new Endpoint("10.9.9.2", 5062), p.dst());
        RecordingListener r = RecordingListener.read(Captures.pcap()
                .udp(T, "198.51.100.1:1701", "198.51.100.2:1701", control).write(dir.resolve("l2tp.pcap")));
        assertEquals(List.of(), r.payloads);
    }

    @Test
    void nflogAttributesInEitherByteOrder() throws Exception {
        byte[] ip = udpIpv4("10.3.3.1", "10.3.3.2");
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            SipPayload p = only(Captures.pcap().linkType(Link.NFLOG).frame(T, Link.nflog(ip, order)));
            assertEquals(new Endpoint("10.3.3.2", 5062), p.dst(), order.toString());
        }
    }

    @Test
    void erfRecordsWithExtensionHeadersIpRecordsAndPosHdlc() throws Exception {
        byte[] ip = udpIpv4("10.2.2.1", "10.2.2.2");
        byte[] extension = {0x03, 0, 0, 0, 0, 0, 0, 0x2a}; // a flow-id header
        for (byte[] record : List.of(Link.erf(Link.ERF_ETH, Link.ethernetIp(ip, 100), extension, extension),
                Link.erf(Link.ERF_IPV4, ip),
                Link.erf(Link.ERF_HDLC_POS, Bytes.concat(new byte[] {(byte) 0xff, 0x03, 0x00, 0x21}, ip)),
                Link.erf(Link.ERF_HDLC_POS, Bytes.concat(new byte[] {0x0f, 0x00, 0x08, 0x00}, ip)))) {
            SipPayload p = only(Captures.pcap().linkType(Link.ERF).frame(T, record));
            assertEquals(new Endpoint("10.2.2.1", 5060), p.src());
        }
    }

    @Test
    void anErfRecordTypeNotReadIsWarnedAboutOnce() throws Exception {
        byte[] atm = Link.erf(3, new byte[52]);
        RecordingListener r = RecordingListener.read(Captures.pcap().linkType(Link.ERF).frame(T, atm).frame(T, atm)
                .frame(T, Link.erf(Link.ERF_ETH, Link.ethernetIp(udpIpv4("10.2.2.1", "10.2.2.2")))).write(dir.resolve("c.pcap")));
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(1, r.warnings.size(), r.warnings.toString());
        assertEquals(true, r.warnings.get(0).contains("ERF record type 3 is not supported"), r.warnings.get(0));
    }

    @Test
    void bsdLoopbackWrittenOnBigEndianHost() throws Exception {
        only(Captures.pcap().linkType(Link.NULL).frame(T, Link.nullLoopback(udpIpv4("127.0.0.1", "127.0.0.1"),
                ByteOrder.BIG_ENDIAN)));
    }

    @Test
    void ipv6ExtensionHeaders() throws Exception {
        byte[] ip = Ip.ipv6("2001:db8::1", "2001:db8::2", Ip.UDP, Segments.udp(5060, 5060, Bytes.ascii(INVITE)),
                Ip.extension(Ip.HOP_BY_HOP), Ip.extension(Ip.ROUTING), Ip.extension(Ip.DEST_OPTIONS));
        only(Captures.pcap().ip(T, ip));
    }

    @Test
    void ipv4FragmentsOutOfOrderAreReassembledAtTheLastOne() throws Exception {
        List<byte[]> frags = Ip.ipv4Fragments("10.0.0.1", "10.0.0.2", Ip.UDP, 77,
                Segments.udp(5060, 5060, Bytes.ascii(INVITE)), 128);
        Captures c = Captures.pcap();
        for (int i = frags.size() - 1; i >= 0; i--) {
            c.ip(T + i, frags.get(i));
        }
        c.udp(T, "10.0.0.9:5060", "10.0.0.2:5060", INVITE);
        RecordingListener r = RecordingListener.read(c.write(dir.resolve("f.pcap")));
        assertEquals(List.of(INVITE, INVITE), r.texts());
        assertEquals(frags.size(), r.payloads.get(0).frame(), "the frame that completed the datagram");
    }

    @Test
    void ipv6FragmentsBehindAHopByHopHeader() throws Exception {
        List<byte[]> frags = Ip.ipv6Fragments("2001:db8::1", "2001:db8::2", Ip.UDP, 0x1234567,
                Segments.udp(5060, 5060, Bytes.ascii(INVITE)), 200, Ip.extension(Ip.HOP_BY_HOP));
        Captures c = Captures.pcap().linkType(Link.SLL);
        for (byte[] f : frags) {
            c.ip(T, f);
        }
        SipPayload p = only(c);
        assertEquals(frags.size(), p.frame());
        assertEquals("2001:db8::1", p.src().address());
    }

    @Test
    void incompleteFragmentsAreReportedNotInvented() throws Exception {
        List<byte[]> frags = Ip.ipv4Fragments("10.0.0.1", "10.0.0.2", Ip.UDP, 9,
                Segments.udp(5060, 5060, Bytes.ascii(INVITE)), 128);
        Captures c = Captures.pcap();
        for (int i = 0; i < frags.size() - 1; i++) {
            c.ip(T, frags.get(i));
        }
        RecordingListener r = RecordingListener.read(c.write(dir.resolve("f.pcap")));
        assertEquals(List.of(), r.payloads);
        assertEquals(List.of("1 fragmented IP datagrams never completed"), r.warnings);
    }

    @Test
    void ipInIpAndIpv6InIpv4Tunnels() throws Exception {
        byte[] inner4 = udpIpv4("10.9.9.1", "10.9.9.2");
        byte[] inner6 = Ip.ipv6("2001:db8::1", "2001:db8::2", Ip.UDP, Segments.udp(5060, 5060, Bytes.ascii(INVITE)));
        RecordingListener r = RecordingListener.read(Captures.pcap()
                .ip(T, Ip.tunnel("192.0.2.1", "192.0.2.2", inner4))
                .ip(T, Ip.tunnel("192.0.2.1", "192.0.2.2", inner6)).write(dir.resolve("t.pcap")));
        assertEquals(List.of(INVITE, INVITE), r.texts());
        assertEquals("10.9.9.1", r.payloads.get(0).src().address(), "inner addresses are the SIP hosts");
        assertEquals("2001:db8::2", r.payloads.get(1).dst().address());
    }

    @Test
    void greAndErspanMirroredEthernet() throws Exception {
        byte[] mirrored = Link.ethernetIp(udpIpv4("10.5.5.1", "10.5.5.2"), 42);
        RecordingListener r = RecordingListener.read(Captures.pcap()
                .ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE,
                        Tunnels.gre(Link.ETHERTYPE_IPV4, 5, null, udpIpv4("10.5.5.1", "10.5.5.2"))))
                .ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE,
                        Tunnels.gre(Tunnels.GRE_TRANSPARENT_ETHERNET, null, null, mirrored)))
                .ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE, Tunnels.erspan2(7, mirrored)))
                .ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE, Tunnels.erspan3(7, mirrored)))
                .ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE,
                        Tunnels.gre(Tunnels.GRE_ERSPAN_2, null, null, mirrored)))
                .write(dir.resolve("g.pcap")));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), r.frames(), "GRE, TEB, ERSPAN II, III and I: " + r.warnings);
        assertEquals("10.5.5.1", r.payloads.get(2).src().address());
    }
}
