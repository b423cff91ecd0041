package org.sipladder.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report's three typefaces (DejaVu Sans, Sans Bold, Sans Mono), embedded as subsets from the jar so
 * the PDF looks the same everywhere and all of its text stays searchable and copyable; a character DejaVu has no glyph
 * for (a Chinese display name) is drawn with a font of the machine that has one ({@link FallbackFonts}).
 */
final class ReportFonts {

    private static final String DIR = "/org/sipladder/report/fonts/";
    /** Shown for characters no font has a glyph for, and for control characters. */
    private static final char REPLACEMENT = '\uFFFD';

    private final PDFont regular;
    private final PDFont bold;
    private final PDFont mono;
    private final Map<PDFont, Map<Integer, Boolean>> coverage = new HashMap<>();
    private final Map<PDFont, Map<Integer, Float>> advances = new HashMap<>();
    private final FallbackFonts fallback;

    /** One run of a line drawn in one font: the text as that font shows it. */
    record Run(PDFont font, String text) {
    }

    /** DejaVu, and the machine's fonts for what DejaVu cannot draw. */
    ReportFonts(PDDocument document) {
        this(document, FallbackFonts.system(document));
    }

    ReportFonts(PDDocument document, FallbackFonts fallback) {
        this.regular = load(document, "DejaVuSans.ttf");
        this.bold = load(document, "DejaVuSans-Bold.ttf");
        this.mono = load(document, "DejaVuSansMono.ttf");
        this.fallback = fallback;
    }

    PDFont regular() {
        return regular;
    }

    PDFont bold() {
        return bold;
    }

    PDFont mono() {
        return mono;
    }

    /** Width of a single line in points. */
    float width(PDFont font, String text, float size) {
        float units = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            units += advance(font, cp);
            i += Character.charCount(cp);
        }
        return points(units, size);
    }

    /** Points of a width in glyph units (thousandths of the font size). */
    static float points(float units, float size) {
        return units / 1000f * size;
    }

    /**
     * Width in glyph units of what {@link #runs} draws for one character, in the font that draws it. Summed over a
     * text in order, it is what PDFBox's getStringWidth gives for the runs (PDFBox sums the glyphs the same way),
     * without encoding the text again for every width asked: wrapping a long message asks for the width of each
     * prefix it tries.
     */
    float advance(PDFont font, int codePoint) {
        return advances.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(codePoint, cp -> {
            PDFont drawing = drawing(font, cp);
            try {
                return drawing.getStringWidth(glyphs(drawing, cp));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The text as drawn in {@code font}: runs of characters it has, and of characters only a fallback font has, in
     * that font; tabs expanded, and every character no font can draw replaced, because PDFBox refuses to encode a
     * string with one unknown character (captures contain any bytes at all).
     */
    List<Run> runs(PDFont font, String text) {
        List<Run> runs = new ArrayList<>(1);
        StringBuilder run = new StringBuilder(text.length());
        PDFont current = font;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            PDFont drawing = drawing(font, cp);
            if (drawing != current && run.length() > 0) {
                runs.add(new Run(current, run.toString()));
                run.setLength(0);
            }
            current = drawing;
            run.append(glyphs(drawing, cp));
        }
        if (run.length() > 0 || runs.isEmpty()) {
            runs.add(new Run(current, run.toString()));
        }
        return runs;
    }

    /** {@code font} when it draws {@code codePoint} (or nothing can), else the fallback font that has it. */
    private PDFont drawing(PDFont font, int codePoint) {
        if (codePoint == '\t' || control(codePoint) || covers(font, codePoint)) {
            return font;
        }
        PDFont other = fallback.fontFor(codePoint);
        return other != null && covers(other, codePoint) ? other : font;
    }

    /** What {@code drawing} shows for {@code codePoint}: the character, four spaces for a tab, or U+FFFD. */
    private String glyphs(PDFont drawing, int codePoint) {
        if (codePoint == '\t') {
            return "    ";
        }
        return control(codePoint) || !covers(drawing, codePoint) ? String.valueOf(REPLACEMENT)
                : new String(Character.toChars(codePoint));
    }

    private static boolean control(int codePoint) {
        return codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0);
    }

    private boolean covers(PDFont font, int codePoint) {
        return coverage.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(codePoint, cp -> {
            try {
                font.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        });
    }

    private static PDFont load(PDDocument document, String file) {
        try (InputStream in = ReportFonts.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the jar: " + DIR + file);
            }
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in));
            // PDFBox applies DejaVu's ligatures (fi, fl) by default; a ligature glyph extracts as U+FB01, so
            // searching the PDF for "findings" would fail. Plain glyphs keep every word searchable.
            font.setEnableGsub(false);
            return PDType0Font.load(document, font, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled font " + file, e);
        }
    }
}
