package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureFile;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;

/**
 * A compact message packs its fields (methods as codes, transport and flags in one byte, what few messages have in
 * one rare part): every value given must come back as given, and the object must stay small.
 */
class SipMessagePackingTest {

    private static final String[] METHODS = {null, "INVITE", "ACK", "BYE", "PUBLISH", "invite", "FOO", "INVITE "};
    private static final int[] STATUSES = {0, 100, 200, 503, 699, 32767, 32768, 99999, -5};
    private static final long[] FRAMES = {1, 2, 65_535, Integer.MAX_VALUE, 0xFFFF_FFFFL, 0x1_0000_0000L,
        0x1_0000_0005L, Long.MAX_VALUE};
    private static final String[] VALUES = {null, "", "a", "sip:alice@10.0.0.1;tag=1", "Über"};

    @Test
    void everyValueComesBackAsGiven() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String method = pick(random, METHODS);
            String requestUri = pick(random, VALUES);
            int status = STATUSES[random.nextInt(STATUSES.length)];
            String reason = pick(random, VALUES);
            long frame = random.nextBoolean() ? FRAMES[random.nextInt(FRAMES.length)] : random.nextLong() >>> 1;
            Transport transport = Transport.values()[random.nextInt(Transport.values().length)];
            List<String> pairs = new ArrayList<>();
            for (String name : List.of("Call-ID", "CSeq", "From", "To", "User-Agent", "Server", "X-CID", "RSeq")) {
                int n = random.nextInt(3) == 0 ? 2 : random.nextInt(2);
                for (int k = 0; k < n; k++) {
                    pairs.add(name);
                    pairs.add(name + "-value-" + k + "-" + random.nextInt(5));
                }
            }
            String[] kept = pairs.toArray(new String[0]);
            boolean sdp = random.nextBoolean();
            boolean malformed = random.nextBoolean();
            String why = malformed && random.nextBoolean() ? "bad header " + i : null;
            long micros = random.nextLong();
            Endpoint src = new Endpoint("10.0.0." + random.nextInt(256), 5060);
            Endpoint dst = new Endpoint("2001:db8::" + random.nextInt(256), random.nextInt(65536));
            SipMessage m = new SipMessage(frame, micros, src, dst, transport, method, requestUri, status, reason, kept,
                    HeaderParameters.NO_BRANCH, HeaderParameters.NO_TAG, sdp, malformed, why, null, -1, null, null,
                    null);
            String what = i + ": " + method + " " + status + " " + frame;
            assertEquals(frame, m.frame(), what);
            assertEquals(micros, m.timestampMicros(), what);
            assertSame(src, m.src(), what);
            assertSame(dst, m.dst(), what);
            assertEquals(transport, m.transport(), what);
            assertEquals(method, m.method(), what);
            assertEquals(method != null, m.isRequest(), what);
            assertEquals(requestUri, m.requestUri(), what);
            assertEquals(status, m.status(), what);
            assertEquals(reason, m.reason(), what);
            assertEquals(sdp, m.hasSdp(), what);
            assertEquals(malformed, m.malformed(), what);
            assertEquals(why, m.malformedReason(), what);
            for (String name : List.of("Call-ID", "CSeq", "From", "To", "User-Agent", "Server", "X-CID", "RSeq")) {
                List<String> expected = new ArrayList<>();
                for (int k = 0; k < kept.length; k += 2) {
                    if (kept[k].equals(name)) {
                        expected.add(kept[k + 1]);
                    }
                }
                assertEquals(expected, m.headers(name), what + " " + name);
                assertEquals(expected.isEmpty() ? null : expected.get(0), m.header(name), what + " " + name);
            }
            SipMessage judged = m.withVerdict(!malformed, malformed ? null : "judged " + i);
            assertEquals(!malformed, judged.malformed(), what);
            assertEquals(malformed ? null : "judged " + i, judged.malformedReason(), what);
            assertEquals(frame, judged.frame(), what);
            assertEquals(method, judged.method(), what);
            assertEquals(status, judged.status(), what);
            assertEquals(requestUri, judged.requestUri(), what);
            assertEquals(reason, judged.reason(), what);
            assertEquals(m.headers("Server"), judged.headers("Server"), what);
            assertEquals(m.headers("X-CID"), judged.headers("X-CID"), what);
        }
    }

    @Test
    void theBytesAreReadBackFromWhereTheyWereBeyondFourGibibytesAndSixtyFourKibibytes(@TempDir Path dir)
            throws IOException {
        byte[] wire = new byte[70_000]; // longer than a 16-bit length
        new Random(3).nextBytes(wire);
        Path path = dir.resolve("capture.pcap");
        byte[] file = new byte[100 + wire.length];
        System.arraycopy(wire, 0, file, 100, wire.length);
        Files.write(path, file);
        CaptureFile capture = CaptureFile.of(path);
        RecentDetails recent = new RecentDetails();
        SipMessage here = fileMessage(capture, 100, wire, recent);
        assertArrayEquals(wire, here.wireBytes());
        assertArrayEquals(wire, here.withVerdict(true, "judged").wireBytes());
        // beyond 4 GiB: the file is short, and the error names the byte the message would end at
        long far = (5L << 32) + 100;
        SipMessage beyond = fileMessage(capture, far, wire, recent);
        IOException e = assertThrows(IOException.class, beyond::wireBytes);
        assertTrue(e.getMessage().contains("ends before byte " + (far + wire.length)), e.getMessage());
        // a changed file is told, not read as this message
        file[100 + 12_345] ^= 1;
        Files.write(path, file);
        IOException changed = assertThrows(IOException.class, here::wireBytes);
        assertTrue(changed.getMessage().contains("changed since it was read"), changed.getMessage());
    }

    private static SipMessage fileMessage(CaptureFile file, long offset, byte[] wire, RecentDetails recent) {
        KeptHeaders kept = KeptHeaders.of(new String[] {"Call-ID", "a@b", "CSeq", "1 INVITE"});
        return new SipMessage(1, 0, new Endpoint("10.0.0.1", 5060), new Endpoint("10.0.0.2", 5060), Transport.UDP,
                "INVITE", "sip:b@c", 0, null, kept, HeaderParameters.NO_BRANCH, HeaderParameters.NO_TAG, false, false,
                null, file, offset, wire, null, recent, true);
    }

    @Test
    void aCompactMessageTakesAHundredAndFourBytesWithItsBranch() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Endpoint src = new Endpoint("10.0.0.1", 5060);
        Endpoint dst = new Endpoint("10.0.0.2", 5060);
        KeptHeaders kept = KeptHeaders.of(new String[] {"Call-ID", "a@b", "CSeq", "1 INVITE", "From", "<sip:a@b>;tag=1",
            "To", "<sip:b@c>", "User-Agent", "phone"});
        byte[] branch = "z9hG4bK1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SipMessage[] made = new SipMessage[100_000];
        for (int round = 0; round < 3; round++) { // the first rounds warm up the code
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < made.length; i++) {
                made[i] = new SipMessage(i + 1, i, src, dst, Transport.UDP, i % 2 == 0 ? "INVITE" : null,
                        i % 2 == 0 ? "sip:b@c" : null, i % 2 == 0 ? 0 : 200, i % 2 == 0 ? null : "OK", kept, branch,
                        HeaderParameters.NO_TAG, false, false, null, null, -1, null, null, null, true);
            }
            long perMessage = (threads.getThreadAllocatedBytes(thread) - before) / made.length;
            if (round == 2) {
                // 128 bytes before the fields were packed, 96 with 64-bit file offsets and lengths and a 32-bit
                // checksum, 88 and a 32-byte branch array per transaction before a short branch was packed in (16 of
                // the 104); 675,000 messages of a 50,000-call capture are held at once
                assertTrue(perMessage <= 104 && perMessage >= 64, perMessage + " bytes per message");
            }
        }
        assertEquals("INVITE", made[0].method());
        assertEquals("OK", made[1].reason());
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
