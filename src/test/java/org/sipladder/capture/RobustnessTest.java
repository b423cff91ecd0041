package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Link;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;
import org.sipladder.testkit.Tunnels;
import org.sipladder.testkit.WebSockets;

/**
 * Thousands of mutated and random captures (fixed seed, so any failure reproduces): no exception other than
 * {@link CaptureException} escapes, and every payload is made of bytes that were in the file.
 */
class RobustnessTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final String INVITE = SipText.invite("fuzz-1");
    private static final String OK = SipText.response(200, "OK", "INVITE", "fuzz-1", 1);
    private static final int ROUNDS = 4000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void mutatedAndRandomCapturesNeverBreakTheReader() throws Exception {
        Random random = new Random(20261123L);
        List<byte[]> seeds = seeds();
        Path file = dir.resolve("fuzz.pcap");
        int payloads = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = round % 10 == 9 ? randomCapture(random) : mutate(seeds.get(random.nextInt(seeds.size())),
                    random);
            Files.write(file, input);
            payloads += readChecked(file, input, round);
        }
        assertTrue(payloads > ROUNDS / 4, "mutations leave most messages intact, so many must be found: " + payloads);
    }

    private static int readChecked(Path file, byte[] input, int round) {
        Set<Long> windows = windows(input);
        boolean gzip = input.length > 1 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b;
        int[] count = {0};
        try {
            new CaptureReader().read(file, p -> {
                count[0]++;
                if (!gzip) {
                    assertMadeOfInput(p, input, windows, round);
                }
            });
        } catch (CaptureException expected) {
            // a mutation may well destroy the file header: that is a user error, not a crash
        } catch (RuntimeException | Error e) {
            throw new AssertionError("round " + round + ": " + e, e);
        }
        return count[0];
    }

    /** The start line occurs verbatim in the file, and the rest is stitched from runs of file bytes. */
    private static void assertMadeOfInput(SipPayload p, byte[] input, Set<Long> windows, int round) {
        byte[] data = p.data();
        int lineEnd = SipFraming.indexOf(data, 0, data.length, (byte) '\n');
        byte[] line = Arrays.copyOf(data, lineEnd < 0 ? data.length : lineEnd + 1);
        if (!contains(input, line)) {
            fail("round " + round + ": start line not in input: " + new String(line, StandardCharsets.ISO_8859_1));
        }
        int missing = 0;
        for (int i = 0; i + 8 <= data.length; i++) {
            if (!windows.contains(ByteBuffer.wrap(data, i, 8).order(ByteOrder.BIG_ENDIAN).getLong())) {
                missing++;
            }
        }
        int allowed = 7 * (data.length / 16 + 1); // segment and fragment joins are at least 16 bytes apart
        if (missing > allowed) {
            fail("round " + round + ": payload not made of input bytes (" + missing + " foreign windows)");
        }
    }

    private static Set<Long> windows(byte[] input) {
        Set<Long> set = new HashSet<>();
        ByteBuffer b = ByteBuffer.wrap(input);
        for (int i = 0; i + 8 <= input.length; i++) {
            set.add(b.getLong(i));
        }
        return set;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static List<byte[]> seeds() {
        byte[] invite = Bytes.ascii(INVITE);
        byte[] udp = Segments.udp(5060, 5060, invite);
        List<byte[]> s = new ArrayList<>();
        s.add(Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .udp(T, "10.0.0.2:5060", "10.0.0.1:5060", OK).toBytes());
        s.add(Captures.pcap().bigEndian().nanos().linkType(Link.SLL2)
                .udp(T, "[2001:db8::1]:5060", "[2001:db8::2]:5060", INVITE).toBytes());
        s.add(Captures.pcapng().iface(Link.ETHERNET, 9).udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE)
                .iface(Link.RAW, 6).udp(T, "10.0.0.2:5060", "10.0.0.1:5060", OK).toBytes());
        Captures tcp = Captures.pcap().linkType(Link.SLL);
        String stream = INVITE + "\r\n" + OK;
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
        s.add(Captures.pcap().gzip().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", INVITE).toBytes());
        return s;
    }

    private static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0:
                    b[at] ^= (byte) (1 << r.nextInt(8));
                    break;
                case 1:
                    b[at] = (byte) new int[] {0, 0xff, 0x7f, 0x80, 0x01, '\n'}[r.nextInt(6)];
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

    /** A valid pcap or pcapng header with random packets behind it. */
    private static byte[] randomCapture(Random r) {
        Captures c = r.nextBoolean() ? Captures.pcap().linkType(new int[] {1, 113, 276, 101, 0}[r.nextInt(5)])
                : Captures.pcapng().iface(new int[] {1, 113, 276, 101, 0}[r.nextInt(5)], 6);
        for (int i = 0; i < 1 + r.nextInt(20); i++) {
            byte[] frame = new byte[r.nextInt(200)];
            r.nextBytes(frame);
            c.frame(T, frame);
        }
        return c.toBytes();
    }
}
