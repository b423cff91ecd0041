package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.Limits;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;

/**
 * A stream put to sleep (its figures packed) and woken by its next packet counts on as if it had never slept: the
 * analysis that sleeps every stream not sent to in the last second finds the very streams of the one that never
 * sleeps, over sequence and timestamp wraps, loss, duplicates, reordering, comfort noise, DTMF, payload type changes,
 * a re-INVITE, a stream whose SDP came after its first packets and one no SDP announced.
 */
class StreamSleepTest {

    private static final long T0 = 1_763_900_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyFigureUnpacksAsItWasPacked() throws Exception {
        Random random = new Random(7);
        StreamAccumulator.Packer packer = new StreamAccumulator.Packer();
        StreamAccumulator.Unpacker unpacker = new StreamAccumulator.Unpacker();
        StreamAccumulator.Figures reused = new StreamAccumulator.Figures();
        List<Field> fields = new ArrayList<>();
        for (Field f : StreamAccumulator.Figures.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        assertTrue(fields.size() > 40, fields.size() + " fields");
        for (int round = 0; round < 2_000; round++) {
            StreamAccumulator.Figures figures = new StreamAccumulator.Figures();
            for (Field f : fields) {
                Class<?> t = f.getType();
                if (t == long.class) {
                    f.setLong(figures, someLong(random));
                } else if (t == int.class) {
                    f.setInt(figures, (int) someLong(random));
                } else if (t == byte.class) {
                    f.setByte(figures, (byte) someLong(random));
                } else if (t == boolean.class) {
                    f.setBoolean(figures, random.nextBoolean());
                } else if (t == double.class) {
                    double[] some = {0, -1, 20.0, random.nextDouble() * 1e3, Double.NaN, -0.0, Double.MAX_VALUE,
                        Double.longBitsToDouble(random.nextLong())};
                    f.setDouble(figures, some[random.nextInt(some.length)]);
                } else {
                    throw new AssertionError("a figure of type " + t + " is not packed: " + f.getName());
                }
            }
            // into figures that held another stream's: every field is set
            assertSameFigures(fields, figures, unpacker.unpack(figures.pack(packer), reused));
            assertSameFigures(fields, new StreamAccumulator.Figures(), figures.clear(unpacker));
        }
    }

    private static void assertSameFigures(List<Field> fields, StreamAccumulator.Figures expected,
                                          StreamAccumulator.Figures actual) throws IllegalAccessException {
        for (Field f : fields) {
            Object was = f.get(expected);
            Object is = f.get(actual);
            if (was instanceof Double d) {
                assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) is), f.getName());
            } else {
                assertEquals(was, is, f.getName());
            }
        }
    }

    private static long someLong(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> random.nextInt(200) - 100;
            case 2 -> Long.MIN_VALUE + random.nextInt(3);
            case 3 -> Long.MAX_VALUE - random.nextInt(3);
            case 4 -> T0 + random.nextInt(1 << 30);
            default -> random.nextLong();
        };
    }

    @Test
    void streamsWokenByTheirNextPacketEndAsIfTheyHadNeverSlept() throws Exception {
        for (int seed = 1; seed <= 12; seed++) {
            Path file = capture(new Random(seed)).write(dir.resolve("sleep-" + seed + ".pcap"));
            MediaCollector never = new MediaCollector(Limits.UNANNOUNCED_RTP_STREAMS, Limits.RTCP_REPORTS,
                    MediaCollector.Series.FULL, Long.MAX_VALUE);
            MediaRead.into(file, never);
            MediaCollector sleepy = new MediaCollector(Limits.UNANNOUNCED_RTP_STREAMS, Limits.RTCP_REPORTS,
                    MediaCollector.Series.FULL, 0);
            MediaRead.into(file, sleepy);
            assertEquals(0, never.streamsAsleep());
            assertTrue(sleepy.streamsAsleep() > 0, "seed " + seed + ": no stream slept");
            List<String> expected = described(never.result().streams());
            assertEquals(5, expected.size(), "seed " + seed);
            assertEquals(expected, described(sleepy.result().streams()), "seed " + seed);
        }
    }

    /** Each stream as text, its series interval by interval (a series is equal only to itself). */
    private static List<String> described(List<RtpStream> streams) {
        List<String> out = new ArrayList<>();
        for (RtpStream s : streams) {
            StringBuilder b = new StringBuilder(s.toString());
            StreamSeries series = s.series();
            b.append(" from ").append(series.startMicros()).append(" every ").append(series.intervalMicros());
            for (int i = 0; i < series.length(); i++) {
                b.append(' ').append(series.packets(i)).append('/').append(series.expected(i)).append('/')
                        .append(series.jitterMs(i)).append('/').append(series.maxJitterMs(i));
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void onceTheTimesReachTheLargestNoSweepFollows() {
        // a pcapng interface's resolution can scale a stamp to any long: at the largest time a sweep per packet
        // would go over every stream awake for each packet
        RtpAnalysis analysis = new RtpAnalysis(Limits.UNANNOUNCED_RTP_STREAMS, MediaCollector.Series.NONE,
                new org.sipladder.sip.SharedStrings(), 0);
        byte[] addresses = {10, 0, 0, 1, 10, 0, 0, 2};
        long[] times = {Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < times.length; i++) {
            analysis.rtp(i + 1, times[i], 0, addresses, 0, 4, 4, 20_000 + 2 * i, 30_000, 1, 160, 7, 0, 172, 0, 160);
        }
        assertEquals(0, analysis.streamsAsleep(), "a stream was put to sleep after the times reached the largest");
        // and before that, the sweep does its work
        RtpAnalysis usual = new RtpAnalysis(Limits.UNANNOUNCED_RTP_STREAMS, MediaCollector.Series.NONE,
                new org.sipladder.sip.SharedStrings(), 0);
        for (int i = 0; i < times.length; i++) {
            usual.rtp(i + 1, T0 + 2_000_000L * i, T0, addresses, 0, 4, 4, 20_000 + 2 * i, 30_000, 1, 160, 7, 0, 172, 0,
                    160);
        }
        assertEquals(3, usual.streamsAsleep());
    }

    /** A call with its media and a re-INVITE, a late-announced stream and one no SDP announced, interleaved. */
    private static Captures capture(Random random) {
        Captures c = Captures.pcap();
        String answer = SipText.response(200, "OK", "INVITE", "call", 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp("10.0.0.2", 50000, "sendrecv");
        c.udp(T0, "10.0.0.1:5060", "10.0.0.2:5060",
                SipText.request("INVITE", "sip:bob@10.0.0.2", "call", 1, Rtp.sdp("10.0.0.1", 40000, "sendrecv")));
        c.udp(T0 + 1000, "10.0.0.2:5060", "10.0.0.1:5060",
                answer + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        Sender[] senders = {
            new Sender("10.0.0.1:40000", "10.0.0.2:50000", 11, 65_500, 0xffff_ff00L, random),
            new Sender("10.0.0.2:50000", "10.0.0.1:40000", 12, random.nextInt(65_536), random.nextInt(), random),
            new Sender("10.0.0.1:40000", "10.0.0.2:50000", 13, 100, 4_000, random),
            new Sender("10.0.0.3:42000", "10.0.0.4:52000", 14, 65_530, 1_000, random),
            new Sender("10.0.0.9:30000", "10.0.0.8:32000", 15, 10, 10, random),
        };
        long t = T0 + 100_000;
        boolean reInvited = false;
        boolean lateAnnounced = false;
        for (int i = 0; i < 1_500; i++) {
            t += random.nextInt(10) == 0 ? 1_000_000 + random.nextInt(3_000_000) : random.nextInt(25_000);
            if (!reInvited && i > 700) {
                c.udp(t, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("INVITE", "sip:bob@10.0.0.2", "call", 2,
                        Rtp.sdp("10.0.0.1", 40000, "sendonly")));
                reInvited = true;
            }
            if (!lateAnnounced && i > 400) {
                c.udp(t, "10.0.0.3:5060", "10.0.0.4:5060", SipText.request("INVITE", "sip:carol@10.0.0.4", "late", 1,
                        Rtp.sdp("10.0.0.3", 42000, "sendrecv")));
                lateAnnounced = true;
            }
            Sender s = senders[random.nextInt(i < 200 ? 2 : senders.length)];
            // now and then a little back in time, as merged captures are
            c.udp(random.nextInt(50) == 0 ? t - 30_000 : t, s.src, s.dst, s.next());
        }
        // a last packet after a pause: the others are asleep at the end (each pause of a second or more put every
        // stream but the next one to sleep, and each stream's next packet woke it)
        c.udp(t + 2_000_000, senders[0].src, senders[0].dst, senders[0].next());
        return c;
    }

    /** One SSRC's packets: mostly in order, some lost, repeated or swapped, with comfort noise and DTMF. */
    private static final class Sender {

        final String src;
        final String dst;
        final long ssrc;
        final Random random;
        int seq;
        long timestamp;
        int digit = -1;
        int eventDuration;

        Sender(String src, String dst, long ssrc, int seq, long timestamp, Random random) {
            this.src = src;
            this.dst = dst;
            this.ssrc = ssrc;
            this.seq = seq;
            this.timestamp = timestamp;
            this.random = random;
        }

        byte[] next() {
            int r = random.nextInt(40);
            int step = r == 0 ? 0 : r == 1 ? -1 : r == 2 ? 3 : 1;
            seq = (seq + step) & 0xffff;
            timestamp = (timestamp + (r == 3 ? 8_000 : 160L * step)) & 0xffff_ffffL;
            if (digit >= 0) {
                eventDuration += 160;
                boolean end = eventDuration >= 640;
                byte[] p = Rtp.packet(101, seq, timestamp, ssrc, eventDuration == 160, Rtp.event(digit, end, eventDuration));
                if (end) {
                    digit = -1;
                }
                return p;
            }
            if (r == 4) {
                digit = random.nextInt(12);
                eventDuration = 0;
            }
            int pt = r == 5 ? 13 : r == 6 ? 8 : 0;
            return Rtp.packet(pt, seq, timestamp, ssrc, r == 7, pt == 13 ? new byte[1] : new byte[160]);
        }
    }
}
