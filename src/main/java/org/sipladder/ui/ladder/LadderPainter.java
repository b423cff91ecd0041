package org.sipladder.ui.ladder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.sipladder.ladder.Box;
import org.sipladder.ladder.LadderArrow;
import org.sipladder.ladder.LadderColumn;
import org.sipladder.ladder.LadderLayout;
import org.sipladder.ladder.LadderPalette;
import org.sipladder.ladder.LadderRow;
import org.sipladder.ladder.LadderText;
import org.sipladder.ladder.Point;
import org.sipladder.ladder.Rgb;
import org.sipladder.ladder.StreamArrow;
import org.sipladder.ladder.StreamRow;

/**
 * Draws a ladder layout on a canvas, only the rows in view: rows, then the time gutter, then the
 * header on top. It reads the layout and the marks and changes neither.
 */
final class LadderPainter {

    private static final double[] DASHES = {6, 4};
    private static final double MARK_BAR = 4;

    private final LadderFonts fonts;
    private final Map<Rgb, Color> colours = new HashMap<>();
    private boolean dark;

    LadderPainter(LadderFonts fonts) {
        this.fonts = fonts;
    }

    /** Paints on a dark background with colours lifted to stay readable on it (the dark theme). */
    void setDark(boolean darkTheme) {
        if (dark != darkTheme) {
            dark = darkTheme;
            colours.clear();
        }
    }

    /** The colour a layout colour is painted in under the current theme. */
    Color fx(Rgb rgb) {
        return colours.computeIfAbsent(rgb, c -> dark ? DarkColours.of(c) : light(c));
    }

    void paint(GraphicsContext g, LadderLayout layout, Viewport vp, Marks marks) {
        g.save();
        g.setFill(fx(LadderPalette.BACKGROUND));
        g.fillRect(0, 0, vp.width(), vp.height());
        double top = vp.scrollY() + (vp.pinned() ? layout.headerHeight() : 0);
        double bottom = vp.scrollY() + vp.visibleLayoutHeight();
        List<LadderRow> rows = layout.rowsBetween(top, bottom);
        List<StreamRow> streams = layout.streamRowsBetween(top, bottom);
        g.scale(vp.zoom(), vp.zoom());

        g.save();
        g.translate(-vp.scrollX(), -vp.scrollY());
        paintBands(g, layout, rows, marks);
        paintLifelines(g, layout, top, bottom);
        for (LadderRow row : rows) {
            paintArrow(g, row.arrow());
        }
        for (StreamRow stream : streams) {
            paintStream(g, stream.arrow());
        }
        g.restore();

        g.save();
        g.translate(vp.pinned() ? 0 : -vp.scrollX(), -vp.scrollY());
        paintGutter(g, layout, rows, marks, top, bottom);
        for (StreamRow stream : streams) {
            text(g, stream.time());
            text(g, stream.delta());
        }
        g.restore();

        g.save();
        g.translate(-vp.scrollX(), vp.pinned() ? 0 : -vp.scrollY());
        paintHeader(g, layout, vp);
        g.restore();

        g.save();
        g.translate(vp.pinned() ? 0 : -vp.scrollX(), vp.pinned() ? 0 : -vp.scrollY());
        paintCorner(g, layout);
        g.restore();
        g.restore();
    }

    private void paintBands(GraphicsContext g, LadderLayout layout, List<LadderRow> rows, Marks marks) {
        for (LadderRow row : rows) {
            boolean selected = row.index() == marks.selected();
            boolean marked = marks.highlighted().get(row.index());
            if (!selected && !marked) {
                continue;
            }
            Box b = row.bounds();
            g.setFill(fx(selected ? LadderPalette.SELECTION : LadderPalette.MARKED));
            g.fillRect(b.x(), b.y(), layout.width(), b.height());
            if (selected) {
                g.setStroke(fx(LadderPalette.SELECTION_EDGE));
                g.setLineWidth(marks.focused() ? 1.2 : 0.6);
                g.strokeLine(b.x(), b.y() + 0.5, layout.width(), b.y() + 0.5);
                g.strokeLine(b.x(), b.maxY() - 0.5, layout.width(), b.maxY() - 0.5);
            }
        }
    }

    private void paintLifelines(GraphicsContext g, LadderLayout layout, double top, double bottom) {
        double end = Math.min(bottom, layout.lifelineBottom());
        g.setStroke(fx(LadderPalette.LIFELINE));
        g.setLineWidth(1.2);
        for (LadderColumn column : layout.columns()) {
            g.strokeLine(column.x(), Math.max(top, layout.headerHeight()), column.x(), end);
        }
    }

    private void paintArrow(GraphicsContext g, LadderArrow arrow) {
        g.setStroke(fx(arrow.colour()));
        g.setFill(fx(arrow.colour()));
        g.setLineWidth(arrow.lineWidth());
        g.setLineDashes(arrow.dashed() ? DASHES : null);
        stroke(g, arrow.shaft());
        g.setLineDashes((double[]) null);
        fill(g, arrow.head());
        if (arrow.labelTint() != null) {
            Box pill = arrow.label().bounds().grow(3);
            g.setFill(fx(arrow.labelTint()));
            g.fillRoundRect(pill.x(), pill.y(), pill.width(), pill.height(), 6, 6);
        }
        text(g, arrow.label());
        if (arrow.badge() != null) {
            Box box = arrow.badgeBox();
            g.setFill(fx(LadderPalette.SDP_BADGE));
            g.fillRoundRect(box.x(), box.y(), box.width(), box.height(), 6, 6);
            text(g, arrow.badge());
        }
        text(g, arrow.detail());
    }

