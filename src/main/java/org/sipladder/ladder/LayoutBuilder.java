package org.sipladder.ladder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.sip.SipMessage;

/**
 * Computes a {@link LadderLayout}: measure every text, space the columns, then place each row; media streams
 * get rows of their own among the messages, at the time of their first packet.
 */
final class LayoutBuilder {

    static final double HEADER_TOP = 8;
    static final double HEADER_PAD_X = 12;
    static final double TITLE_GAP = 14;
    static final double GUTTER_PAD = 10;

    private final CallFlow flow;
    private final LadderStyle style;
    private final TextFitter fitter;
    private final TimeTexts times;
    private final ArrowGeometry arrows;
    private final List<LadderStream> streams;
    private final StreamGeometry streamGeometry;

    LayoutBuilder(CallFlow flow, LadderStyle style) {
        this(flow, List.of(), style);
    }

    LayoutBuilder(CallFlow flow, List<LadderStream> streams, LadderStyle style) {
        this.flow = flow;
        this.streams = streams.stream().sorted(Comparator.comparingLong(LadderStream::firstMicros)).toList();
        this.style = style;
        this.fitter = new TextFitter(style.measure(), style.labelFontSize());
        this.times = new TimeTexts(style.zone());
        this.arrows = new ArrowGeometry(style);
        this.streamGeometry = new StreamGeometry(style, fitter);
    }

    LadderLayout build() {
        ColumnOrder order = ColumnOrder.of(flow, streams);
        List<FlowMessage> messages = flow.messages();
        int n = messages.size();
        int[] from = new int[n];
        int[] to = new int[n];
        ArrowTexts[] texts = new ArrowTexts[n];
        for (int i = 0; i < n; i++) {
            SipMessage m = messages.get(i).message();
            from[i] = order.indexOf(m.src());
            to[i] = order.indexOf(m.dst());
            texts[i] = ArrowTexts.of(messages.get(i), style, fitter);
        }
        StreamSpans spans = new StreamSpans(order);
        List<String[]> titles = order.hops().stream().map(this::fittedTitles).toList();
        double[] headerWidths = titles.stream().mapToDouble(this::headerWidth).toArray();
        Gutter gutter = gutter(messages);
        double[] xs = columnPositions(order.hops().size(), headerWidths, from, to, texts, spans, gutter.width());
        spans.refit(xs);
        List<LadderColumn> columns = columns(order.hops(), titles, headerWidths, xs);
        double width = width(xs, headerWidths, from, to, texts, spans, gutter.width());
        List<LadderRow> rows = new ArrayList<>(n);
        List<StreamRow> streamRows = new ArrayList<>(streams.size());
        long previous = n == 0 ? 0 : messages.get(0).message().timestampMicros();
        long start = previous;
        int slot = 0;
        int nextStream = 0;
        for (int i = 0; i < n; i++) {
            FlowMessage fm = messages.get(i);
            long t = fm.message().timestampMicros();
            while (nextStream < streams.size() && streams.get(nextStream).firstMicros() < t) {
                streamRows.add(streamRow(spans, nextStream++, slot++, xs, width, gutter));
            }
            Box band = new Box(0, rowTop(slot++), width, style.rowHeight());
            double y = band.y() + style.rowHeight() / 2 + 1;
            String clock = style.relativeTime() ? TimeTexts.sinceStart(t - start) : times.clock(t);
            LadderText time = text(clock, gutter.width() - GUTTER_PAD, y - 3, style.gutterFontSize(),
                    true, LadderText.Anchor.END, LadderPalette.TEXT);
            String deltaText = i == 0 ? "start" : TimeTexts.delta(t - previous);
            LadderText delta = text(deltaText, gutter.width() - GUTTER_PAD, y + 11, style.detailFontSize(), true,
                    LadderText.Anchor.END, LadderPalette.MUTED_TEXT);
            rows.add(new LadderRow(i, fm, band, time, delta,
                    arrows.arrow(fm, texts[i], from[i], to[i], xs[from[i]], xs[to[i]], y)));
            previous = t;
        }
        while (nextStream < streams.size()) {
            streamRows.add(streamRow(spans, nextStream++, slot++, xs, width, gutter));
        }
        double height = style.headerHeight() + slot * style.rowHeight() + style.margin();
        return new LadderLayout(flow, style, columns, rows, streamRows, gutter.width(), width, height, gutter.title(),
                gutter.subtitle());
    }

