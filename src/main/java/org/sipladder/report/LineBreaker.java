package org.sipladder.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/** Breaks text into lines that fit a width in a given font, at spaces when it can. */
final class LineBreaker {

    private final ReportFonts fonts;

    LineBreaker(ReportFonts fonts) {
        this.fonts = fonts;
    }

    /** Lines of the text (its own line breaks kept), none wider than {@code width}. */
    List<String> wrap(String text, PDFont font, float size, float width) {
        return wrap(text, font, size, width, Integer.MAX_VALUE);
    }

    /**
     * Lines of the text as {@link #wrap(String, PDFont, float, float)} breaks them, but no more paragraphs once there
     * are more than {@code maxLines}: a caller that shows {@code maxLines} knows from the size whether it cut.
     */
    List<String> wrap(String text, PDFont font, float size, float width, int maxLines) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\r?\n", -1)) {
            if (lines.size() > maxLines) {
                break;
            }
            wrapParagraph(paragraph, font, size, width, lines);
        }
        return lines;
    }

    /**
     * Lines of a shell command: breaks only at spaces and ends every line but the last with " \\", so
     * the command still runs when copied out of the PDF.
     */
    List<String> wrapCommand(String command, PDFont font, float size, float width) {
        float room = width - fonts.width(font, " \\", size);
        List<String> lines = new ArrayList<>();
        wrapParagraph(command, font, size, room, lines);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            result.add(i < lines.size() - 1 ? lines.get(i) + " \\" : lines.get(i));
        }
        return result;
    }

    /**
     * Fills lines word by word, each width summed once from the glyphs' advances: a paragraph of any length (a body
     * of 64 KB on one line) takes time in proportion to its length, never to its length squared.
     */
    private void wrapParagraph(String paragraph, PDFont font, float size, float width, List<String> lines) {
        if (fonts.width(font, paragraph, size) <= width) {
            lines.add(paragraph); // whole, with its indentation
            return;
        }
        float space = fonts.advance(font, ' ');
        StringBuilder line = new StringBuilder();
        float lineUnits = 0;
        for (String word : paragraph.split(" ", -1)) {
            float candidate = line.length() == 0 ? units(word, 0, word.length(), font, 0)
                    : units(word, 0, word.length(), font, lineUnits + space);
            if (ReportFonts.points(candidate, size) <= width) {
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
                lineUnits = candidate;
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            int start = 0;
            for (int fit = fittingEnd(word, start, font, size, width); fit < word.length();
                    fit = fittingEnd(word, start, font, size, width)) {
                int cut = softBreak(word, start, fit);
                lines.add(word.substring(start, cut));
                start = cut;
            }
            line.append(word, start, word.length());
            lineUnits = units(word, start, word.length(), font, 0);
        }
        lines.add(line.toString());
    }

    /** {@code from} plus the glyph units of {@code text[start, end)}, added in order as {@link ReportFonts#width} does. */
    private float units(String text, int start, int end, PDFont font, float from) {
        float sum = from;
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            sum += fonts.advance(font, cp);
            i += Character.charCount(cp);
        }
        return sum;
    }

    /**
     * End of the longest piece of the word from {@code start} that fits (at least one character, so breaking always
     * progresses); the word's length when the rest fits, an empty rest included: the empty word between two spaces
     * that a full line left no room for.
     */
    private int fittingEnd(String word, int start, PDFont font, float size, float width) {
        float sum = 0;
        int i = start;
        while (i < word.length()) {
            int cp = word.codePointAt(i);
            float next = sum + fonts.advance(font, cp);
            if (ReportFonts.points(next, size) > width) {
                break;
            }
            sum = next;
            i += Character.charCount(cp);
        }
        return i > start || i == word.length() ? i : start + Character.charCount(word.codePointAt(start));
    }

    /**
     * The text on one line of at most {@code width}: whole when it fits, else its start and its end around an
     * ellipsis, so both the title and a file name's extension stay readable.
     */
    String shorten(String text, PDFont font, float size, float width) {
        if (fonts.width(font, text, size) <= width) {
            return text;
        }
        int low = 0;
        int high = text.length() - 1;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (fonts.width(font, around(text, mid), size) <= width) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return around(text, low);
    }

    /** {@code kept} characters of the text: its first half and its last, joined by an ellipsis. */
    private static String around(String text, int kept) {
        int head = (kept + 1) / 2;
        return text.substring(0, head) + ELLIPSIS + text.substring(text.length() - (kept - head));
    }

    private static final String ELLIPSIS = "\u2026";

    /**
     * Where to cut a word too long for its line, between {@code start} and {@code cut}: after the last separator of an
     * address or identifier (':' of IPv6, '_' of a finding code, '.', '-', '@', '/', ';', '=', ',') in the piece's
     * second half, so that "fd17:625c:f037:2:a00:27ff:" breaks between groups rather than inside one; else at
     * {@code cut}.
     */
    private static int softBreak(String word, int start, int cut) {
        for (int i = cut; i > start + (cut - start) / 2 && i > start + 1; i--) {
            if (BREAK_AFTER.indexOf(word.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return cut;
    }

    private static final String BREAK_AFTER = ":_.-@/;=,";
}
