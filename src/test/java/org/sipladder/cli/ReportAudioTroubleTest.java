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
import org.sipladder.testkit.MediaCall;

/** {@code report} on answered calls whose audio broke up: each gets its section, within the cap on calls in full. */
class ReportAudioTroubleTest {

    @TempDir
    Path dir;

    @Test
    void anAnsweredCallWithADropoutGetsItsSectionWithItsStreamsAndACleanCallNone() throws IOException {
        Captures capture = Captures.pcap();
        MediaCall.nth(capture, 0, "dropout-1", true, false);
        MediaCall.nth(capture, 1, "clean-2", false, false);
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
            MediaCall.nth(capture, i, "dropout-" + (i + 1), true, false);
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

    private String report(Path capture) throws IOException {
        Path pdf = dir.resolve("report.pdf");
        CliRun run = CliRun.of("report", capture.toString(), "-o", pdf.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replace("\r\n", "\n");
        }
    }
}
