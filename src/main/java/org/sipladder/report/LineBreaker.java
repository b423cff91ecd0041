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
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\r?\n", -1)) {
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

    private void wrapParagraph(String paragraph, PDFont font, float size, float width, List<String> lines) {
        if (fonts.width(font, paragraph, size) <= width) {
            lines.add(paragraph);
            return;
        }
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ", -1)) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fonts.width(font, candidate, size) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (fonts.width(font, rest, size) > width) {
                int cut = softBreak(rest, fittingPrefix(rest, font, size, width));
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        lines.add(line.toString());
    }

    /**
     * Where to cut a word too long for its line, at most {@code cut} characters in: after the last separator of an
     * address or identifier (':' of IPv6, '_' of a finding code, '.', '-', '@', '/', ';', '=', ',') in the prefix's
     * second half, so that "fd17:625c:f037:2:a00:27ff:" breaks between groups rather than inside one; else at
     * {@code cut}.
     */
    private static int softBreak(String word, int cut) {
        for (int i = cut; i > cut / 2 && i > 1; i--) {
            if (BREAK_AFTER.indexOf(word.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return cut;
    }

    private static final String BREAK_AFTER = ":_.-@/;=,";

    /** Length of the longest prefix that fits (at least one character, so breaking always progresses). */
    private int fittingPrefix(String word, PDFont font, float size, float width) {
        int low = 1;
        int high = word.length();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (fonts.width(font, word.substring(0, mid), size) <= width) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return Math.max(1, low);
    }
}
