package org.sipladder.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.livekit.SecretScrubber;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Sets blocks of text, tables and drawings top to bottom on pages of one size, starting a new page
 * when a block does not fit; y grows downwards from the top of the page like the ladder layout's.
 */
final class PageFlow {

    static final Color TEXT = new Color(0x1F2328);
    static final Color MUTED = new Color(0x5F6B76);
    static final Color RULE = new Color(0xD0D7DE);
    static final Color SHADE = new Color(0xF6F8FA);
    static final Color HEADER_SHADE = new Color(0xEAEEF2);
    static final float MARGIN = 50;
    private static final float FOOTER_GAP = 24;
    /** Least room between the footer's text and its page number. */
    private static final float FOOTER_SPACE = 12;
    private static final float CELL_PAD = 3.5f;
    /** Lines of a message, or rows of a ladder, kept together at the foot and at the head of a page. */
    static final int KEEP_TOGETHER = 3;

    private final PDDocument document;
    private final ReportFonts fonts;
    private final LineBreaker breaker;
    private final PDRectangle paper;
    private final String footer;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream content;
    private float y;
    private final SecretScrubber secrets;

    final TextStyle body;
    final TextStyle small;
    final TextStyle strong;
    final TextStyle code;

    PageFlow(PDDocument document, ReportFonts fonts, PageSize size, String footer) {
        this(document, fonts, size, footer, SecretScrubber.none());
    }

    /** @param secrets hides passwords in every text set on the pages, before it is wrapped into lines */
    PageFlow(PDDocument document, ReportFonts fonts, PageSize size, String footer, SecretScrubber secrets) {
        this.secrets = secrets;
        this.document = document;
        this.fonts = fonts;
        this.breaker = new LineBreaker(fonts);
        this.paper = size.rectangle();
        this.footer = footer;
        this.body = new TextStyle(fonts.regular(), 9.5f, TEXT, 13.5f);
        this.small = new TextStyle(fonts.regular(), 8f, MUTED, 11f);
        this.strong = new TextStyle(fonts.bold(), 9.5f, TEXT, 13.5f);
        this.code = new TextStyle(fonts.mono(), 7.6f, TEXT, 9.8f);
    }

    ReportFonts fonts() {
        return fonts;
    }

    float left() {
        return MARGIN;
    }

    float width() {
        return paper.getWidth() - 2 * MARGIN;
    }

    float pageHeight() {
        return paper.getHeight();
    }

    /** Y where content stops (the footer sits below it). */
    float bottom() {
        return paper.getHeight() - MARGIN;
    }

    float top() {
        return MARGIN;
    }

    float y() {
        return y;
    }

    float remaining() {
        return bottom() - y;
    }

    PDPageContentStream content() {
        return content;
    }

    int pageCount() {
        return pages.size();
    }

