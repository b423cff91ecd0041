package org.sipladder.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.sipladder.flow.CallFlow;
import org.sipladder.ladder.Box;
import org.sipladder.ladder.LadderArrow;
import org.sipladder.ladder.LadderColumn;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.LadderPalette;
import org.sipladder.ladder.LadderRow;
import org.sipladder.ladder.LadderStream;
import org.sipladder.ladder.LadderStyle;
import org.sipladder.ladder.LadderText;
import org.sipladder.ladder.Point;
import org.sipladder.ladder.Rgb;
import org.sipladder.ladder.StreamArrow;
import org.sipladder.ladder.StreamRow;

/**
 * Draws a call's ladder as vector graphics from the same {@link LadderLayout} the screen uses, scaled to
 * the text width (or, when that makes it too small to read, cut by its columns into {@link LadderParts}) and cut into
 * page-sized runs of rows, each under a repeat of the column headers.
 */
final class LadderPages {

    /**
     * A ladder draws at most this many rows (about twenty pages), so a call of thousands of messages (a retransmission
     * storm, a day of keep-alives) still makes a report of bounded size; a line under it says what was left out.
     */
    static final int ROWS_AT_MOST = 400;
    private static final float INTRO_GAP = 4;
    /** Room kept under a run of rows. */
    private static final float RUN_MARGIN = 6;

    private final PageFlow page;

    LadderPages(PageFlow page) {
        this.page = page;
    }

    void write(CallFlow flow) {
        write(flow, List.of());
    }

    /** The ladder with the call's media streams among the messages. */
    void write(CallFlow flow, List<LadderStream> streams) {
        // The screen's own style, measured with the PDF's fonts, then scaled to the text width: the same picture.
        LadderLayout layout = LadderLayout.of(flow, streams,
                LadderStyle.standard().withMeasure(new PdfTextMeasure(page.fonts())));
        LadderParts parts = LadderParts.of(layout, page.width());
        float header = (float) layout.headerHeight() * parts.scale();
        float rowHeight = (float) layout.style().rowHeight() * parts.scale();
        String intro = "Every SIP message in capture order, one column per hop; times are UTC, error responses are "
                + "highlighted, dashed arrows are retransmissions"
                + (streams.isEmpty() ? "." : "; thick green arrows are RTP streams at the time of their first packet, "
                + "marked with a warning sign when they lose packets, jitter or flow one way.")
                + (parts.split() ? " The " + layout.columns().size() + " columns are more than a page holds at a "
                + "size one reads: the ladder follows in " + parts.parts().size() + " parts of a few columns, each "
                + "with every message, and neighbouring parts share a column." : "");
        int rows = Math.min(layout.slotCount(), ROWS_AT_MOST);
        // the heading and its sentence go to the next page with the first rows when those do not fit here
        page.heading("Ladder", 2, page.height(intro, page.small) + INTRO_GAP + firstRun(header, rowHeight, rows));
        page.paragraph(intro, page.small);
        page.gap(INTRO_GAP);
        for (LadderParts.Part part : parts.parts()) {
            if (parts.split()) {
                String title = "Columns " + (part.first() + 1) + "\u2013" + (part.last() + 1) + " of "
                        + layout.columns().size();
                page.ensure(page.height(title, page.strong) + firstRun(header, rowHeight, rows));
                page.paragraph(title, page.strong);
            }
            writeRows(layout, part, rows, parts.scale(), header, rowHeight);
        }
        if (rows < layout.slotCount()) {
            page.paragraph(leftOut(layout, rows), page.small);
        }
        page.gap(8);
    }

    /** Every row of the ladder in {@code part}'s columns, cut into page-sized runs. */
    private void writeRows(LadderLayout layout, LadderParts.Part part, int rows, float scale, float header,
                           float rowHeight) {
        int first = 0;
        do {
            page.ensure(firstRun(header, rowHeight, rows - first));
            int fit = Math.max(1, (int) ((page.remaining() - header - RUN_MARGIN) / rowHeight));
            int here = PageFlow.split(rows - first, fit, PageFlow.KEEP_TOGETHER);
            if (here == 0 && page.y() > page.top()) {
                page.newPage();
                continue;
            }
            int end = first + (here == 0 ? fit : here);
            drawRun(layout, part, first, end, scale);
            first = end;
            if (first < rows) {
                page.newPage();
            }
        } while (first < rows);
        page.gap(4);
    }

