package org.sipladder.report;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.media.CaptureMedia;

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
        sweep(page -> new CallSection(page, new LadderPages(page), new MediaSection(page, CaptureMedia.none()),
                new FlowRedactor(Redaction.none())).keyMessages(flow, null),
                "Key messages", "(frame ");
    }

    @Test
    void theLadderNeverLeavesItsLastMessagesAloneAtTheTopOfAPage() throws Exception {
        // 17 rows: more than a page at the smallest offsets, split somewhere at the others
        CallFlow flow = SeedCall.flows(8).get(0);
        keptTogether(page -> new LadderPages(page).write(flow), " \u00b7 UDP ", flow.messages().size());
    }

    @Test
    void aMessageNeverLeavesItsLastLinesAloneAtTheTopOfAPage() throws Exception {
        String message = IntStream.rangeClosed(1, 9).mapToObj(i -> "Header-" + i + ": value").collect(joining("\n"));
        keptTogether(page -> page.mono(message), "Header-", 9);
    }

    /** Starts the section at every height of an A4 page and checks no page has fewer than 3 of its lines. */
    private static void keptTogether(Consumer<PageFlow> section, String marker, int lines) throws IOException {
        for (float offset = 0; offset < PageSize.A4.rectangle().getHeight() - 2 * PageFlow.MARGIN; offset += STEP) {
            List<Integer> perPage = perPage(render(section, offset), marker);
            assertEquals(lines, perPage.stream().mapToInt(Integer::intValue).sum());
            assertTrue(perPage.stream().allMatch(n -> n == 0 || n >= PageFlow.KEEP_TOGETHER), "started " + offset
                    + " pt down the page, the lines per page are " + perPage);
        }
    }

    /** How many lines of each page contain {@code marker}. */
    private static List<Integer> perPage(byte[] pdf, String marker) throws IOException {
        List<Integer> counts = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                counts.add((int) stripper.getText(doc).lines().filter(l -> l.contains(marker)).count());
            }
        }
        return counts;
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
