package org.sipladder.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report's three typefaces (DejaVu Sans, Sans Bold, Sans Mono), embedded as subsets from the jar so
 * the PDF looks the same everywhere and all of its text stays searchable and copyable.
 */
final class ReportFonts {

    private static final String DIR = "/org/sipladder/report/fonts/";
    /** Shown for characters DejaVu has no glyph for, and for control characters. */
    private static final char REPLACEMENT = '\uFFFD';

    private final PDFont regular;
    private final PDFont bold;
    private final PDFont mono;
    private final Map<PDFont, Map<Integer, Boolean>> coverage = new HashMap<>();
    private final Map<PDFont, Map<Integer, Float>> advances = new HashMap<>();

    ReportFonts(PDDocument document) {
        this.regular = load(document, "DejaVuSans.ttf");
        this.bold = load(document, "DejaVuSans-Bold.ttf");
        this.mono = load(document, "DejaVuSansMono.ttf");
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
     * Width in glyph units of what {@link #printable} draws for one character. Summed over a text in order, it is
     * what PDFBox's getStringWidth gives for the whole text (PDFBox sums the glyphs the same way), without encoding
     * the text again for every width asked: wrapping a long message asks for the width of each prefix it tries.
     */
    float advance(PDFont font, int codePoint) {
        return advances.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(codePoint, cp -> {
            try {
                return font.getStringWidth(printable(font, new String(Character.toChars(cp))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The text with tabs expanded and every character the font cannot draw replaced, because PDFBox
     * refuses to encode a string with one unknown character (captures contain any bytes at all).
     */
    String printable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t') {
                out.append("    ");
            } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || !covers(font, cp)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
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
