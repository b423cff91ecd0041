package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;
import org.sipladder.testkit.Tunnels;

/** SIP in GTP-U (the mobile core's user plane) and in GRE carrying PPP (PPTP), issue 16. */
class MobileTunnelTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final String INVITE = SipText.invite("mobile-1");

    @TempDir
    Path dir;

    private static byte[] innerUdp(String src, String dst) {
        return Ip.packet(src, dst, Ip.UDP, Segments.udp(5060, 5060, Bytes.ascii(INVITE)));
    }

    private RecordingListener read(byte[] outerIp) throws Exception {
        return RecordingListener.read(Captures.pcap().ip(T, outerIp).write(dir.resolve("t.pcap")));
    }

    private static byte[] overGtp(byte[] gtp) {
        return Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.UDP, Segments.udp(Tunnels.GTP_U_PORT, Tunnels.GTP_U_PORT, gtp));
    }

    @Test
    void gtpUGpduWithInnerIpv4() throws Exception {
        RecordingListener r = read(overGtp(Tunnels.gtpU(0x1234, null, innerUdp("10.45.0.7", "10.0.0.2"))));
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(new Endpoint("10.45.0.7", 5060), r.payloads.get(0).src());
    }

    @Test
    void gtpUWithSequenceAndExtensionHeadersAndInnerIpv6() throws Exception {
        byte[] inner = innerUdp("2001:db8:45::7", "2001:db8::2");
        RecordingListener r = read(overGtp(Tunnels.gtpU(7, 99, inner, 0x85, 0x40)));
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(new Endpoint("2001:db8:45::7", 5060), r.payloads.get(0).src());
    }

    @Test
    void gtpUEchoAndDamagedHeadersAreSkipped() throws Exception {
        byte[] echo = Tunnels.gtpU(0, 1, new byte[0]);
        echo[1] = 1; // echo request, not a G-PDU
        byte[] damaged = Tunnels.gtpU(7, null, innerUdp("10.45.0.7", "10.0.0.2"), 0x85);
        damaged[12] = (byte) 200; // an extension header longer than the packet
        RecordingListener r = RecordingListener.read(Captures.pcap().ip(T, overGtp(echo)).ip(T, overGtp(damaged))
                .write(dir.resolve("t.pcap")));
        assertEquals(List.of(), r.texts());
        assertEquals(List.of(), r.warnings);
    }

    @Test
    void greVersion1CarryingPppWithIpv4() throws Exception {
        byte[] ppp = Tunnels.ppp(innerUdp("172.16.1.10", "10.0.0.2"), false);
        RecordingListener r = read(Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE, Tunnels.greV1(42, 5L, 4L, ppp)));
        assertEquals(List.of(INVITE), r.texts());
        assertEquals(new Endpoint("172.16.1.10", 5060), r.payloads.get(0).src());
    }

    @Test
    void greCarryingCompressedPppWithIpv6() throws Exception {
        byte[] ppp = Tunnels.ppp(innerUdp("2001:db8:1::10", "2001:db8::2"), true);
        RecordingListener r = read(Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE, Tunnels.greV1(42, null, null, ppp)));
        assertEquals(List.of(INVITE), r.texts());
        RecordingListener v0 = read(Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE,
                Tunnels.gre(Tunnels.GRE_PPP, null, null, ppp)));
        assertEquals(List.of(INVITE), v0.texts());
    }
}