    /** A media stream: thick dashed shaft in the media colour, a head, a warning mark when due. */
    private void paintStream(GraphicsContext g, StreamArrow arrow) {
        g.setStroke(fx(arrow.colour()));
        g.setFill(fx(arrow.colour()));
        g.setLineWidth(arrow.lineWidth());
        g.setLineDashes(StreamArrow.DASH, StreamArrow.GAP);
        stroke(g, arrow.shaft());
        g.setLineDashes((double[]) null);
        fill(g, arrow.head());
        g.setFill(fx(LadderPalette.BACKGROUND));
        for (Box b : arrow.backdrops()) {
            g.fillRect(b.x(), b.y(), b.width(), b.height());
        }
        if (arrow.warning()) {
            g.setFill(fx(LadderPalette.WARNING));
            fill(g, arrow.warningMark());
            text(g, arrow.warningSign());
        }
        text(g, arrow.label());
        text(g, arrow.detail());
    }

    private static void stroke(GraphicsContext g, List<Point> points) {
        g.strokePolyline(xs(points), ys(points), points.size());
    }

    private static void fill(GraphicsContext g, List<Point> points) {
        g.fillPolygon(xs(points), ys(points), points.size());
    }

    private static double[] xs(List<Point> points) {
        return points.stream().mapToDouble(Point::x).toArray();
    }

    private static double[] ys(List<Point> points) {
        return points.stream().mapToDouble(Point::y).toArray();
    }

    private void paintGutter(GraphicsContext g, LadderLayout layout, List<LadderRow> rows, Marks marks, double top,
                             double bottom) {
        double w = layout.gutterWidth();
        g.setFill(fx(LadderPalette.GUTTER));
        g.fillRect(0, top, w, bottom - top);
        g.setStroke(fx(LadderPalette.GRID));
        g.setLineWidth(1);
        g.strokeLine(w - 0.5, top, w - 0.5, bottom);
        for (LadderRow row : rows) {
            Box b = row.bounds();
            boolean selected = row.index() == marks.selected();
            if (selected || marks.highlighted().get(row.index())) {
                g.setFill(fx(selected ? LadderPalette.SELECTION : LadderPalette.MARKED));
                g.fillRect(0, b.y(), w - 1, b.height());
                g.setFill(fx(selected ? LadderPalette.SELECTION_EDGE : LadderPalette.MARKED_EDGE));
                g.fillRect(0, b.y(), MARK_BAR, b.height());
            }
            text(g, row.time());
            text(g, row.delta());
        }
    }

    private void paintHeader(GraphicsContext g, LadderLayout layout, Viewport vp) {
        double h = layout.headerHeight();
        g.setFill(fx(LadderPalette.BACKGROUND));
        g.fillRect(vp.scrollX(), 0, Math.max(layout.width(), vp.scrollX() + vp.visibleLayoutWidth()), h);
        g.setStroke(fx(LadderPalette.GRID));
        g.setLineWidth(1);
        g.strokeLine(vp.scrollX(), h - 0.5, vp.scrollX() + vp.visibleLayoutWidth(), h - 0.5);
        for (LadderColumn column : layout.columns()) {
            Box b = column.header();
            g.setStroke(fx(LadderPalette.LIFELINE));
            g.setLineWidth(1.2);
            g.strokeLine(column.x(), b.maxY(), column.x(), h);
            g.setFill(fx(LadderPalette.HEADER_FILL));
            g.fillRoundRect(b.x(), b.y(), b.width(), b.height(), 8, 8);
            g.setStroke(fx(LadderPalette.HEADER_BORDER));
            g.setLineWidth(1);
            g.strokeRoundRect(b.x() + 0.5, b.y() + 0.5, b.width() - 1, b.height() - 1, 8, 8);
            text(g, column.title());
            text(g, column.subtitle());
        }
    }

    private void paintCorner(GraphicsContext g, LadderLayout layout) {
        g.setFill(fx(LadderPalette.GUTTER));
        g.fillRect(0, 0, layout.gutterWidth(), layout.headerHeight());
        g.setStroke(fx(LadderPalette.GRID));
        g.setLineWidth(1);
        g.strokeLine(layout.gutterWidth() - 0.5, 0, layout.gutterWidth() - 0.5, layout.headerHeight());
        g.strokeLine(0, layout.headerHeight() - 0.5, layout.gutterWidth(), layout.headerHeight() - 0.5);
        text(g, layout.gutterTitle());
        text(g, layout.gutterSubtitle());
    }

    private void text(GraphicsContext g, LadderText t) {
        g.setFont(fonts.font(t.fontSize(), t.mono()));
        g.setFill(fx(t.colour()));
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(switch (t.anchor()) {
            case START -> TextAlignment.LEFT;
            case MIDDLE -> TextAlignment.CENTER;
            case END -> TextAlignment.RIGHT;
        });
        g.fillText(t.text(), t.anchorX(), t.baseline());
    }

    private static Color light(Rgb rgb) {
        return Color.rgb(rgb.red(), rgb.green(), rgb.blue());
    }
}
