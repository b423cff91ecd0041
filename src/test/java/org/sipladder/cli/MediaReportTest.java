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
import org.sipladder.testkit.MediaCall;

/** The PDF report's media section: the call's streams with their figures, and the streams in its ladder. */
class MediaReportTest {

    @TempDir
    Path dir;

    private String report(String... options) throws Exception {
        Path pcap = dir.resolve("media.pcap");
        MediaCall.of("media-call", 8, 100, 0xD5, 10, false).write(pcap);
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
        assertTrue(text.contains("9 (9.1 %)"), "the callee's loss");
        assertTrue(text.contains("RTP PCMA \u00b7 100 pkts"), "the caller's stream in the ladder");
        assertTrue(text.contains("9.1 % lost \u00b7 10.0.0.2:50000"), "the lossy stream's warning in the ladder");
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
}
