package org.sipladder.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A character the report's DejaVu font has no glyph for is drawn with a font of the machine that has one, and shown
 * as U+FFFD only when none has. DejaVu Sans stands in for the machine's font here: it has U+01C4 (Ǆ), which DejaVu
 * Sans Mono, the report's font for messages, has not; so the test needs no font beyond the bundled ones.
 */
class FallbackFontsTest {

    private static final String DZ = "\u01C4";
    private static final String CJK = "\u5F20\u4F1F";

    @TempDir
    Path dir;

    /** A font folder holding a copy of the bundled DejaVu Sans, and a file that is no font. */
    private Path fontFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fonts").resolve("truetype"));
        try (InputStream in = ReportFonts.class.getResourceAsStream("/org/sipladder/report/fonts/DejaVuSans.ttf")) {
            Files.copy(in, folder.resolve("DejaVuSans.ttf"));
        }
        Files.writeString(folder.resolve("broken.ttf"), "not a font");
        return dir.resolve("fonts");
    }

    @Test
    void aCharacterTheFontLacksIsDrawnInAFallbackFontThatHasIt() throws IOException {
        Path folder = fontFolder();
        String text = render(d -> FallbackFonts.in(d, folder), page -> page.mono("user " + DZ + "ivko sent INVITE"));
        assertTrue(text.contains("user " + DZ + "ivko sent INVITE"), text);
        assertFalse(text.contains("\uFFFD"), text);
    }

    @Test
    void aPlainFaceIsPreferredToABoldOrItalicOneThatComesFirst() throws IOException {
        Path folder = fontFolder();
        Path dejaVu = folder.resolve("truetype").resolve("DejaVuSans.ttf");
        try (InputStream in = ReportFonts.class.getResourceAsStream("/org/sipladder/report/fonts/DejaVuSans-Bold.ttf")) {
            // sorts before DejaVuSans.ttf ('-' before '.')
            Files.copy(in, dejaVu.resolveSibling("DejaVuSans-Bold.ttf"));
        }
        try (PDDocument document = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(document, FallbackFonts.in(document, folder));
            assertEquals("DejaVuSans", fonts.runs(fonts.mono(), DZ).get(0).font().getName().replaceFirst("^.*\\+", ""));
        }
    }

    @Test
    void withNoFontThatHasItTheCharacterIsReplaced() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        String text = render(d -> FallbackFonts.in(d, dir.resolve("empty")), page -> page.mono("user " + DZ + "ivko"));
        assertTrue(text.contains("user \uFFFDivko"), text);
    }

    @Test
    void theRunsSwitchFontOnlyWhereTheFontLacksAGlyphAndTheWidthsFollowTheFontThatDraws() throws IOException {
        Path folder = fontFolder();
        try (PDDocument document = new PDDocument()) {
            ReportFonts fonts = new ReportFonts(document, FallbackFonts.in(document, folder));
            List<ReportFonts.Run> runs = fonts.runs(fonts.mono(), "a\t" + DZ + DZ + "b");
            assertEquals(3, runs.size(), runs.toString());
            assertSame(fonts.mono(), runs.get(0).font());
            assertEquals("a    ", runs.get(0).text());
            PDFont fallback = runs.get(1).font();
            assertNotSame(fonts.mono(), fallback);
            assertEquals(DZ + DZ, runs.get(1).text());
            assertEquals("b", runs.get(2).text());
            assertEquals(fallback.getStringWidth(DZ), fonts.advance(fonts.mono(), DZ.codePointAt(0)));
            // a character DejaVu Mono has stays in it: the fallback is only for what it lacks
            assertEquals(1, fonts.runs(fonts.mono(), "plain text").size());
        }
    }

    /** On a machine with a font for Chinese (most desktops; fonts-noto-cjk, fonts-wqy-microhei), a name shows whole. */
    @Test
    void aChineseNameIsDrawnWithTheMachinesFontWhenItHasOne() throws IOException {
        try (PDDocument document = new PDDocument()) {
            Assumptions.assumeTrue(FallbackFonts.system(document).fontFor(CJK.codePointAt(0)) != null,
                    "no font for Chinese on this machine");
        }
        String text = render(FallbackFonts::system, page -> page.paragraph("From: \"" + CJK + "\" <sip:1001@pbx>"));
        assertTrue(text.contains("From: \"" + CJK + "\""), text);
    }

    private static String render(Function<PDDocument, FallbackFonts> fallback, Consumer<PageFlow> section)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            PageFlow page = new PageFlow(document, new ReportFonts(document, fallback.apply(document)), PageSize.A4,
                    "footer");
            page.newPage();
            section.accept(page);
            page.finish();
            document.save(out);
        }
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