    void newPage() {
        closeContent();
        PDPage page = new PDPage(paper);
        document.addPage(page);
        pages.add(page);
        try {
            content = new PDPageContentStream(document, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = top();
    }

    /** Starts a new page unless {@code height} still fits on this one. */
    void ensure(float height) {
        if (content == null || (height > remaining() && y > top())) {
            newPage();
        }
    }

    void gap(float height) {
        y = Math.min(y + height, bottom());
    }

    void heading(String text, int level) {
        heading(text, level, body.leading() * 3);
    }

    /** A heading kept on one page with the first {@code keep} points of what follows it. */
    void heading(String text, int level, float keep) {
        TextStyle style = switch (level) {
            case 1 -> new TextStyle(fonts.bold(), 17f, TEXT, 22f);
            case 2 -> new TextStyle(fonts.bold(), 12.5f, TEXT, 17f);
            default -> new TextStyle(fonts.bold(), 10.5f, TEXT, 14f);
        };
        float before = level == 1 ? 0 : level == 2 ? 10 : 6;
        ensure(before + style.leading() * 2 + keep);
        if (y > top()) {
            gap(before);
        }
        paragraph(text, style);
        if (level <= 2) {
            line(left(), y + 1, left() + width(), y + 1, RULE, 0.6f);
            gap(5);
        } else {
            gap(1);
        }
    }

    /** The height {@link #paragraph(String, TextStyle)} takes for {@code text}. */
    float height(String text, TextStyle style) {
        return breaker.wrap(secrets.scrub(text), style.font(), style.size(), width()).size() * style.leading();
    }

    void paragraph(String text) {
        paragraph(text, body);
    }

    void paragraph(String text, TextStyle style) {
        indented(text, style, 0);
    }

    /** A paragraph starting {@code indent} points right of the margin. */
    void indented(String text, TextStyle style, float indent) {
        for (String line : breaker.wrap(secrets.scrub(text), style.font(), style.size(), width() - indent)) {
            ensure(style.leading());
            text(line, style, left() + indent, y + style.size());
            y += style.leading();
        }
    }

    void bullets(List<String> items, TextStyle style) {
        for (String item : items) {
            List<String> lines = breaker.wrap(secrets.scrub(item), style.font(), style.size(), width() - 12);
            for (int i = 0; i < lines.size(); i++) {
                ensure(style.leading());
                if (i == 0) {
                    text("\u2022", style, left() + 2, y + style.size());
                }
                text(lines.get(i), style, left() + 12, y + style.size());
                y += style.leading();
            }
        }
    }

    /** Numbered steps: "1." hanging in the margin of each step. */
    void steps(List<String> items, TextStyle style) {
        for (int n = 0; n < items.size(); n++) {
            List<String> lines = breaker.wrap(secrets.scrub(items.get(n)), style.font(), style.size(), width() - 16);
            for (int i = 0; i < lines.size(); i++) {
                ensure(style.leading());
                if (i == 0) {
                    text((n + 1) + ".", style, left() + 1, y + style.size());
                }
                text(lines.get(i), style, left() + 16, y + style.size());
                y += style.leading();
            }
        }
    }

    /** Shell commands on a shaded band, one per line, wrapped with " \\" so each still runs when copied. */
    void commands(List<String> commandLines) {
        List<String> lines = new ArrayList<>();
        for (String command : commandLines) {
            lines.addAll(breaker.wrapCommand(secrets.scrub(command), code.font(), code.size(),
                    width() - 2 * CELL_PAD - 4));
        }
        monoLines(lines);
    }

    /** Preformatted text (a SIP message, JSON) on a shaded band, hard-wrapped where a line is too long. */
    void mono(String text) {
        monoLines(breaker.wrap(secrets.scrub(text).stripTrailing(), code.font(), code.size(),
                width() - 2 * CELL_PAD - 4));
    }

    /**
     * Preformatted text as {@link #mono(String)} sets it, but at most {@code maxLines} lines: a longer text is cut
     * there and {@code cutNote} said under it, so one huge message cannot fill pages of the report.
     */
    void mono(String text, int maxLines, String cutNote) {
        List<String> lines = breaker.wrap(secrets.scrub(text).stripTrailing(), code.font(), code.size(),
                width() - 2 * CELL_PAD - 4, maxLines);
        if (lines.size() <= maxLines) {
            monoLines(lines);
            return;
        }
        monoLines(lines.subList(0, maxLines));
        paragraph(cutNote, small);
    }

    private void monoLines(List<String> lines) {
        int i = 0;
        while (i < lines.size()) {
            ensure(code.leading() * leastStart(lines.size() - i, KEEP_TOGETHER) + 2 * CELL_PAD);
            int fit = Math.max(1, (int) ((remaining() - 2 * CELL_PAD) / code.leading()));
            int here = split(lines.size() - i, fit, KEEP_TOGETHER);
            if (here == 0 && y > top()) {
                newPage();
                continue;
            }
            int end = i + (here == 0 ? fit : here);
            float height = (end - i) * code.leading() + 2 * CELL_PAD;
            fill(left(), y, width(), height, SHADE);
            line(left(), y, left(), y + height, RULE, 1.2f);
            float baseline = y + CELL_PAD + code.size();
            for (int k = i; k < end; k++) {
                text(lines.get(k), code, left() + CELL_PAD + 4, baseline);
                baseline += code.leading();
            }
            y += height;
            i = end;
        }
        gap(4);
    }

    /**
     * How many of {@code n} lines or rows to set here, where {@code fit} fit: all when they fit; else as many as fit
     * while at least {@code keep} are left for the next page, so the end of a message or a ladder never stands alone
     * at the top of a page; 0 when fewer than {@code keep} would stay here (start them on the next page).
     */
    static int split(int n, int fit, int keep) {
        if (n <= fit) {
            return n;
        }
        int here = Math.min(fit, n - keep);
        return here >= keep ? here : 0;
    }

    /** The fewest of {@code n} lines or rows worth starting on a page: all of them when they cannot be split. */
    static int leastStart(int n, int keep) {
        return n < 2 * keep ? n : keep;
    }

    void table(Table unscrubbed) {
        Table table = new Table(secrets.scrub(unscrubbed.headers()), unscrubbed.widths(),
                unscrubbed.rows().stream().map(secrets::scrub).toList(), unscrubbed.mono());
        float[] columnWidths = columnWidths(table);
        boolean hasHeader = !table.headers().isEmpty();
        if (hasHeader) {
            ensure(rowHeight(table, table.headers(), columnWidths, true) + body.leading() + 2 * CELL_PAD);
            tableRow(table, table.headers(), columnWidths, true);
        }
        for (List<String> row : table.rows()) {
            float height = rowHeight(table, row, columnWidths, false);
            if (height > remaining() && y > top()) {
                newPage();
                if (hasHeader) {
                    tableRow(table, table.headers(), columnWidths, true);
                }
            }
            tableRow(table, row, columnWidths, false);
        }
        gap(6);
    }

    private float[] columnWidths(Table table) {
        double total = table.widths().stream().mapToDouble(Double::doubleValue).sum();
        float[] result = new float[table.widths().size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = (float) (width() * table.widths().get(i) / total);
        }
        return result;
    }

    private TextStyle cellStyle(Table table, int column, boolean header) {
        if (header) {
            return new TextStyle(fonts.bold(), 8.5f, TEXT, 11.5f);
        }
        if (table.headers().isEmpty() && column == 0) {
            return new TextStyle(fonts.bold(), 8.5f, MUTED, 11.5f);
        }
        return table.mono().get(column) ? new TextStyle(fonts.mono(), 8f, TEXT, 11.5f)
                : new TextStyle(fonts.regular(), 8.5f, TEXT, 11.5f);
    }

    private List<List<String>> cellLines(Table table, List<String> cells, float[] widths, boolean header) {
        List<List<String>> result = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            TextStyle style = cellStyle(table, c, header);
            String cell = c < cells.size() && cells.get(c) != null ? cells.get(c) : "";
            result.add(breaker.wrap(cell, style.font(), style.size(), widths[c] - 2 * CELL_PAD));
        }
        return result;
    }

    private float rowHeight(Table table, List<String> cells, float[] widths, boolean header) {
        int lines = cellLines(table, cells, widths, header).stream().mapToInt(List::size).max().orElse(1);
        return lines * 11.5f + 2 * CELL_PAD;
    }

    private void tableRow(Table table, List<String> cells, float[] widths, boolean header) {
        List<List<String>> lines = cellLines(table, cells, widths, header);
        float height = rowHeight(table, cells, widths, header);
        if (header) {
            fill(left(), y, width(), height, HEADER_SHADE);
        }
        float x = left();
        for (int c = 0; c < widths.length; c++) {
            TextStyle style = cellStyle(table, c, header);
            float baseline = y + CELL_PAD + style.size();
            for (String line : lines.get(c)) {
                text(line, style, x + CELL_PAD, baseline);
                baseline += style.leading();
            }
            x += widths[c];
        }
        line(left(), y + height, left() + width(), y + height, RULE, 0.5f);
        y += height;
    }

    /** Draws one line of text with its baseline at {@code baseline} (page coordinates, y down). */
    void text(String text, TextStyle style, float x, float baseline) {
        try {
            content.beginText();
            content.setNonStrokingColor(style.colour());
            content.newLineAtOffset(x, paper.getHeight() - baseline);
            for (ReportFonts.Run run : fonts.runs(style.font(), secrets.scrub(text))) {
                content.setFont(run.font(), style.size());
                content.showText(run.text());
            }
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fill(float x, float top, float w, float h, Color colour) {
        try {
            content.setNonStrokingColor(colour);
            content.addRect(x, paper.getHeight() - top - h, w, h);
            content.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void line(float x1, float y1, float x2, float y2, Color colour, float lineWidth) {
        try {
            content.setStrokingColor(colour);
            content.setLineWidth(lineWidth);
            content.moveTo(x1, paper.getHeight() - y1);
            content.lineTo(x2, paper.getHeight() - y2);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the cursor down by {@code height} after something was drawn there directly. */
    void advance(float height) {
        y += height;
    }

    /** Closes the last page and writes "footer · page n of m" under every page. */
    void finish() {
        closeContent();
        PDFont font = fonts.regular();
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream footerStream = new PDPageContentStream(document, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                content = footerStream;
                String pageText = "page " + (i + 1) + " of " + pages.size();
                float baseline = paper.getHeight() - MARGIN + FOOTER_GAP;
                line(left(), baseline - 10, left() + width(), baseline - 10, RULE, 0.5f);
                float pageWidth = fonts.width(font, pageText, small.size());
                // a long capture name (or several) gives up its middle rather than running under the page number
                text(breaker.shorten(footer, font, small.size(), width() - pageWidth - FOOTER_SPACE), small, left(),
                        baseline);
                text(pageText, small, left() + width() - pageWidth, baseline);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        content = null;
    }

    private void closeContent() {
        if (content != null) {
            try {
                content.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            content = null;
        }
    }
}
