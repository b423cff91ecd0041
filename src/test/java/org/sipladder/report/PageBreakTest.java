package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;

/** Wherever on a page a section starts, its heading never stands alone at the bottom of a page. */
class PageBreakTest {

    private static final float STEP = 3;

    @Test
    void theLadderHeadingStaysOnThePageWhereTheLadderStarts() throws Exception {
        CallFlow flow = SeedCall.flows().get(0);
        sweep(page -> new LadderPages(page).write(flow), "Ladder", "Time (UTC)");
    }

    @Test
    void theKeyMessagesHeadingStaysOnThePageWhereTheFirstMessageStarts() throws Exception {
        CallFlow flow = SeedCall.flows().get(0);
        sweep(page -> new CallSection(page, new LadderPages(page), new MediaSection(page),
                new FlowRedactor(Redaction.none())).keyMessages(flow, null),
                "Key messages", "(frame ");
    }

    /** Starts the section at every height of an A4 page and checks the heading's page shows {@code firstContent}. */
    private static void sweep(Consumer<PageFlow> section, String heading, String firstContent) throws IOException {
        for (float offset = 0; offset < PageSize.A4.rectangle().getHeight() - 2 * PageFlow.MARGIN; offset += STEP) {
            byte[] pdf = render(section, offset);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                    PDFTextStripper stripper = new PDFTextStripper();
                    stripper.setStartPage(p);
                    stripper.setEndPage(p);
                    String text = stripper.getText(doc);
                    if (text.lines().anyMatch(heading::equals)) {
                        assertTrue(text.contains(firstContent), "started " + offset + " pt down the page, page " + p
                                + " ends with the heading \"" + heading + "\" alone:\n" + text);
                    }
                }
            }
        }
    }

    private static byte[] render(Consumer<PageFlow> section, float offset) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PageFlow page = new PageFlow(document, new ReportFonts(document), PageSize.A4, "footer");
            page.newPage();
            page.advance(offset);
            section.accept(page);
            page.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
