package org.sipladder.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureListener;
import org.sipladder.capture.CaptureReader;
import org.sipladder.capture.HeaderLines;
import org.sipladder.capture.SipPayload;
import org.sipladder.testkit.Captures;

/**
 * The one-pass scan of a datagram read from a capture takes each header line's end from the table of line feeds its
 * framing noted ({@link HeaderLines}) instead of searching for it: on every message, plain, odd or damaged, it must
 * decide exactly as when it walks the lines itself (the same message, or the same giving up to the full scan).
 */
class NotedLineFeedsTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aScanFromNotedLineFeedsAgreesWithOneThatWalksTheLines() throws CaptureException {
        List<byte[]> messages = new ArrayList<>();
        CompactMessageTest.messages().forEach(m -> messages.add(m.getBytes(StandardCharsets.UTF_8)));
        messages.addAll(odd());
        messages.addAll(damaged(new Random(2026_12_05L), 4000));
        Captures capture = Captures.pcap();
        for (int i = 0; i < messages.size(); i++) {
            capture.udp(T + i, "10.0.0.1:5060", "10.0.0.2:5060", messages.get(i));
        }
        int[] tabled = {0};
        int[] fast = {0};
        int[] read = {0};
        new CaptureReader().read(capture.write(dir.resolve("odd.pcap")), new CaptureListener() {
            @Override
            public void payload(SipPayload p) {
                read[0]++;
                byte[] a = p.array();
                int end = p.offset() + p.length();
                int start = MessageScanner.firstNonBlank(a, p.offset(), end);
                if (start == end) {
                    return;
                }
                // the same bytes in an array of their own, which brings no table: the lines are walked
                SipPayload walked = new SipPayload(p.frame(), p.timestampMicros(), p.src(), p.dst(), p.transport(),
                        p.data());
                SipMessage fromTable = FastScan.summary(p, start, new ScanSession());
                SipMessage fromWalk = FastScan.summary(walked, start - p.offset(), new ScanSession());
                String text = new String(walked.array(), StandardCharsets.ISO_8859_1).replace("\r", "<CR>");
                assertEquals(describe(fromWalk), describe(fromTable), text);
                tabled[0] += p.headerLines() >= 0 && HeaderLines.count(a, p.headerLines()) > 0 ? 1 : 0;
                fast[0] += fromTable != null ? 1 : 0;
            }

            @Override
            public boolean borrowsPayloads() {
                return true;
            }
        });
        assertTrue(read[0] > 3000 && tabled[0] > 2000 && fast[0] > 1000,
                "read " + read[0] + ", with a table " + tabled[0] + ", scanned in one pass " + fast[0]);
    }

    /**
     * Messages on the edges of the table: about as many lines as it takes, a byte above 127 in the start line (which
     * the framing does not check), in a header or in the body alone, line ends of every kind.
     */
    private static List<byte[]> odd() {
        String head = "INVITE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@example.com>;tag=f\r\nTo: <sip:b@example.com>\r\nCall-ID: odd-1\r\nCSeq: 1 INVITE\r\n";
        String sdp = "v=0\r\ns=\u00e9t\u00e9\r\n";
        List<String> odd = new ArrayList<>();
        for (int pad = HeaderLines.MAX - 12; pad <= HeaderLines.MAX - 4; pad++) {
            odd.add(head + "X-Pad: 1\r\n".repeat(pad) + "Content-Length: 0\r\n\r\n");
        }
        odd.add(head.replace("sip:b@example.com SIP", "sip:b\u00e9@example.com SIP") + "Content-Length: 0\r\n\r\n");
        odd.add(head.replace("INVITE sip", "INV\u00c9TE sip") + "Content-Length: 0\r\n\r\n");
        odd.add(head + "Subject: \u00e9t\u00e9\r\nContent-Length: 0\r\n\r\n");
        odd.add(head + "Content-Type: application/sdp\r\nContent-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + sdp);
        odd.add(head + "Content-Length: 0\r\n\n");
        odd.add(head + "Content-Length: 0\n\r\n");
        odd.add(head + "Content-Length: 0\r\n\r");
        odd.add(head + "Content-Length: 0\r\n");
        odd.add(head.replace("\r\nVia", "\rVia") + "Content-Length: 0\r\n\r\n");
        odd.add(head.replace("\r\nFrom", "\nFrom") + "Content-Length: 0\r\n\r\n");
        odd.add(head.replace("\r\nCall-ID", "\r\n Call-ID") + "Content-Length: 0\r\n\r\n");
        odd.add(head + "Subject: a\rb\r\nContent-Length: 0\r\n\r\n");
        odd.add(head + "Content-Length: 0\r\n\r\ntrailing bytes beyond the length");
        return odd.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Plain messages with a byte inserted, removed or changed, often a line end or one above 127. */
    private static List<byte[]> damaged(Random random, int count) {
        byte[] alphabet = " \t\r\n\r\n:;\u007f\u00c3aZ0".getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> plain = CompactMessageTest.messages().limit(6)
                .map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
        List<byte[]> damaged = new ArrayList<>();
        for (int round = 0; round < count; round++) {
            byte[] m = plain.get(round % plain.size());
            int at = 1 + random.nextInt(m.length - 1);
            byte b = alphabet[random.nextInt(alphabet.length)];
            byte[] out;
            switch (random.nextInt(3)) {
                case 0 -> {
                    out = new byte[m.length + 1];
                    System.arraycopy(m, 0, out, 0, at);
                    out[at] = b;
                    System.arraycopy(m, at, out, at + 1, m.length - at);
                }
                case 1 -> {
                    out = new byte[m.length - 1];
                    System.arraycopy(m, 0, out, 0, at);
                    System.arraycopy(m, at + 1, out, at, m.length - at - 1);
                }
                default -> {
                    out = m.clone();
                    out[at] = b;
                }
            }
            damaged.add(out);
        }
        return damaged;
    }

    /** All that the scan decided of a message, or "null" when it left it to the full scan. */
    private static String describe(SipMessage m) {
        if (m == null) {
            return "null";
        }
        return String.join("\n", m.label(), String.valueOf(m.method()), String.valueOf(m.requestUri()),
                String.valueOf(m.status()), String.valueOf(m.reason()), m.callId(), m.cseq(), m.topViaBranch(),
                String.valueOf(m.toTag()), String.valueOf(m.hasSdp()), String.valueOf(m.malformed()),
                String.valueOf(m.malformedReason()), String.valueOf(m.hasOtherKeptHeaders()),
                String.valueOf(m.viaWithoutReceived()), String.valueOf(m.correlationHeaders()),
                String.valueOf(m.headers()), m.raw());
    }
}
