package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.sip.SipMessage;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Scanned;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

/** Payloads that are one run of a packet say where they are in the file; the two-thread read keeps its contract. */
class FileBackedPayloadTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    /** A capture of {@code n} INVITEs over UDP, one per packet. */
    private Path invites(int n, String name) {
        Captures c = Captures.pcap();
        for (int i = 0; i < n; i++) {
            c.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("call-" + i + "@test"));
        }
        return c.write(dir.resolve(name));
    }

    @Test
    void udpPayloadsPointAtTheirBytesInTheFile() throws Exception {
        // well beyond the reader's first buffer, so offsets must survive refills
        Path f = invites(6000, "many.pcap");
        RecordingListener r = RecordingListener.read(f);
        assertEquals(6000, r.payloads.size());
        CaptureFile file = r.payloads.get(0).file();
        assertNotNull(file);
        for (SipPayload p : r.payloads) {
            assertSame(file, p.file());
            assertArrayEquals(p.data(), file.read(p.fileOffset(), p.data().length), "frame " + p.frame());
        }
        assertTrue(Files.size(f) > 2 << 20);
    }

    @Test
    void pcapngAndGzipAndReassembledPayloads() throws Exception {
        String invite = SipText.invite("ng@test");
        Path ng = Captures.pcapng().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite).write(dir.resolve("a.pcapng"));
        SipPayload p = RecordingListener.read(ng).payloads.get(0);
        assertArrayEquals(p.data(), p.file().read(p.fileOffset(), p.data().length));

        Path gz = Captures.pcap().gzip().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite).write(dir.resolve("a.pcap.gz"));
        SipPayload g = RecordingListener.read(gz).payloads.get(0);
        assertNull(g.file(), "a compressed file has no offsets to point at");
        assertEquals(-1, g.fileOffset());

        int half = invite.length() / 2;
        Path tcp = Captures.pcap()
                .tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", 1000, invite.substring(0, half))
                .tcp(T + 1, "10.0.0.1:5060", "10.0.0.2:5060", 1000 + half, invite.substring(half))
                .write(dir.resolve("tcp.pcap"));
        SipPayload t = RecordingListener.read(tcp).payloads.get(0);
        assertEquals(invite, new String(t.data(), StandardCharsets.ISO_8859_1));
        assertNull(t.file(), "a message reassembled from two segments is no run of the file");
    }

    @Test
    void tcpMessagesWhollyInOneSegmentPointAtTheirBytesInTheFile() throws Exception {
        // one message per segment, two in one segment, then one cut across two segments
        List<String> invites = List.of("a@test", "b@test", "c@test", "d@test").stream().map(SipText::invite).toList();
        String a = invites.get(0);
        String b = invites.get(1);
        String c = invites.get(2);
        String d = invites.get(3);
        int half = d.length() / 2;
        int seq = 1000;
        Captures capture = Captures.pcap().tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", seq, a);
        seq += a.length();
        capture.tcp(T + 1, "10.0.0.1:5060", "10.0.0.2:5060", seq, b + "\r\n" + c);
        seq += b.length() + 2 + c.length();
        capture.tcp(T + 2, "10.0.0.1:5060", "10.0.0.2:5060", seq, d.substring(0, half));
        capture.tcp(T + 3, "10.0.0.1:5060", "10.0.0.2:5060", seq + half, d.substring(half));
        Path f = capture.write(dir.resolve("tcp-runs.pcap"));

        List<SipPayload> payloads = RecordingListener.read(f).payloads;

        assertEquals(invites, payloads.stream()
                .map(p -> new String(p.data(), StandardCharsets.ISO_8859_1)).toList());
        for (SipPayload p : payloads.subList(0, 3)) {
            assertNotNull(p.file(), "frame " + p.frame());
            assertArrayEquals(p.data(), p.file().read(p.fileOffset(), p.data().length), "frame " + p.frame());
        }
        SipPayload across = payloads.get(3);
        assertNull(across.file(), "two segments: no single run");
        assertArrayEquals(across.data(), runsOf(across), "the runs of the two segments");
    }

    /** The bytes of the runs of the file a payload says it is made of, joined. */
    private static byte[] runsOf(SipPayload p) throws IOException {
        long[] ranges = p.fileRanges();
        assertNotNull(ranges, "frame " + p.frame() + " has no runs");
        java.io.ByteArrayOutputStream runs = new java.io.ByteArrayOutputStream();
        for (int r = 0; r < ranges.length; r += 2) {
            runs.write(p.rangesFile().read(ranges[r], (int) ranges[r + 1]));
        }
        return runs.toByteArray();
    }

    @Test
    void aTcpMessageWhoseSegmentsCameOutOfOrderIsKeptAsItsRuns() throws Exception {
        String invite = SipText.invite("late@test");
        int half = invite.length() / 2;
        Path f = Captures.pcap()
                .tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", 1000, SipText.invite("first@test"))
                .tcp(T + 2, "10.0.0.1:5060", "10.0.0.2:5060", 1000 + SipText.invite("first@test").length() + half,
                        invite.substring(half))
                .tcp(T + 3, "10.0.0.1:5060", "10.0.0.2:5060", 1000 + SipText.invite("first@test").length(),
                        invite.substring(0, half))
                .write(dir.resolve("tcp-late.pcap"));

        List<SipPayload> payloads = RecordingListener.read(f).payloads;

        assertEquals(invite, new String(payloads.get(1).data(), StandardCharsets.ISO_8859_1));
        // the second half came first and waited beyond the gap the first half then filled
        assertArrayEquals(payloads.get(1).data(), runsOf(payloads.get(1)));
    }

    @Test
    void aMessageAcrossIpFragmentsIsKeptAsTheRunsOfTheFileItIsMadeOf() throws Exception {
        String invite = SipText.invite("frag@test");
        byte[] udp = Segments.udp(5060, 5060, invite.getBytes(StandardCharsets.ISO_8859_1));
        Captures capture = Captures.pcap();
        Ip.ipv4Fragments("10.0.0.1", "10.0.0.2", Ip.UDP, 7, udp, 128).forEach(fragment -> capture.ip(T, fragment));
        // the same datagram again with its second fragment sent twice: not one run after another, held
        List<byte[]> again = Ip.ipv4Fragments("10.0.0.1", "10.0.0.2", Ip.UDP, 8, udp, 128);
        capture.ip(T + 1, again.get(0)).ip(T + 1, again.get(1)).ip(T + 1, again.get(1));
        again.subList(2, again.size()).forEach(fragment -> capture.ip(T + 1, fragment));
        Path f = capture.write(dir.resolve("fragments.pcap"));

        List<SipPayload> payloads = RecordingListener.read(f).payloads;

        SipPayload gathered = payloads.get(0);
        assertEquals(invite, new String(gathered.data(), StandardCharsets.ISO_8859_1));
        assertNull(gathered.file(), "several runs: no single offset");
        assertTrue(gathered.fileRanges().length > 2, "runs: " + gathered.fileRanges().length / 2);
        assertArrayEquals(gathered.data(), runsOf(gathered));
        assertNull(payloads.get(1).fileRanges(), "a fragment sent twice: held in memory");
        assertEquals(invite, new String(payloads.get(1).data(), StandardCharsets.ISO_8859_1));

        // kept as its runs, the message reads back whole, and refuses changed bytes as a run's does
        List<SipMessage> messages = Scanned.messagesOf(f);
        assertEquals(invite, new String(messages.get(0).wireBytes(), StandardCharsets.ISO_8859_1));
        assertEquals("INVITE", messages.get(0).method());
        byte[] bytes = Files.readAllBytes(f);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("Content-Length");
        bytes[at] = 'c';
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, messages.get(0)::wireBytes);
        assertTrue(e.getMessage().contains("no longer holds this message"), e.getMessage());
    }

    @Test
    void messagesReadBackSurviveAppendsAndRefuseChangedBytes() throws Exception {
        String invite = SipText.invite("x@test");
        Path f = Captures.pcap().udp(T, "10.0.0.1:5060", "10.0.0.2:5060", invite).write(dir.resolve("a.pcap"));
        List<SipMessage> messages = Scanned.messagesOf(f);
        SipMessage m = messages.get(0);
        // a capture still being written only grows: what was read stays readable
        Files.write(f, new byte[100], StandardOpenOption.APPEND);
        assertEquals(invite, m.raw());
        byte[] bytes = Files.readAllBytes(f);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("x@test");
        bytes[at] = 'y';
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, m::wireBytes);
        assertTrue(e.getMessage().contains("no longer holds this message"), e.getMessage());
        Files.write(f, new byte[10]);
        e = assertThrows(IOException.class, m::wireBytes);
        assertTrue(e.getMessage().contains("ends before byte"), e.getMessage());
    }

    @Test
    void listenerFailureStopsTheReadAndReachesTheCaller() throws Exception {
        Path f = invites(2000, "a.pcap");
        List<Long> seen = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CaptureReader().read(f,
                new CaptureListener() {
                    @Override
                    public void payload(SipPayload p) {
                        seen.add(p.frame());
                        if (p.frame() == 700) {
                            throw new IllegalStateException("listener gave up");
                        }
                    }
                }));
        assertEquals("listener gave up", e.getMessage());
        assertEquals(700, seen.size());
    }

    @Test
    void cancelStopsEarlyAndStillReturnsTheSummary() throws Exception {
        Path f = invites(20_000, "a.pcap");
        List<Long> seen = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        CaptureSummary s = new CaptureReader().read(f, new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                seen.add(p.frame());
            }

            @Override
            public void progress(long bytesRead, long totalBytes) {
                progress.add(bytesRead);
            }

            @Override
            public boolean cancelled() {
                return seen.size() >= 1000;
            }
        });
        assertTrue(s.cancelled());
        assertTrue(seen.size() >= 1000 && seen.size() < 20_000, seen.size() + " payloads");
        for (int i = 1; i < seen.size(); i++) {
            assertEquals(seen.get(i - 1) + 1, seen.get(i), "payloads arrive in capture order");
        }
        assertTrue(!progress.isEmpty(), "progress crosses over to the caller's thread");
    }

    @Test
    void preparingListenerPreparesOnTheReaderThreadAndTakesInOrder() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 0; i < 3000; i++) {
            c.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", i % 3 == 2 ? "\r\n\r\n" : SipText.invite("call-" + i + "@test"));
        }
        Path f = c.write(dir.resolve("a.pcap"));
        Thread caller = Thread.currentThread();
        List<Thread> preparers = new ArrayList<>();
        List<Long> taken = new ArrayList<>();
        new CaptureReader().read(f, new PreparingListener<Long>() {
            @Override
            public Long prepare(SipPayload p) {
                if (preparers.isEmpty()) {
                    preparers.add(Thread.currentThread());
                }
                // drop every third (the keep-alives are no payloads at all; drop some real ones too)
                return p.frame() % 3 == 1 ? null : p.frame();
            }

            @Override
            public void prepared(Long frame) {
                assertSame(caller, Thread.currentThread());
                taken.add(frame);
            }
        });
        assertTrue(preparers.get(0) != caller, "prepared on the reader's thread");
        List<Long> expected = new ArrayList<>();
        for (long frame = 1; frame <= 3000; frame++) {
            if (frame % 3 == 2) {
                expected.add(frame);
            }
        }
        assertEquals(expected, taken);
    }

    /** Prepared items that are records, as the reader's own notes are, still cross as items, in order. */
    @Test
    void preparedRecordsCrossAsItems() throws Exception {
        record Item(long frame) {
        }
        Captures c = Captures.pcap();
        for (int i = 0; i < 1000; i++) {
            c.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("r-" + i + "@test"));
        }
        Path f = c.write(dir.resolve("r.pcap"));
        List<Object> taken = new ArrayList<>();
        new CaptureReader().read(f, new PreparingListener<Object>() {
            @Override
            public Object prepare(SipPayload p) {
                return p.frame() % 2 == 0 ? new Item(p.frame()) : Long.valueOf(p.frame());
            }

            @Override
            public void prepared(Object item) {
                taken.add(item);
            }
        });
        assertEquals(1000, taken.size());
        for (int i = 0; i < taken.size(); i++) {
            long frame = i + 1;
            assertEquals(frame % 2 == 0 ? new Item(frame) : Long.valueOf(frame), taken.get(i));
        }
    }

    @Test
    void aListenerThatCanPrepareOnTheCallerSharesTheWorkAndStillTakesInOrder() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 0; i < 20_000; i++) {
            c.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("call-" + i + "@test"));
        }
        Path f = c.write(dir.resolve("b.pcap"));
        Thread caller = Thread.currentThread();
        int[] onReader = {0};
        int[] onCaller = {0};
        List<Long> taken = new ArrayList<>();
        new CaptureReader().read(f, new PreparingListener<Long>() {
            @Override
            public Long prepare(SipPayload p) {
                assertTrue(Thread.currentThread() != caller, "prepare runs on the reader's thread");
                onReader[0]++;
                return p.frame();
            }

            @Override
            public boolean preparesOnCaller() {
                return true;
            }

            @Override
            public Long prepareOnCaller(SipPayload p) {
                assertSame(caller, Thread.currentThread());
                onCaller[0]++;
                return p.frame();
            }

            @Override
            public void prepared(Long frame) {
                assertSame(caller, Thread.currentThread());
                taken.add(frame);
                if (frame > 5000 && frame < 8000) {
                    // a slow stretch on the caller's side: the reader must take over the preparing
                    try {
                        Thread.sleep(0, 200_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        assertEquals(20_000, taken.size());
        for (int i = 0; i < taken.size(); i++) {
            assertEquals(i + 1, taken.get(i), "taken in capture order");
        }
        assertEquals(20_000, onReader[0] + onCaller[0], "each payload prepared once");
        assertTrue(onReader[0] > 0 && onCaller[0] > 0, onReader[0] + " prepared on the reader, " + onCaller[0]
                + " on the caller");
    }
}
