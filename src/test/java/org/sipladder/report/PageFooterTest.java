package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.flow.CallFlow;

/** The footer under every page: the capture's name and the page number, side by side within the margins. */
class PageFooterTest {

    /** A name as the public capture collections spell them (repository + path), and a second file beside it. */
    private static final String LONG_NAME = "cisco-system-traffic-generator+trex-core__scripts_automation_regression_"
            + "functional_tests_golden_udp_sip.cap, carrier-side-capture-of-the-same-calls.pcapng";

    @Test
    void aLongCaptureNameGivesUpItsMiddleAndNeverRunsUnderThePageNumber() throws Exception {
        try (PDDocument doc = Loader.loadPDF(render(LONG_NAME))) {
            float width = doc.getPage(0).getMediaBox().getWidth();
            float height = doc.getPage(0).getMediaBox().getHeight();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                List<TextPosition> footer = glyphsBelow(doc, p, height - PageFlow.MARGIN);
                String text = footer.stream().map(TextPosition::getUnicode).reduce("", String::concat);
                assertTrue(text.startsWith("SIP Ladder findings report"), text);
                assertTrue(text.contains("\u2026") && text.contains(".pcapng"), "start and end kept: " + text);
                assertTrue(text.endsWith("page " + p + " of " + doc.getNumberOfPages()), text);
                float previousEnd = 0;
                for (TextPosition g : footer) {
                    assertTrue(g.getXDirAdj() >= previousEnd - 0.5f, "'" + g.getUnicode() + "' of '" + text
                            + "' is drawn over the glyph before it on page " + p);
                    previousEnd = g.getXDirAdj() + g.getWidthDirAdj();
                }
                assertTrue(previousEnd <= width - PageFlow.MARGIN + 0.5f, "footer ends at " + previousEnd);
            }
        }
    }

    @Test
    void aShortCaptureNameIsShownWhole() throws Exception {
        try (PDDocument doc = Loader.loadPDF(render("seed.pcapng"))) {
            String text = glyphsBelow(doc, 1, doc.getPage(0).getMediaBox().getHeight() - PageFlow.MARGIN).stream()
                    .map(TextPosition::getUnicode).reduce("", String::concat);
            assertEquals("SIP Ladder findings report \u00b7 seed.pcapngpage 1 of " + doc.getNumberOfPages(), text);
        }
    }

    /** The glyphs of page {@code page} whose baseline is below {@code y} (from the top), left to right. */
    private static List<TextPosition> glyphsBelow(PDDocument doc, int page, float y) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                if (text.getYDirAdj() > y) {
                    glyphs.add(text);
                }
            }
        };
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(doc);
        glyphs.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
        return glyphs;
    }

    private static byte[] render(String captureName) throws IOException, ReportException {
        List<CallFlow> flows = SeedCall.flows();
        Diagnosis diagnosis = FindingsReportTest.diagnosis(flows);
        ReportInput input = new ReportInput(captureName, 9, SeedCall.T0, SeedCall.T0 + 1_600_000, flows,
                diagnosis.findings(), diagnosis.routings(), SeedConfig.load());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FindingsReport().write(input, ReportOptions.defaults(), out);
        return out.toByteArray();
    }
}
