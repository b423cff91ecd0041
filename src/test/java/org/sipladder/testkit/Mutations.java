package org.sipladder.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.sipladder.capture.Endpoint;

/**
 * Seed captures of every link layer, tunnel and transport the reader knows, and seeded byte mutations of them, for
 * the fuzz tests: a failing round reproduces from its seed.
 */
public final class Mutations {

    private static final long T = 1_700_000_000_000_000L;

    private Mutations() {
    }

    /** Small captures, each with an INVITE (and sometimes its 200 OK) in one way of carrying SIP. */
    public static List<byte[]> seedCaptures() {
        List<byte[]> s = new ArrayList<>();
        s.addAll(readerSeeds());
        s.addAll(transportSeeds());
        return s;
    }

    private static List<byte[]> readerSeeds() {
        String inviteText = SipText.invite("fuzz-1");
        String okText = SipText.response(200, "OK", "INVITE", "fuzz-1", 1);

        byte[] invite = Bytes.ascii(inviteText);
        byte[] udp = Segments.udp(5060, 5060, invite);
        List<byte[]> s = new ArrayList<>();
        s.add(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", inviteText)
                .udp(T, "10.0.0.2:5060", "10.0.0.1:5060", okText).toBytes());
        s.add(Captures.pcap().bigEndian().nanos().linkType(Link.SLL2)
                .udp(T, "[2001:db8::1]:5060", "[2001:db8::2]:5060", inviteText).toBytes());
        s.add(Captures.pcapng().iface(Link.ETHERNET, 9).udp(T, "10.0.0.1:5060", "10.0.0.2:5060", inviteText)
                .iface(Link.RAW, 6).udp(T, "10.0.0.2:5060", "10.0.0.1:5060", okText).toBytes());
        Captures tcp = Captures.pcap().linkType(Link.SLL);
        String stream = inviteText + "\r\n" + okText;
        for (int i = 0, seq = 1; i < stream.length(); i += 64, seq += 64) {
            tcp.tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", seq, stream.substring(i, Math.min(stream.length(), i + 64)));
        }
        s.add(tcp.toBytes());
        Captures frag = Captures.pcap();
        Ip.ipv4Fragments("10.0.0.1", "10.0.0.2", Ip.UDP, 5, udp, 96).forEach(f -> frag.ip(T, f));
        Ip.ipv6Fragments("2001:db8::1", "2001:db8::2", Ip.UDP, 6, udp, 96).forEach(f -> frag.ip(T, f));
        s.add(frag.toBytes());
        s.add(Captures.pcap().sctp(T, "10.0.0.1:5060", "10.0.0.2:5060", Segments.sctpData(1, 0, 0, 0, invite),
                Segments.sctpData(2, 0, 1, 0, true, false, Bytes.slice(invite, 0, 64)),
                Segments.sctpData(3, 0, 1, 0, false, true, Bytes.slice(invite, 64, invite.length))).toBytes());
        s.add(Captures.pcap().udp(T, "10.0.0.1:9060", "10.0.0.2:9060", Hep.v3(new Endpoint("1.1.1.1", 5060),
                new Endpoint("2.2.2.2", 5060), 17, T, invite)).udp(T, "10.0.0.1:9060", "10.0.0.2:9060",
                Hep.v2(new Endpoint("1.1.1.1", 5060), new Endpoint("2.2.2.2", 5060), 17, T, invite)).toBytes());
        byte[] mirrored = Link.ethernetIp(Ip.ipv4("10.0.0.1", "10.0.0.2", Ip.UDP, udp), 10, 20);
        s.add(Captures.pcap().ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE, Tunnels.erspan3(1, mirrored)))
                .ip(T, Ip.tunnel("192.0.2.1", "192.0.2.2", Ip.ipv4("10.0.0.1", "10.0.0.2", Ip.UDP, udp))).toBytes());
        byte[] req = WebSockets.upgradeRequest("h");
        s.add(Captures.pcap().tcp(T, "10.0.0.1:1000", "10.0.0.2:80", 1, Segments.PSH, req)
                .tcp(T, "10.0.0.1:1000", "10.0.0.2:80", 1 + req.length, Segments.PSH,
                        WebSockets.text(invite, null)).toBytes());
        s.add(Captures.pcap().gzip().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", inviteText).toBytes());
        // formats without pcap's magic and tunnels read since (an ERF file; GENEVE, L2TP, TZSP, Ethernet over MPLS)
        s.add(Captures.erf().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", inviteText)
                .udp(T + 1, "10.0.0.2:5060", "10.0.0.1:5060", okText)
                .udp(T + 2, "10.0.0.1:5060", "10.0.0.2:5060", inviteText).toBytes());
        byte[] ip = Ip.ipv4("10.0.0.1", "10.0.0.2", Ip.UDP, udp);
        byte[] geneve = Bytes.concat(new byte[] {0, 0, 0x65, 0x58, 0, 0, 7, 0}, Link.ethernetIp(ip));
        byte[] l2tp = Bytes.concat(new byte[] {0x00, 0x02, 0, 11, 0, 22}, Link.ppp(ip));
        byte[] tzsp = Bytes.concat(new byte[] {1, 0, 0, 1, 1}, Link.ethernetIp(ip));
        byte[] eompls = Bytes.concat(new byte[] {0, 0x3e, (byte) 0x81, 64, 0, 0, 0, 0}, Link.ethernetIp(ip));
        s.add(Captures.pcap().udp(T, "192.0.2.1:40000", "192.0.2.2:6081", geneve)
                .udp(T, "192.0.2.1:1701", "192.0.2.2:1701", l2tp).udp(T, "192.0.2.1:40000", "192.0.2.2:37008", tzsp)
                .frame(T, Link.ethernet(0x8847, eompls)).toBytes());
                return s;
    }

    private static List<byte[]> transportSeeds() {
        String invite = SipText.invite("fz-1");
        String ok = SipText.response(200, "OK", "INVITE", "fz-1", 1);
        byte[] inv = Bytes.ascii(invite);
        byte[] udpInvite = Segments.udp(5060, 5060, inv);
        byte[] innerIp = Ip.ipv4("10.45.0.7", "10.0.0.2", Ip.UDP, udpInvite);
        List<byte[]> s = new ArrayList<>();
        for (int link : new int[] {Link.ETHERNET, Link.SLL, Link.SLL2, Link.RAW, Link.NULL, Link.LOOP, Link.IPV4,
            Link.NFLOG, Link.RADIOTAP, Link.PPI, Link.PPP, Link.C_HDLC}) {
            s.add(Captures.pcap().linkType(link).udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite)
                    .udp(T + 1, "10.0.0.2:5060", "10.0.0.1:5060", ok).toBytes());
        }
        s.add(Captures.pcapng().iface(Link.IPV6, 9).udp(T, "[2001:db8::1]:5060", "[2001:db8::2]:5060", invite)
                .toBytes());
        s.add(Captures.pcap().frame(T, Link.ethernetIp(Ip.ipv4("10.0.0.1", "10.0.0.2", Ip.UDP, udpInvite), 10, 20))
                .toBytes());
        Captures tcp = Captures.pcap().tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", 9, Segments.SYN, new byte[0]);
        int seq = 10;
        for (String message : List.of(invite, ok)) { // each start line in one segment, as the reader test expects
            for (int i = 0; i < message.length(); i += 200) {
                String piece = message.substring(i, Math.min(message.length(), i + 200));
                tcp.tcp(T + seq, "10.0.0.1:5060", "10.0.0.2:5060", seq, piece);
                seq += piece.length();
            }
        }
        s.add(tcp.toBytes());
        Captures frag = Captures.pcap();
        Ip.ipv4Fragments("10.0.0.1", "10.0.0.2", Ip.UDP, 5, udpInvite, 128).forEach(f -> frag.ip(T, f));
        Ip.ipv6Fragments("2001:db8::1", "2001:db8::2", Ip.UDP, 6, udpInvite, 128).forEach(f -> frag.ip(T, f));
        s.add(frag.toBytes());
        s.add(Captures.pcap().sctp(T, "10.0.0.1:5060", "10.0.0.2:5060", Segments.sctpData(1, 0, 0, 0, inv))
                .toBytes());
        s.add(Captures.pcap().udp(T, "10.0.0.1:9060", "10.0.0.2:9060", Hep.v3(new Endpoint("1.1.1.1", 5060),
                new Endpoint("2.2.2.2", 5060), 17, T, inv)).toBytes());
        byte[] req = WebSockets.upgradeRequest("h");
        s.add(Captures.pcap().tcp(T, "10.0.0.1:1000", "10.0.0.2:80", 1, Segments.PSH, req)
                .tcp(T, "10.0.0.1:1000", "10.0.0.2:80", 1 + req.length, Segments.PSH, WebSockets.text(inv, null))
                .toBytes());
        byte[] mirrored = Link.ethernetIp(Ip.ipv4("10.0.0.1", "10.0.0.2", Ip.UDP, udpInvite));
        s.add(Captures.pcap().ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE, Tunnels.erspan3(1, mirrored)))
                .ip(T, Ip.tunnel("192.0.2.1", "192.0.2.2", innerIp)).toBytes());
        s.add(Captures.pcap().ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.UDP, Segments.udp(Tunnels.GTP_U_PORT,
                Tunnels.GTP_U_PORT, Tunnels.gtpU(7, 3, innerIp, 0x85)))).toBytes());
        s.add(Captures.pcap().ip(T, Ip.ipv4("192.0.2.1", "192.0.2.2", Ip.GRE,
                Tunnels.greV1(42, 5L, 4L, Tunnels.ppp(innerIp, false)))).toBytes());
        s.add(Captures.pcap().gzip().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite).toBytes());
                return s;
    }

    public static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0:
                    b[at] ^= (byte) (1 << r.nextInt(8));
                    break;
                case 1:
                    b[at] = (byte) new int[] {0, 0xff, 0x7f, 0x80, 0x01, '\r', '\n', ' '}[r.nextInt(8)];
                    break;
                case 2:
                    b = Arrays.copyOf(b, at);
                    break;
                case 3: {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    b = Bytes.concat(Arrays.copyOf(b, at + len), Arrays.copyOfRange(b, at, b.length));
                    break;
                }
                case 4: {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    b = Bytes.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + len, b.length));
                    break;
                }
                default: {
                    byte[] noise = new byte[1 + r.nextInt(32)];
                    r.nextBytes(noise);
                    b = Bytes.concat(Arrays.copyOf(b, at), noise, Arrays.copyOfRange(b, at, b.length));
                }
            }
        }
        return b;
    }
}
