package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

    @Test
    void aParagraphOfHundredsOfKilobytesWrapsInTimeInProportionToItsLength() throws Exception {
        // a 64 KB SDP body on one line took 20 s: every word and every cut measured its whole line again
        String word = "X".repeat(150_000);
        String words = "word ".repeat(30_000);
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(doc);
            LineBreaker breaker = new LineBreaker(fonts);
            List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> breaker.wrap(word + "\n" + words, fonts.mono(), 7.6f, 480));

            int end = lines.indexOf(lines.stream().filter(l -> l.startsWith("word")).findFirst().orElseThrow());
            assertEquals(word, String.join("", lines.subList(0, end)));
            assertEquals(words.strip(), String.join(" ", lines.subList(end, lines.size())).strip());
            lines.forEach(l -> assertTrue(fonts.width(fonts.mono(), l, 7.6f) <= 480, l));
        }
    }

    @Test
    void aRunOfSpacesRightWhereALineIsFullIsTheBreak() throws Exception {
        // a finding's fact with an empty From user ("From user  (frame 6)") filled its line up to the second space:
        // the empty word between the two spaces fitted nowhere and cutting it ended the report with an internal error
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(doc);
            float width = fonts.width(fonts.regular(), "over TCP, From user", 9);
            List<String> lines = new LineBreaker(fonts).wrap("over TCP, From user  (frame 6)", fonts.regular(), 9, width);

            assertEquals(List.of("over TCP, From user", "(frame 6)"), lines);
        }
    }

    @Test
    void aCapOnLinesStopsWrappingOnceItIsPassed() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(doc);
            List<String> lines = new LineBreaker(fonts).wrap("line\n".repeat(1000), fonts.mono(), 8, 300, 10);

            assertEquals(11, lines.size(), "one line more than the cap says that it cut");
        }
    }

    @Test
    void shortenKeepsStartAndEndAroundAnEllipsis() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(doc);
            LineBreaker breaker = new LineBreaker(fonts);
            String name = "report \u00b7 " + "a".repeat(200) + "_sip.pcapng";

            String shown = breaker.shorten(name, fonts.regular(), 8, 300);
            assertTrue(fonts.width(fonts.regular(), shown, 8) <= 300, shown);
            assertTrue(shown.startsWith("report \u00b7 aa") && shown.endsWith("aa_sip.pcapng") && shown.contains("\u2026"),
                    shown);
            assertEquals("short.pcap", breaker.shorten("short.pcap", fonts.regular(), 8, 300));
        }
    }

    @Test
    void anIndentedLineThatFitsKeepsItsIndentation() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(doc);
            List<String> lines = new LineBreaker(fonts).wrap("{\n  \"rule\": {\n    \"a\": 1", fonts.mono(), 8, 300);

            assertEquals(List.of("{", "  \"rule\": {", "    \"a\": 1"), lines);
        }
    }
}
