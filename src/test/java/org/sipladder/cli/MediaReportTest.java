package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.MediaCall;
import org.sipladder.testkit.Rtp;

/** The PDF report's media section: the call's streams with their figures, and the streams in its ladder. */
class MediaReportTest {

    @TempDir
    Path dir;

    private String report(String... options) throws Exception {
        return report(MediaCall.of("media-call", 8, 100, 0xD5, 10, false), options);
    }

    private String report(Captures capture, String... options) throws Exception {
        Path pcap = dir.resolve("media.pcap");
        capture.write(pcap);
        Path pdf = dir.resolve("report.pdf");
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[] {"report", pcap.toString(), "-o", pdf.toString(), "--call", "media-call"}, 0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replace("\r\n", "\n");
        }
    }

    @Test
    void theCallsStreamsAreListedWithTheirFiguresAndDrawnInItsLadder() throws Exception {
        String text = report();

        assertTrue(text.contains("\nMedia\n"), text);
        assertTrue(text.contains("10.0.0.1:40000 \u2192 10.0.0.2:50000"));
        assertTrue(text.contains("0x00001111"));
        assertTrue(text.contains("0x00002222"));
        assertTrue(text.replace('\n', ' ').contains("9 (9.1 %) in 9 gaps of 1"), "the callee's loss and how it fell: "
                + text);
        assertTrue(text.contains("RTP PCMA \u00b7 100 pkts"), "the caller's stream in the ladder");
        assertTrue(text.contains("9.1 % lost \u00b7 10.0.0.2:50000"), "the lossy stream's warning in the ladder");
    }

    @Test
    void aJitterFigureHoldingAClockJumpIsMarkedWithTheJitterTheFindingsJudge() throws Exception {
        // the caller resumes after a hold with its RTP clock 80 s ahead: Wireshark's jitter holds the jump
        String text = report(MediaCall.of("media-call", 8, 300, 0xD5, 0, false, 0, 150, 640_000)).replace('\n', ' ');

        assertTrue(text.contains(" *"), "the jitter cell is marked: " + text);
        assertTrue(text.contains("* Wireshark's jitter includes a jump of the sender's RTP clock (a hold, a "
                + "re-INVITE), no jitter a listener hears; without it, the jitter the findings judge, mean / max ms: "
                + "0x00001111 0.0 / 0.0."), text);
        assertTrue(text.contains("No media finding"), text);
        assertFalse(text.contains("jitter 4"), "no jitter mark on the ladder: " + text);
        // without a jump, no mark and no note
        assertFalse(report().contains("Wireshark's jitter includes"));
    }

    @Test
    void theStreamTablesColumnTitlesAreWholeWords() throws Exception {
        String text = report();

        // the columns were so narrow that "Packets", "MOS" and "DTMF" broke inside the word
        for (String title : new String[] {"Codec", "Packets", "Lost", "MOS", "DTMF"}) {
            assertTrue(text.contains(title), title + " is cut in: " + text);
        }
    }

    @Test
    void redactedAddressesStayRedactedInTheMediaSection() throws Exception {
        String text = report("--redact-addresses");

        assertTrue(text.contains("\nMedia\n"));
        assertFalse(text.contains("10.0.0.1"), "no caller address");
        assertFalse(text.contains("10.0.0.2"), "no callee address");
        assertTrue(text.contains("0x00001111"));
    }

    /** The call, with the caller's SR at 3 s and the callee's RR about the caller's stream 50 ms later. */
    private static Captures withReceiverReport() {
        long srSeconds = MediaCall.T0 / 1_000_000 + 2_208_988_800L + 3;
        long lsr = (srSeconds & 0xffff) << 16;
        return MediaCall.of("media-call", 8, 100, 0xD5, 10, false)
                .udp(MediaCall.T0 + 3_000_000, "10.0.0.1:40001", "10.0.0.2:50001",
                        Rtp.senderReport(MediaCall.CALLER_SSRC, srSeconds, 0, 100))
                // held 40 ms (2621/65536 s): a round trip of 10 ms; 25 % lost of the last interval, 20 ms jitter
                .udp(MediaCall.T0 + 3_050_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.receiverReport(
                        MediaCall.CALLEE_SSRC, Rtp.reportBlock(MediaCall.CALLER_SSRC, 64, 7, 100, 160, lsr, 2621)));
    }

    @Test
    void aNegativeRtcpLossIsNamedDuplicatesInThePdf() throws Exception {
        Captures c = MediaCall.of("media-call", 8, 100, 0xD5, 10, false)
                .udp(MediaCall.T0 + 3_050_000, "10.0.0.2:50001", "10.0.0.1:40001", Rtp.receiverReport(
                        MediaCall.CALLEE_SSRC, Rtp.reportBlock(MediaCall.CALLER_SSRC, 0, -6, 100, 160, 0, 0)));

        String text = report(c).replaceAll("\\s+", " ");

        assertTrue(text.contains("-6 (duplicates)"), text);
    }

    @Test
    void whatTheReceiverReportedInRtcpStandsBesideOurFigures() throws Exception {
        // titles wrap at spaces, never inside a word
        String text = report(withReceiverReport()).replaceAll("\\s+", " ");

        for (String title : new String[] {"Reported by", "Reports", "RTCP lost", "RTCP jitter ms max", "RTT ms mean / max"}) {
            assertTrue(text.contains(title), title + " missing: " + text);
        }
        assertTrue(text.contains("10.0.0.2:50001"), "the reporter");
        assertTrue(text.contains("7 (25.0 %)"), "cumulative lost and the largest fraction lost: " + text);
        assertTrue(text.contains("20.0"), "the reported jitter");
        assertTrue(text.contains("10.0 / 10.0"), "the round trip: " + text);
    }

    @Test
    void theReporterIsRedactedWithTheOtherAddresses() throws Exception {
        String text = report(withReceiverReport(), "--redact-addresses");

        assertTrue(text.contains("7 (25.0 %)"), text);
        assertFalse(text.contains("10.0.0.2"), "no reporter address");
    }
}
