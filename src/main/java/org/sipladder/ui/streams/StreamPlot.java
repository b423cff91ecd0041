package org.sipladder.ui.streams;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.media.StreamSeries;

/**
 * A stream's jitter and loss per second (per longer interval for a long stream: {@link StreamSeries}) from its first
 * packet, as plain numbers for a chart. A second without packets has no jitter and no loss to show: its values are
 * NaN, and the chart leaves a gap there (as Wireshark's RTP player does) instead of a drop to 0.
 *
 * @param seconds     start of each interval, seconds from the first packet
 * @param jitterMs    interarrival jitter at the end of each interval
 * @param maxJitterMs the highest jitter within each interval
 * @param lossPercent packets lost in each interval, as a share of those expected
 */
public record StreamPlot(double[] seconds, double[] jitterMs, double[] maxJitterMs, double[] lossPercent) {

    public static final StreamPlot EMPTY = new StreamPlot(new double[0], new double[0], new double[0], new double[0]);

    public static StreamPlot of(StreamSeries series) {
        int n = series.length();
        double[] seconds = new double[n];
        double[] jitter = new double[n];
        double[] maxJitter = new double[n];
        double[] loss = new double[n];
        double step = series.intervalMicros() / 1e6;
        for (int i = 0; i < n; i++) {
            seconds[i] = i * step;
            boolean silent = series.packets(i) == 0;
            jitter[i] = silent ? Double.NaN : series.jitterMs(i);
            maxJitter[i] = silent ? Double.NaN : series.maxJitterMs(i);
            loss[i] = silent || series.expected(i) == 0 ? Double.NaN : 100.0 * series.lost(i) / series.expected(i);
        }
        return new StreamPlot(seconds, jitter, maxJitter, loss);
    }

    public int length() {
        return seconds.length;
    }

    /** The runs of seconds that have packets, as {@code {first, last}} interval indexes: the chart's line pieces. */
    public List<int[]> runs() {
        List<int[]> runs = new ArrayList<>();
        int first = -1;
        for (int i = 0; i <= jitterMs.length; i++) {
            boolean data = i < jitterMs.length && !Double.isNaN(jitterMs[i]);
            if (data && first < 0) {
                first = i;
            } else if (!data && first >= 0) {
                runs.add(new int[] {first, i - 1});
                first = -1;
            }
        }
        return runs;
    }
}