    /** "The ladder stops after its first 400 rows: the other 1,210 messages, frames 401-1610, ..." */
    private static String leftOut(LadderLayout layout, int rows) {
        List<LadderRow> rest = layout.rowsInSlots(rows, layout.slotCount());
        int streams = layout.streamRowsInSlots(rows, layout.slotCount()).size();
        String frames = rest.isEmpty() ? "" : ", frames " + rest.get(0).message().message().frame() + "\u2013"
                + rest.get(rest.size() - 1).message().message().frame();
        return "The ladder stops after its first " + Times.count(ROWS_AT_MOST) + " rows: the other "
                + Times.count(rest.size()) + " messages" + frames + (streams == 0 ? "" : ", and "
                + Times.count(streams) + " RTP streams") + ", are left out of this report. The app's ladder and "
                + "sipladder messages CAPTURE show every one.";
    }

    /** The least of a run worth starting on a page: the column headers and the first rows of the run. */
    private static float firstRun(float header, float rowHeight, int rowsLeft) {
        return header + RUN_MARGIN + rowHeight * PageFlow.leastStart(Math.max(1, rowsLeft), PageFlow.KEEP_TOGETHER);
    }

    /**
     * Rows (messages and streams) in slots [first, end) under the column headers, at the page cursor: the time gutter
     * at the left, then {@code part}'s columns, clipped to the text width.
     */
    private void drawRun(LadderLayout layout, LadderParts.Part part, int first, int end, float scale) {
        double rowTop = layout.headerHeight() + first * layout.style().rowHeight();
        double rowBottom = layout.headerHeight() + end * layout.style().rowHeight();
        double lifelineEnd = end == layout.slotCount() ? layout.lifelineBottom() : rowBottom;
        double height = layout.headerHeight() + (lifelineEnd - rowTop);
        float left = page.left();
        float shifted = left + (float) (layout.gutterWidth() - part.fromX()) * scale;
        Canvas gutterHead = new Canvas(page.content(), left, page.y(), scale, page.pageHeight(), 0);
        Canvas gutter = new Canvas(page.content(), left, page.y(), scale, page.pageHeight(), rowTop - layout.headerHeight());
        Canvas head = new Canvas(page.content(), shifted, page.y(), scale, page.pageHeight(), 0);
        Canvas c = new Canvas(page.content(), shifted, page.y(), scale, page.pageHeight(), rowTop - layout.headerHeight());
        float gutterRight = left + (float) layout.gutterWidth() * scale;
        float partRight = Math.min(left + page.width(), head.x(part.toX()));
        clipped(gutterRight, partRight, () -> {
            head.rect(part.fromX(), 0, part.toX() - part.fromX(), layout.headerHeight(), LadderPalette.BACKGROUND);
            head.line(part.fromX(), layout.headerHeight(), part.toX(), layout.headerHeight(), LadderPalette.GRID, 1,
                    false);
            for (LadderColumn column : layout.columns()) {
                Box b = column.header();
                head.line(column.x(), b.maxY(), column.x(), layout.headerHeight(), LadderPalette.LIFELINE, 1.2, false);
                c.line(column.x(), rowTop, column.x(), lifelineEnd, LadderPalette.LIFELINE, 1.2, false);
                head.roundRect(b.grow(-0.5), 4, LadderPalette.HEADER_FILL, LadderPalette.HEADER_BORDER);
                head.text(column.title());
                head.text(column.subtitle());
            }
            for (LadderRow row : layout.rowsInSlots(first, end)) {
                drawRow(c, row, part);
            }
            for (StreamRow row : layout.streamRowsInSlots(first, end)) {
                drawStream(c, row);
            }
        });
        gutterHead.rect(0, 0, layout.gutterWidth(), layout.headerHeight(), LadderPalette.GUTTER);
        gutter.rect(0, rowTop, layout.gutterWidth(), lifelineEnd - rowTop, LadderPalette.GUTTER);
        gutterHead.line(0, layout.headerHeight(), layout.gutterWidth(), layout.headerHeight(), LadderPalette.GRID, 1,
                false);
        gutterHead.line(layout.gutterWidth(), 0, layout.gutterWidth(), layout.headerHeight(), LadderPalette.GRID, 1,
                false);
        gutter.line(layout.gutterWidth(), rowTop, layout.gutterWidth(), lifelineEnd, LadderPalette.GRID, 1, false);
        gutterHead.text(layout.gutterTitle());
        gutterHead.text(layout.gutterSubtitle());
        for (LadderRow row : layout.rowsInSlots(first, end)) {
            gutter.text(row.time());
            gutter.text(row.delta());
        }
        for (StreamRow row : layout.streamRowsInSlots(first, end)) {
            gutter.text(row.time());
            gutter.text(row.delta());
        }
        page.advance((float) (height * scale));
    }

