package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;
import org.sipladder.testkit.SipText;

/** {@code report} on answered calls whose audio broke up: each gets its section, within the cap on calls in full. */
class ReportAudioTroubleTest {

    private static final long T0 = 1_763_900_000_000_000L;
    private static final int PACKETS = 200;

    @TempDir
    Path dir;

    @Test
    void anAnsweredCallWithADropoutGetsItsSectionWithItsStreamsAndACleanCallNone() throws IOException {
        Captures capture = Captures.pcap();
        call(capture, 0, "dropout-1", true);
        call(capture, 1, "clean-2", false);
        String text = report(capture.write(dir.resolve("two.pcap")));

        assertTrue(text.contains("Answered calls with audio problems"), text);
        assertTrue(text.contains("Call 1: alice \u2192 bob"), "a section of its own");
        assertTrue(text.contains("MEDIA_LOSS"), text);
        // the call did not fail: its findings are headed as such, not under a primary cause it has none of
        assertFalse(text.contains("Primary cause\n"), text);
        assertFalse(text.contains("The call did not fail"), text);
        assertTrue(text.contains("\nFindings\n"), text);
        assertTrue(text.contains("Source \u2192 destination"), "the streams table of the call");
        assertTrue(text.contains("10.0.0.2:50000 \u2192"), "the stream that lost packets is in it");
        assertFalse(text.contains("clean-2"), "the call without trouble has no section nor row");
        assertFalse(text.contains("Call 2:"), text);
        assertFalse(text.contains("Warnings on answered calls"), "the call shown is not listed again as not shown");
    }

    @Test
    void manyCallsWithDropoutsShowTheFirstFewInFullAndTheOthersInATableSayingSo() throws IOException {
        Captures capture = Captures.pcap();
        for (int i = 0; i < 12; i++) {
            call(capture, i, "dropout-" + (i + 1), true);
        }
        String text = report(capture.write(dir.resolve("twelve.pcap")));

        assertTrue(text.contains("Call 3: alice \u2192 bob"), text);
        assertFalse(text.contains("Call 4:"), "beyond the cap, 3 calls of the problem in full");
        assertTrue(text.contains("9 more calls with this audio problem"), text);
        assertTrue(text.contains("12 answered calls have this as their worst finding. Calls 1\u20133 show it in full; "
                + "the other 9 are condensed into this table."), text);
        for (int i = 4; i <= 12; i++) {
            assertTrue(text.contains("dropout-" + i), "call " + i + " is a row of the table");
        }
    }

    /**
     * An answered call from alice (10.0.0.1) to bob (10.0.0.2), the {@code n}th, 10 s after the one before, with RTP
     * each way on ports of its own; with {@code dropout}, bob's stream loses 10 packets in a row (200 ms of audio).
     */
    private static void call(Captures c, int n, String callId, boolean dropout) {
        long start = T0 + n * 10_000_000L;
        int alicePort = 40000 + 2 * n;
        int bobPort = 50000 + 2 * n;
        String answer = SipText.response(200, "OK", "INVITE", callId, 1).replace("Content-Length: 0\r\n\r\n", "");
        String body = Rtp.sdp("10.0.0.2", bobPort, "sendrecv");
        answer += "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        c.udp(start, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("INVITE", "sip:bob@10.0.0.2", callId, 1,
                Rtp.sdp("10.0.0.1", alicePort, "sendrecv")));
        c.udp(start + 1000, "10.0.0.2:5060", "10.0.0.1:5060", answer);
        c.udp(start + 2000, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("ACK", "sip:bob@10.0.0.2", callId, 1, ""));
        String alice = "10.0.0.1:" + alicePort;
        String bob = "10.0.0.2:" + bobPort;
        for (int i = 0; i < PACKETS; i++) {
            long t = start + 100_000 + i * 20_000L;
            c.udp(t, alice, bob, Rtp.packet(8, 1 + i, 160L * i, 0x1000 + n, i == 0));
            if (!dropout || i < 100 || i >= 110) {
                c.udp(t + 5_000, bob, alice, Rtp.packet(8, 1 + i, 160L * i, 0x2000 + n, i == 0));
            }
        }
        long end = start + 200_000 + PACKETS * 20_000L;
        c.udp(end, "10.0.0.1:5060", "10.0.0.2:5060", SipText.request("BYE", "sip:bob@10.0.0.2", callId, 2, ""));
        c.udp(end + 1000, "10.0.0.2:5060", "10.0.0.1:5060", SipText.response(200, "OK", "BYE", callId, 2));
    }

    private String report(Path capture) throws IOException {
        Path pdf = dir.resolve("report.pdf");
        CliRun run = CliRun.of("report", capture.toString(), "-o", pdf.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replace("\r\n", "\n");
        }
    }
}