    private StreamRow streamRow(StreamSpans spans, int index, int slot, double[] xs, double width, Gutter gutter) {
        LadderStream stream = streams.get(index);
        Box band = new Box(0, rowTop(slot), width, style.rowHeight());
        double y = band.y() + style.rowHeight() / 2 + 1;
        LadderText time = text(times.clock(stream.firstMicros()), gutter.width() - GUTTER_PAD, y - 3,
                style.gutterFontSize(), true, LadderText.Anchor.END, LadderPalette.MEDIA);
        LadderText duration = text(duration(stream), gutter.width() - GUTTER_PAD, y + 11, style.detailFontSize(), true,
                LadderText.Anchor.END, LadderPalette.MUTED_TEXT);
        int from = spans.from[index];
        int to = spans.to[index];
        return new StreamRow(slot, stream, band, time, duration,
                streamGeometry.arrow(spans.texts[index], from, to, xs[from], xs[to], y));
    }

    /** "for 30.020 s": how long a stream lasted, in the gutter where a message has its gap. */
    private static String duration(LadderStream stream) {
        return "for " + TimeTexts.delta(stream.lastMicros() - stream.firstMicros()).substring(1);
    }

    /** Columns and measured texts of every stream. */
    private final class StreamSpans {
        final int[] from = new int[streams.size()];
        final int[] to = new int[streams.size()];
        final StreamGeometry.Texts[] texts = new StreamGeometry.Texts[streams.size()];

        StreamSpans(ColumnOrder order) {
            for (int i = 0; i < texts.length; i++) {
                LadderStream s = streams.get(i);
                from[i] = order.indexOfMedia(s.from(), s.to());
                to[i] = order.indexOfMedia(s.to(), s.from());
                texts[i] = streamGeometry.texts(streams.get(i));
            }
        }

        /** Gives each stream between placed columns the room between them, where it is more than a label may take. */
        void refit(double[] xs) {
            for (int i = 0; i < texts.length; i++) {
                double room = Math.abs(xs[to[i]] - xs[from[i]]) - 2 * style.labelPadding();
                if (from[i] != to[i] && room > style.maxLabelWidth()) {
                    texts[i] = streamGeometry.texts(streams.get(i), room);
                }
            }
        }
    }

    private double rowTop(int index) {
        return style.headerHeight() + index * style.rowHeight();
    }

    private String[] fittedTitles(Hop hop) {
        String[] t = ColumnTitles.of(hop);
        return new String[] {fitter.fit(t[0], style.titleFontSize(), false, style.maxLabelWidth()),
            fitter.fit(t[1], style.gutterFontSize(), true, style.maxLabelWidth())};
    }

    private double headerWidth(String[] title) {
        return Math.max(fitter.width(title[0], style.titleFontSize(), false),
                fitter.width(title[1], style.gutterFontSize(), true)) + 2 * HEADER_PAD_X;
    }

    private double[] columnPositions(int count, double[] headerWidths, int[] from, int[] to, ArrowTexts[] texts,
                                     StreamSpans spans, double gutterWidth) {
        ColumnSpacing spacing = new ColumnSpacing(count, style.minColumnGap());
        for (int c = 0; c + 1 < count; c++) {
            spacing.requireGap(c, (headerWidths[c] + headerWidths[c + 1]) / 2 + TITLE_GAP);
        }
        for (int i = 0; i < from.length; i++) {
            if (from[i] == to[i]) {
                spacing.requireRightOf(from[i], arrows.selfArrowReach(texts[i]));
            } else {
                spacing.requireSpan(from[i], to[i], texts[i].contentWidth() + 2 * style.labelPadding());
            }
        }
        for (int i = 0; i < spans.texts.length; i++) {
            if (spans.from[i] == spans.to[i]) {
                spacing.requireRightOf(spans.from[i], streamGeometry.selfReach(spans.texts[i]));
            } else {
                spacing.requireSpan(spans.from[i], spans.to[i], spans.texts[i].contentWidth() + 2 * style.labelPadding());
            }
        }
        double[] gaps = spacing.solve();
        double[] xs = new double[count];
        for (int c = 0; c < count; c++) {
            xs[c] = c == 0 ? gutterWidth + style.margin() + headerWidths[0] / 2 : xs[c - 1] + gaps[c - 1];
        }
        return xs;
    }

