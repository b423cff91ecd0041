package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

class LineBreakerTest {

    @Test
    void longCommandsBreakAtSpacesWithShellContinuations() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(doc);
            LineBreaker breaker = new LineBreaker(fonts);
            String command = "lk sip dispatch update --id SDR_HyMhj4T8greh --trunks ST_GjeZjGQjrsvC "
                    + "--agent my-telephony-agent --room-prefix call- SDR_HyMhj4T8greh.json";
            List<String> lines = breaker.wrapCommand(command, fonts.mono(), 8, 200);

            assertTrue(lines.size() > 1, lines.toString());
            for (String line : lines.subList(0, lines.size() - 1)) {
                assertTrue(line.endsWith(" \\"), line);
            }
            assertEquals(command, String.join(" ", lines.stream().map(l -> l.replaceAll(" \\\\$", "")).toList()),
                    "joining the lines gives the command back");
            lines.forEach(l -> assertTrue(fonts.width(fonts.mono(), l, 8) <= 200, l));
        }
    }

    @Test
    void wordsLongerThanTheLineAreCutAndParagraphBreaksKept() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(doc);
            List<String> lines = new LineBreaker(fonts).wrap("a\n" + "x".repeat(300), fonts.regular(), 9, 100);

            assertEquals("a", lines.get(0));
            assertEquals("x".repeat(300), String.join("", lines.subList(1, lines.size())));
            lines.forEach(l -> assertTrue(fonts.width(fonts.regular(), l, 9) <= 100, l));
        }
    }

    @Test
    void addressesAndCodesBreakBetweenTheirPartsNotInsideOne() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(doc);
            LineBreaker breaker = new LineBreaker(fonts);
            for (String word : List.of("fd17:625c:f037:2:a00:27ff:feb9:1521", "SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER")) {
                float width = fonts.width(fonts.regular(), word, 9) * 0.6f;
                List<String> lines = breaker.wrap(word, fonts.regular(), 9, width);

                assertTrue(lines.size() > 1, lines.toString());
                assertEquals(word, String.join("", lines));
                for (String line : lines.subList(0, lines.size() - 1)) {
                    assertTrue(line.endsWith(":") || line.endsWith("_"), line + " in " + lines);
                }
                lines.forEach(l -> assertTrue(fonts.width(fonts.regular(), l, 9) <= width, l));
            }
        }
    }
}