    /** Draws {@code d} with everything outside x in [from, to) cut off. */
    private void clipped(float from, float to, Runnable d) {
        PDPageContentStream cs = page.content();
        try {
            cs.saveGraphicsState();
            cs.addRect(from, 0, to - from, page.pageHeight());
            cs.clip();
            d.run();
            cs.restoreGraphicsState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drawRow(Canvas c, LadderRow row, LadderParts.Part part) {
        LadderArrow a = row.arrow();
        c.polyline(a.shaft(), a.colour(), a.lineWidth(), a.dashed());
        c.polygon(a.head(), a.colour());
        double from = a.shaft().stream().mapToDouble(Point::x).min().orElse(0);
        double to = a.shaft().stream().mapToDouble(Point::x).max().orElse(0);
        Box labelBox = a.label().bounds().grow(3);
        if (a.badge() != null) {
            labelBox = new Box(labelBox.x(), labelBox.y(), Math.max(labelBox.maxX(), a.badgeBox().maxX()) - labelBox.x(),
                    labelBox.height());
        }
        double dx = intoPart(labelBox, from, to, part);
        if (a.labelTint() != null) {
            c.roundRect(moved(a.label().bounds().grow(3), dx), 3, a.labelTint(), null);
        }
        c.text(moved(a.label(), dx));
        if (a.badge() != null) {
            c.roundRect(moved(a.badgeBox(), dx), 3, LadderPalette.SDP_BADGE, null);
            c.text(moved(a.badge(), dx));
        }
        if (a.detail() != null) {
            c.text(moved(a.detail(), intoPart(a.detail().bounds(), from, to, part)));
        }
    }

    /**
     * How far to move an arrow's text, which sits over the middle of its arrow, so that a part whose edge cuts it shows
     * it whole: an arrow that runs on past the edge gets its text just inside it, in each part it crosses, and one that
     * crosses the whole part gets it in the middle.
     */
    private static double intoPart(Box text, double arrowFrom, double arrowTo, LadderParts.Part part) {
        double pad = 6;
        boolean outside = text.maxX() <= part.fromX() || text.x() >= part.toX();
        if (outside && arrowFrom < part.fromX() && arrowTo > part.toX()) {
            return (part.fromX() + part.toX()) / 2 - text.centerX();
        }
        if (text.x() < part.fromX() && text.maxX() > part.fromX() && arrowFrom < part.fromX()) {
            return Math.min(part.fromX() + pad, arrowTo) - text.x();
        }
        if (text.x() < part.toX() && text.maxX() > part.toX() && arrowTo > part.toX()) {
            return Math.max(part.toX() - pad, arrowFrom) - text.maxX();
        }
        return 0;
    }

    private static LadderText moved(LadderText t, double dx) {
        return dx == 0 ? t : new LadderText(t.text(), t.anchorX() + dx, t.baseline(), t.fontSize(), t.mono(),
                t.anchor(), t.width(), t.colour());
    }

    private static Box moved(Box b, double dx) {
        return new Box(b.x() + dx, b.y(), b.width(), b.height());
    }

    private void drawStream(Canvas c, StreamRow row) {
        StreamArrow a = row.arrow();
        c.polyline(a.shaft(), a.colour(), a.lineWidth(),
                new float[] {(float) StreamArrow.DASH * c.scale, (float) StreamArrow.GAP * c.scale});
        c.polygon(a.head(), a.colour());
        for (Box b : a.backdrops()) {
            c.rect(b.x(), b.y(), b.width(), b.height(), LadderPalette.BACKGROUND);
        }
        if (a.warning()) {
            c.polygon(a.warningMark(), LadderPalette.WARNING);
            c.text(a.warningSign());
        }
        c.text(a.label());
        c.text(a.detail());
    }

    /** Maps layout coordinates (y down, rows shifted up by {@code shift}) to the PDF page and draws. */
    private final class Canvas {
        private final PDPageContentStream cs;
        private final float left;
        private final float top;
        private final float scale;
        private final float pageHeight;
        private final double shift;

        Canvas(PDPageContentStream cs, float left, float top, float scale, float pageHeight, double shift) {
            this.cs = cs;
            this.left = left;
            this.top = top;
            this.scale = scale;
            this.pageHeight = pageHeight;
            this.shift = shift;
        }

        float x(double lx) {
            return left + (float) lx * scale;
        }

        float y(double ly) {
            return pageHeight - (top + (float) (ly - shift) * scale);
        }

        void rect(double x, double y, double w, double h, Rgb fill) {
            run(() -> {
                cs.setNonStrokingColor(colour(fill));
                cs.addRect(x(x), y(y + h), (float) w * scale, (float) h * scale);
                cs.fill();
            });
        }

        void roundRect(Box b, double radius, Rgb fill, Rgb stroke) {
            run(() -> {
                float r = (float) radius * scale;
                float x0 = x(b.x());
                float x1 = x(b.maxX());
                float y0 = y(b.maxY());
                float y1 = y(b.y());
                float k = r * 0.4477f;
                cs.moveTo(x0 + r, y0);
                cs.lineTo(x1 - r, y0);
                cs.curveTo(x1 - k, y0, x1, y0 + k, x1, y0 + r);
                cs.lineTo(x1, y1 - r);
                cs.curveTo(x1, y1 - k, x1 - k, y1, x1 - r, y1);
                cs.lineTo(x0 + r, y1);
                cs.curveTo(x0 + k, y1, x0, y1 - k, x0, y1 - r);
                cs.lineTo(x0, y0 + r);
                cs.curveTo(x0, y0 + k, x0 + k, y0, x0 + r, y0);
                cs.closePath();
                cs.setNonStrokingColor(colour(fill));
                if (stroke != null) {
                    cs.setStrokingColor(colour(stroke));
                    cs.setLineWidth(0.8f * scale);
                    cs.fillAndStroke();
                } else {
                    cs.fill();
                }
            });
        }

        void line(double x1, double y1, double x2, double y2, Rgb stroke, double width, boolean dashed) {
            polyline(List.of(new Point(x1, y1), new Point(x2, y2)), stroke, width, dashed);
        }

        void polyline(List<Point> points, Rgb stroke, double width, boolean dashed) {
            polyline(points, stroke, width, dashed ? new float[] {5 * scale, 3 * scale} : new float[0]);
        }

        void polyline(List<Point> points, Rgb stroke, double width, float[] dashes) {
            run(() -> {
                cs.setStrokingColor(colour(stroke));
                cs.setLineWidth((float) width * scale);
                cs.setLineDashPattern(dashes, 0);
                cs.moveTo(x(points.get(0).x()), y(points.get(0).y()));
                for (Point p : points.subList(1, points.size())) {
                    cs.lineTo(x(p.x()), y(p.y()));
                }
                cs.stroke();
                cs.setLineDashPattern(new float[0], 0);
            });
        }

        void polygon(List<Point> points, Rgb fill) {
            run(() -> {
                cs.setNonStrokingColor(colour(fill));
                cs.moveTo(x(points.get(0).x()), y(points.get(0).y()));
                for (Point p : points.subList(1, points.size())) {
                    cs.lineTo(x(p.x()), y(p.y()));
                }
                cs.closePath();
                cs.fill();
            });
        }

        /** Draws a layout text where the layout put it; the anchor is re-applied with the PDF font's width. */
        void text(LadderText t) {
            if (t == null || t.text().isEmpty()) {
                return;
            }
            ReportFonts fonts = page.fonts();
            TextStyle style = new TextStyle(t.mono() ? fonts.mono() : fonts.regular(), (float) t.fontSize() * scale,
                    colour(t.colour()), 0);
            float width = fonts.width(style.font(), t.text(), style.size());
            float anchor = x(t.anchorX());
            float x = switch (t.anchor()) {
                case START -> anchor;
                case MIDDLE -> anchor - width / 2;
                case END -> anchor - width;
            };
            page.text(t.text(), style, x, pageHeight - y(t.baseline()));
        }

        private void run(Drawing d) {
            try {
                d.draw();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @FunctionalInterface
    private interface Drawing {
        void draw() throws IOException;
    }

    static Color colour(Rgb rgb) {
        return new Color(rgb.red(), rgb.green(), rgb.blue());
    }
}
