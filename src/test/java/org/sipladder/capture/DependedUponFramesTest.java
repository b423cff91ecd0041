package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

/**
 * A message reassembled from several packets knows them all (Wireshark's "depended upon" frames): the TCP segments
 * that brought its bytes, in or out of order, and the IP fragments of its datagram; one packet alone names none.
 */
class DependedUponFramesTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final String A = "10.0.0.1:5060";
    private static final String B = "10.0.0.2:5060";

    @TempDir
    Path dir;

    @Test
    void tcpSegmentsAndIpFragmentsOfAMessageAreNamed() throws Exception {
        String m1 = SipText.invite("m1");
        String m2 = SipText.invite("m2");
        String m3 = SipText.invite("m3");
        String m4 = SipText.invite("m4");
        int a = 100;
        int b = 200;
        long seq = 1000;
        Captures c = Captures.pcap()
                .tcp(T, A, B, seq, m1.substring(0, a))                                        // 1
                .tcp(T + 1, A, B, seq + b, m1.substring(b))                                   // 2, early
                .tcp(T + 2, A, B, seq + a, m1.substring(a, b));                               // 3 completes m1
        seq += m1.length();
        c.tcp(T + 3, A, B, seq, m2.substring(0, a))                                           // 4
                .tcp(T + 4, A, B, seq + a, m2.substring(a) + m3.substring(0, a))              // 5 completes m2
                .tcp(T + 5, A, B, seq + m2.length() + a, m3.substring(a))                     // 6 completes m3
                .tcp(T + 6, A, B, seq + m2.length() + m3.length(), m4);                       // 7 whole
        byte[] udp = Segments.udp(5060, 5060, Bytes.ascii(SipText.invite("m5")));
        List<byte[]> fragments = Ip.ipv4Fragments("10.0.0.3", "10.0.0.2", Ip.UDP, 77, udp, 120);
        for (int i = 0; i < fragments.size(); i++) {
            c.ip(T + 7 + i, fragments.get(i));                                                // 8, 9, 10...
        }
        Path file = c.write(dir.resolve("reassembled.pcap"));
        List<SipPayload> seen = Collections.synchronizedList(new ArrayList<>());

        new CaptureReader().read(file, seen::add);

        assertEquals(5, seen.size());
        assertEquals(List.of(3L, 5L, 6L, 7L, 7L + fragments.size()), seen.stream().map(SipPayload::frame).toList());
        assertArrayEquals(new long[] {1, 2}, seen.get(0).dependsOn(), "in stream order: segment 1, then 3 (frame 2)");
        assertArrayEquals(new long[] {4}, seen.get(1).dependsOn());
        assertArrayEquals(new long[] {5}, seen.get(2).dependsOn(), "m3 began in the segment that ended m2");
        assertArrayEquals(new long[0], seen.get(3).dependsOn());
        long[] earlierFragments = new long[fragments.size() - 1];
        for (int i = 0; i < earlierFragments.length; i++) {
            earlierFragments[i] = 8 + i;
        }
        assertEquals(true, fragments.size() >= 3, "the datagram needs several fragments for this test");
        assertArrayEquals(earlierFragments, seen.get(4).dependsOn());
    }

    @Test
    void anRtpFrameOverTcpSplitAcrossSegmentsNamesTheEarlierOne() throws Exception {
        byte[] one = rfc4571(Rtp.packet(0, 1, 0, 0x77, false));
        byte[] two = rfc4571(Rtp.packet(0, 2, 160, 0x77, false));
        Path file = Captures.pcap()
                .tcp(T, A, B, 5000, Segments.PSH | Segments.ACK, one)                                   // 1 whole
                .tcp(T + 1, A, B, 5000 + one.length, Segments.PSH | Segments.ACK, Bytes.slice(two, 0, 50)) // 2
                .tcp(T + 2, A, B, 5000 + one.length + 50, Segments.PSH | Segments.ACK,
                        Bytes.slice(two, 50, two.length))                                               // 3
                .write(dir.resolve("rtp-over-tcp.pcap"));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        new CaptureReader().read(file, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
            }

            @Override
            public MediaListener media() {
                return d -> seen.add(d.frame() + " " + Arrays.toString(d.dependsOn()));
            }
        });

        assertEquals(List.of("1 []", "3 [2]"), seen);
    }

    @Test
    void aHepPacketOverTcpSplitAcrossSegmentsNamesTheEarlierOne() throws Exception {
        byte[] hep = Hep.v3(new Endpoint("192.0.2.1", 5060), new Endpoint("192.0.2.2", 5060), Ip.UDP, T,
                Bytes.ascii(SipText.invite("in-hep")));
        String agent = "10.0.0.9:40000";
        String collector = "10.0.0.10:9060";
        Path file = Captures.pcap()
                .tcp(T, agent, collector, 1, Segments.PSH | Segments.ACK, Bytes.slice(hep, 0, 100))          // 1
                .tcp(T + 1, agent, collector, 101, Segments.PSH | Segments.ACK, Bytes.slice(hep, 100, hep.length)) // 2
                .write(dir.resolve("hep-over-tcp.pcap"));
        List<SipPayload> seen = Collections.synchronizedList(new ArrayList<>());

        new CaptureReader().read(file, seen::add);

        assertEquals(1, seen.size());
        assertEquals(2, seen.get(0).frame());
        assertArrayEquals(new long[] {1}, seen.get(0).dependsOn());
    }

    /** RFC 4571: the packet after its length in two bytes. */
    private static byte[] rfc4571(byte[] packet) {
        return Bytes.concat(new byte[] {(byte) (packet.length >> 8), (byte) packet.length}, packet);
    }
}
