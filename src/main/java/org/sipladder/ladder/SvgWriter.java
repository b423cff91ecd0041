package org.sipladder.ladder;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;

/** Writes a ladder layout as a standalone SVG document: the same geometry the canvas and PDF draw. */
public final class SvgWriter {

    private static final String SANS = "'DejaVu Sans', Verdana, Arial, sans-serif";
    private static final String MONO = "'DejaVu Sans Mono', Menlo, Consolas, monospace";

    /** Writes the whole ladder; rows of the given frames get the highlight band. */
    public void write(LadderLayout layout, Set<Long> highlightedFrames, Writer out) throws IOException {
        String w = num(layout.width());
        String h = num(layout.height());
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
                + "\" viewBox=\"0 0 " + w + " " + h + "\" font-family=\"" + SANS + "\">\n");
        out.write("<title>" + escape("SIP ladder of " + layout.flow().id()) + "</title>\n");
        out.write(rect(0, 0, layout.width(), layout.height(), LadderPalette.BACKGROUND, 0));
        out.write(rect(0, 0, layout.gutterWidth(), layout.height(), LadderPalette.GUTTER, 0));
        out.write(line(layout.gutterWidth() - 0.5, 0, layout.gutterWidth() - 0.5, layout.height(), LadderPalette.GRID,
                1, false));
        out.write(line(0, layout.headerHeight() - 0.5, layout.width(), layout.headerHeight() - 0.5, LadderPalette.GRID,
                1, false));
        for (LadderRow row : layout.rows()) {
            if (highlightedFrames.contains(row.message().message().frame())) {
                Box b = row.bounds();
                out.write(rect(b.x(), b.y(), b.width(), b.height(), LadderPalette.MARKED, 0));
                out.write(rect(0, b.y(), 4, b.height(), LadderPalette.MARKED_EDGE, 0));
            }
        }
        writeHeader(layout, out);
        for (LadderRow row : layout.rows()) {
            writeRow(row, out);
        }
        for (StreamRow row : layout.streamRows()) {
            writeStream(row, out);
        }
        out.write("</svg>\n");
    }

    private void writeHeader(LadderLayout layout, Writer out) throws IOException {
        out.write(text(layout.gutterTitle()));
        out.write(text(layout.gutterSubtitle()));
        for (LadderColumn c : layout.columns()) {
            Box b = c.header();
            out.write(line(c.x(), b.maxY(), c.x(), layout.lifelineBottom(), LadderPalette.LIFELINE, 1.2, false));
            out.write("<rect x=\"" + num(b.x() + 0.5) + "\" y=\"" + num(b.y() + 0.5) + "\" width=\""
                    + num(b.width() - 1) + "\" height=\"" + num(b.height() - 1) + "\" rx=\"4\" fill=\""
                    + LadderPalette.HEADER_FILL.hex() + "\" stroke=\"" + LadderPalette.HEADER_BORDER.hex() + "\"/>\n");
            out.write(text(c.title()));
            out.write(text(c.subtitle()));
        }
    }

    private void writeRow(LadderRow row, Writer out) throws IOException {
        LadderArrow a = row.arrow();
        out.write("<g id=\"m" + row.index() + "\" data-frame=\"" + row.message().message().frame() + "\">\n");
        out.write(text(row.time()));
        out.write(text(row.delta()));
        out.write("<polyline fill=\"none\" stroke=\"" + a.colour().hex() + "\" stroke-width=\"" + num(a.lineWidth())
                + "\"" + (a.dashed() ? " stroke-dasharray=\"6 4\"" : "") + " points=\"" + points(a.shaft()) + "\"/>\n");
        out.write("<polygon fill=\"" + a.colour().hex() + "\" points=\"" + points(a.head()) + "\"/>\n");
        if (a.labelTint() != null) {
            Box pill = a.label().bounds().grow(3);
            out.write("<rect x=\"" + num(pill.x()) + "\" y=\"" + num(pill.y()) + "\" width=\"" + num(pill.width())
                    + "\" height=\"" + num(pill.height()) + "\" rx=\"3\" fill=\"" + a.labelTint().hex() + "\"/>\n");
        }
        out.write(text(a.label()));
        if (a.badge() != null) {
            Box b = a.badgeBox();
            out.write("<rect x=\"" + num(b.x()) + "\" y=\"" + num(b.y()) + "\" width=\"" + num(b.width())
                    + "\" height=\"" + num(b.height()) + "\" rx=\"3\" fill=\"" + LadderPalette.SDP_BADGE.hex() + "\"/>\n");
            out.write(text(a.badge()));
        }
        out.write(text(a.detail()));
        out.write("</g>\n");
    }

    private void writeStream(StreamRow row, Writer out) throws IOException {
        StreamArrow a = row.arrow();
        out.write("<g id=\"s" + row.stream().id() + "\" class=\"media-stream\">\n");
        out.write(text(row.time()));
        out.write(text(row.delta()));
        out.write("<polyline fill=\"none\" stroke=\"" + a.colour().hex() + "\" stroke-width=\"" + num(a.lineWidth())
                + "\" stroke-dasharray=\"" + num(StreamArrow.DASH) + " " + num(StreamArrow.GAP) + "\" points=\""
                + points(a.shaft()) + "\"/>\n");
        out.write("<polygon fill=\"" + a.colour().hex() + "\" points=\"" + points(a.head()) + "\"/>\n");
        for (Box b : a.backdrops()) {
            out.write(rect(b.x(), b.y(), b.width(), b.height(), LadderPalette.BACKGROUND, 0));
        }
        if (a.warning()) {
            out.write("<polygon class=\"warning\" fill=\"" + LadderPalette.WARNING.hex() + "\" points=\""
                    + points(a.warningMark()) + "\"/>\n");
            out.write(text(a.warningSign()));
        }
        out.write(text(a.label()));
        out.write(text(a.detail()));
        out.write("</g>\n");
    }

    private static String text(LadderText t) {
        String anchor = switch (t.anchor()) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        return "<text x=\"" + num(t.anchorX()) + "\" y=\"" + num(t.baseline()) + "\" font-size=\"" + num(t.fontSize())
                + "\" text-anchor=\"" + anchor + "\" fill=\"" + t.colour().hex() + "\""
                + (t.mono() ? " font-family=\"" + MONO + "\"" : "") + ">" + escape(t.text()) + "</text>\n";
    }

    private static String rect(double x, double y, double w, double h, Rgb fill, double radius) {
        return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\""
                + (radius > 0 ? " rx=\"" + num(radius) + "\"" : "") + " fill=\"" + fill.hex() + "\"/>\n";
    }

    private static String line(double x1, double y1, double x2, double y2, Rgb stroke, double width, boolean dashed) {
        return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2)
                + "\" stroke=\"" + stroke.hex() + "\" stroke-width=\"" + num(width) + "\""
                + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
    }

    private static String points(List<Point> points) {
        StringBuilder sb = new StringBuilder();
        for (Point p : points) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(num(p.x())).append(',').append(num(p.y()));
        }
        return sb.toString();
    }

    /** Two decimals at most, never in exponent notation. */
    static String num(double v) {
        long hundredths = Math.round(v * 100);
        String sign = hundredths < 0 ? "-" : "";
        long abs = Math.abs(hundredths);
        long fraction = abs % 100;
        if (fraction == 0) {
            return sign + abs / 100;
        }
        return sign + abs / 100 + "." + (fraction < 10 ? "0" + fraction : fraction % 10 == 0 ? fraction / 10 : fraction);
    }

    /** XML text escaping; characters XML 1.0 forbids (controls from a malformed capture) become U+FFFD. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF
                        ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