    private double width(double[] xs, double[] headerWidths, int[] from, int[] to, ArrowTexts[] texts,
                         StreamSpans spans, double gutterWidth) {
        int last = xs.length - 1;
        if (last < 0) {
            return gutterWidth + 2 * style.margin();
        }
        double right = headerWidths[last] / 2;
        for (int i = 0; i < from.length; i++) {
            if (from[i] == last && to[i] == last) {
                right = Math.max(right, arrows.selfArrowReach(texts[i]));
            }
        }
        for (int i = 0; i < spans.texts.length; i++) {
            if (spans.from[i] == last && spans.to[i] == last) {
                right = Math.max(right, streamGeometry.selfReach(spans.texts[i]));
            }
        }
        return xs[last] + right + style.margin();
    }

    private List<LadderColumn> columns(List<Hop> hops, List<String[]> titles, double[] headerWidths,
                                       double[] xs) {
        List<LadderColumn> columns = new ArrayList<>(hops.size());
        double boxHeight = style.headerHeight() - 2 * HEADER_TOP;
        for (int c = 0; c < hops.size(); c++) {
            String[] t = titles.get(c);
            double titleBaseline = HEADER_TOP + boxHeight / 2 - 1;
            LadderText title = text(t[0], xs[c], titleBaseline, style.titleFontSize(), false,
                    LadderText.Anchor.MIDDLE, LadderPalette.TEXT);
            LadderText subtitle = text(t[1], xs[c], titleBaseline + style.gutterFontSize() + 4,
                    style.gutterFontSize(), true, LadderText.Anchor.MIDDLE, LadderPalette.MUTED_TEXT);
            Box header = new Box(xs[c] - headerWidths[c] / 2, HEADER_TOP, headerWidths[c], boxHeight);
            columns.add(new LadderColumn(c, hops.get(c), xs[c], title, subtitle, header));
        }
        return List.copyOf(columns);
    }

    private Gutter gutter(List<FlowMessage> messages) {
        String zone = style.zone().getId().equals("Z") ? "UTC" : style.zone().getId();
        String titleText = style.relativeTime() ? "Seconds from start" : "Time (" + zone + ")";
        String dateText = messages.isEmpty() ? "" : times.date(messages.get(0).message().timestampMicros());
        double widest = Math.max(fitter.width(titleText, style.titleFontSize(), false),
                fitter.width(dateText, style.gutterFontSize(), true));
        widest = Math.max(widest, fitter.width("00:00:00.000", style.gutterFontSize(), true));
        long previous = messages.isEmpty() ? 0 : messages.get(0).message().timestampMicros();
        String longestDelta = "start";
        for (FlowMessage fm : messages) {
            String d = TimeTexts.delta(fm.message().timestampMicros() - previous);
            if (d.length() > longestDelta.length()) {
                longestDelta = d;
            }
            previous = fm.message().timestampMicros();
        }
        for (LadderStream stream : streams) {
            String d = duration(stream);
            if (d.length() > longestDelta.length()) {
                longestDelta = d;
            }
        }
        widest = Math.max(widest, fitter.width(longestDelta, style.detailFontSize(), true));
        double width = widest + 2 * GUTTER_PAD;
        double boxHeight = style.headerHeight() - 2 * HEADER_TOP;
        double baseline = HEADER_TOP + boxHeight / 2 - 1;
        LadderText title = text(titleText, width - GUTTER_PAD, baseline, style.titleFontSize(), false,
                LadderText.Anchor.END, LadderPalette.TEXT);
        LadderText subtitle = text(dateText, width - GUTTER_PAD, baseline + style.gutterFontSize() + 4,
                style.gutterFontSize(), true, LadderText.Anchor.END, LadderPalette.MUTED_TEXT);
        return new Gutter(width, title, subtitle);
    }

    private LadderText text(String s, double x, double baseline, double size, boolean mono, LadderText.Anchor anchor,
                            Rgb colour) {
        return new LadderText(s, x, baseline, size, mono, anchor, fitter.width(s, size, mono), colour);
    }

    private record Gutter(double width, LadderText title, LadderText subtitle) {
    }
}
