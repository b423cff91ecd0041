package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.Limits;
import org.sipladder.testkit.Bytes;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

/** Inputs built to hurt the reader: odd sequence numbers, endless fragments, damaged gzip, SIP text inside HTTP. */
class HostileCaptureTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void tcpSegmentExactly2To31AheadIsAGapNotAnException() throws Exception {
        String invite = SipText.invite("far-1");
        String ok = SipText.response(200, "OK", "INVITE", "far-1", 1);
        long first = 1000;
        long far = (first + 1 + invite.length() + (1L << 31)) & 0xffffffffL;
        Path f = Captures.pcap()
                .tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", first, Segments.SYN, new byte[0])
                .tcp(T + 1, "10.0.0.1:5060", "10.0.0.2:5060", first + 1, invite)
                .tcp(T + 2, "10.0.0.1:5060", "10.0.0.2:5060", far, ok)
                .write(dir.resolve("far.pcap"));
        RecordingListener r = RecordingListener.read(f);
        assertEquals(List.of(invite, ok), r.texts());
        for (String w : r.warnings) {
            assertFalse(w.contains("Exception"), w);
        }
        assertTrue(r.warnings.stream().anyMatch(w -> w.contains("frame 3") && w.contains("2147483648 bytes")),
                r.warnings.toString());
    }

    @Test
    void neverCompletingFragmentsStayWithinTheLimitsAndAreGivenUpWithAWarning() {
        List<String> warnings = new ArrayList<>();
        PayloadSink sink = new PayloadSink(new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        FragmentReassembler fragments = new FragmentReassembler(sink);
        byte[] eight = new byte[8];
        long peak = 0;
        for (int i = 0; i < 100_000; i++) {
            sink.at(i + 1, T);
            IpPair pair = new IpPair(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, (byte) (2 + i % 3)});
            // the last 8 bytes of a 64 KB datagram: a buffer sized by the offset would be 64 KB each
            assertEquals(null, fragments.add(pair, i, 17, 65_520, true, eight, 0, 8));
            peak = Math.max(peak, fragments.heldBytes());
        }
        assertTrue(peak <= Limits.FRAGMENT_BYTES, "held " + peak);
        assertTrue(peak < 4L << 20, "a fragment holds its own bytes, not a datagram-sized buffer: " + peak);
        assertTrue(fragments.open() <= Limits.OPEN_FRAGMENTED_DATAGRAMS, "open " + fragments.open());
        assertTrue(warnings.get(0).startsWith("frame "), warnings.get(0));
        assertTrue(warnings.get(0).contains("given up"), warnings.get(0));
        assertEquals(100_000, fragments.incomplete());
    }

    @Test
    void fragmentsStillReassembleAfterManyWereGivenUp() throws Exception {
        IpPair pair = new IpPair(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2});
        FragmentReassembler fragments = new FragmentReassembler(new PayloadSink(p -> { }));
        for (int i = 0; i < 10_000; i++) {
            fragments.add(pair, i, 17, 8, true, new byte[8], 0, 8);
        }
        byte[] whole = Bytes.ascii("0123456789abcdefXYZ");
        assertEquals(null, fragments.add(pair, 99_999, 17, 16, false, whole, 16, 3));
        assertEquals(null, fragments.add(pair, 99_999, 17, 8, true, whole, 8, 8));
        assertEquals(new String(whole), new String(fragments.add(pair, 99_999, 17, 0, true, whole, 0, 8)));
    }

    private static byte[] gzipCapture(int packets) {
        return compressedCapture(Captures.pcap().gzip(), packets);
    }

    private static byte[] compressedCapture(Captures c, int packets) {
        for (int i = 0; i < packets; i++) {
            c.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite("gz-" + (i * 7919L % 100_003) + "-" + i));
        }
        return c.toBytes();
    }

    @Test
    void gzipDamagedEarlyKeepsThePacketsBeforeTheDamageAsACutDoes() throws Exception {
        byte[] gz = gzipCapture(3000);
        damagedEarlyKeepsThePacketsBeforeTheDamageAsACutDoes(gz, "pcap.gz",
                new int[] {gz.length / 40, gz.length / 20, gz.length / 10, gz.length / 5}, 0);
    }

    @Test
    void zstdDamagedEarlyKeepsThePacketsBeforeTheDamageAsACutDoes() throws Exception {
        // frames of 16 KB of the capture (pzstd, seekable zstd): a cut or damage loses the frame it falls in; the
        // decoder gives nothing of a read that fails part-way, so damage may cost the one packet that read held
        byte[] zst = compressedCapture(Captures.pcap().zstd(16 * 1024), 3000);
        damagedEarlyKeepsThePacketsBeforeTheDamageAsACutDoes(zst, "pcap.zst",
                new int[] {zst.length / 40, zst.length / 20, zst.length / 10, zst.length / 5}, 1);
    }

    private void damagedEarlyKeepsThePacketsBeforeTheDamageAsACutDoes(byte[] gz, String extension, int[] points,
                                                                      int fewerAllowed) throws Exception {
        for (int at : points) {
            Path cut = Files.write(dir.resolve("cut." + extension), Arrays.copyOf(gz, at));
            RecordingListener fromCut = RecordingListener.read(cut);
            assertTrue(fromCut.payloads.size() > 10, "the cut keeps packets: " + fromCut.payloads.size());
            for (int fill : new int[] {0x00, 0xff, 0x55}) {
                byte[] damaged = gz.clone();
                Arrays.fill(damaged, at, at + 64, (byte) fill);
                Path bad = Files.write(dir.resolve("bad." + extension), damaged);
                RecordingListener fromDamage;
                try {
                    fromDamage = RecordingListener.read(bad);
                } catch (CaptureException e) {
                    throw new AssertionError("damage " + fill + " at " + at + ": " + e.getMessage(), e);
                }
                assertTrue(fromDamage.payloads.size() >= fromCut.payloads.size() - fewerAllowed, "damage " + fill + " at " + at
                        + ": " + fromDamage.payloads.size() + " packets, " + fromCut.payloads.size() + " after a cut");
                assertTrue(fromDamage.summary.truncated());
                assertTrue(fromDamage.warnings.stream().anyMatch(w -> w.startsWith("frame ")),
                        fromDamage.warnings.toString());
            }
        }
    }

    @Test
    void gzipMagicAloneGivesAClearMessage() throws Exception {
        Path f = Files.write(dir.resolve("magic.gz"), new byte[] {0x1f, (byte) 0x8b});
        CaptureException e = assertThrows(CaptureException.class, () -> RecordingListener.read(f));
        assertFalse(e.getMessage().contains("null"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void sipTextInAnHttpBodyIsNoMessage() throws Exception {
        String body = "Status of the SIP proxy\r\nSIP/2.0 200 ok\r\nVia: SIP/2.0/UDP 10.0.0.9\r\nCall-ID: phantom\r\n"
                + "CSeq: 1 OPTIONS\r\n\r\nall good\r\n";
        String request = "GET /status HTTP/1.1\r\nHost: proxy\r\n\r\n";
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
        Path f = Captures.pcap()
                .tcp(T, "10.0.0.1:40000", "10.0.0.2:80", 1, request)
                .tcp(T + 1, "10.0.0.2:80", "10.0.0.1:40000", 1, response.substring(0, 90))
                .tcp(T + 2, "10.0.0.2:80", "10.0.0.1:40000", 91, response.substring(90))
                .tcp(T + 3, "10.0.0.1:40000", "10.0.0.2:80", 1 + request.length(), request)
                .write(dir.resolve("http.pcap"));
        RecordingListener r = RecordingListener.read(f);
        assertEquals(List.of(), r.texts());
    }

    @Test
    void sipTextInsideAStreamJoinedMidwayIsNoMessageButTheNextSegmentsMessageIs() throws Exception {
        String invite = SipText.invite("mid-1");
        Path f = Captures.pcap()
                .tcp(T, "10.0.0.2:80", "10.0.0.1:40000", 5000, "tail of some page\r\nSIP/2.0 200 ok\r\n"
                        + "Call-ID: phantom\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .write(dir.resolve("mid.pcap"));
        assertEquals(List.of(), RecordingListener.read(f).texts());
        String stream = "v=0\r\na=sendrecv\r\n";
        Path g = Captures.pcap()
                .tcp(T, "10.0.0.1:5060", "10.0.0.2:5060", 7000, stream)
                .tcp(T + 1, "10.0.0.1:5060", "10.0.0.2:5060", 7000 + stream.length(), invite)
                .write(dir.resolve("sipmid.pcap"));
        assertEquals(List.of(invite), RecordingListener.read(g).texts());
    }

    @Test
    void aWebSocketFrameAnnouncingMoreThanTheBoundIsAWarningNamingTheFrame() throws Exception {
        byte[] req = org.sipladder.testkit.WebSockets.upgradeRequest("sip.example.com");
        // a text frame header whose 64-bit length says 1 GB, then an INVITE that is lost with the framing
        byte[] huge = {(byte) 0x81, 0x7f, 0, 0, 0, 0, 0x40, 0, 0, 0};
        byte[] invite = org.sipladder.testkit.WebSockets.text(Bytes.ascii(SipText.invite("ws-1")), null);
        Path f = Captures.pcap()
                .tcp(T, "10.0.0.1:51000", "10.0.0.2:8443", 1, Segments.PSH | Segments.ACK, req)
                .tcp(T + 1, "10.0.0.1:51000", "10.0.0.2:8443", 1 + req.length, Segments.PSH | Segments.ACK,
                        Bytes.concat(huge, invite))
                .write(dir.resolve("ws.pcap"));
        RecordingListener r = RecordingListener.read(f);
        assertTrue(r.warnings.stream().anyMatch(w -> w.startsWith("frame 2: WebSocket stream 10.0.0.1:51000 > "
                + "10.0.0.2:8443: a frame header announces 1073741824 bytes")), r.warnings.toString());
    }

    @Test
    void aWebSocketMessageLargerThanTheBoundIsAWarningNamingTheFrame() throws Exception {
        byte[] req = org.sipladder.testkit.WebSockets.upgradeRequest("sip.example.com");
        Captures c = Captures.pcap().tcp(T, "10.0.0.1:51000", "10.0.0.2:8443", 1, Segments.PSH | Segments.ACK, req);
        long seq = 1 + req.length;
        byte[] piece = new byte[60_000];
        int frames = Limits.FRAMED_MESSAGE_BYTES / piece.length + 1;
        for (int i = 0; i < frames; i++) {
            byte[] frame = org.sipladder.testkit.WebSockets.frame(false, i == 0 ? org.sipladder.testkit.WebSockets.TEXT
                    : org.sipladder.testkit.WebSockets.CONTINUATION, null, piece);
            c.tcp(T + 1 + i, "10.0.0.1:51000", "10.0.0.2:8443", seq, Segments.PSH | Segments.ACK, frame);
            seq += frame.length;
        }
        RecordingListener r = RecordingListener.read(c.write(dir.resolve("wsbig.pcap")));
        assertTrue(r.warnings.contains("frame " + (frames + 1) + ": WebSocket stream 10.0.0.1:51000 > 10.0.0.2:8443: "
                + "a message of more than " + Limits.FRAMED_MESSAGE_BYTES + " bytes was dropped"), r.warnings.toString());
    }

    @Test
    void anSctpMessageLargerThanTheBoundIsAWarningNamingTheFrame() throws Exception {
        Captures c = Captures.pcap();
        byte[] piece = new byte[60_000];
        int chunks = Limits.FRAMED_MESSAGE_BYTES / piece.length + 1;
        for (int i = 0; i < chunks; i++) {
            c.sctp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", Segments.sctpData(i + 1, 3, 0, 0, i == 0, false, piece));
        }
        RecordingListener r = RecordingListener.read(c.write(dir.resolve("sctpbig.pcap")));
        assertEquals(List.of("frame " + chunks + ": SCTP stream 3 of 10.0.0.1:5060 > 10.0.0.2:5060: a message of more "
                + "than " + Limits.FRAMED_MESSAGE_BYTES + " bytes was dropped"), r.warnings);
    }

    @Test
    void sctpMessagesInProgressBeyondTheBoundAreAWarningNamingTheFrame() throws Exception {
        Captures c = Captures.pcap();
        for (int i = 0; i <= Limits.SCTP_MESSAGES_IN_PROGRESS; i++) {
            c.sctp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", Segments.sctpData(i + 1, i, 0, 0, true, false,
                    Bytes.ascii("INVITE sip:a@b SIP/2.0\r\n")));
        }
        RecordingListener r = RecordingListener.read(c.write(dir.resolve("sctpmany.pcap")));
        assertEquals(List.of("frame " + (Limits.SCTP_MESSAGES_IN_PROGRESS + 1) + ": more than "
                + Limits.SCTP_MESSAGES_IN_PROGRESS + " SCTP messages in progress; the oldest (SCTP stream 0 of "
                + "10.0.0.1:5060 > 10.0.0.2:5060) was dropped"), r.warnings);
    }
}
