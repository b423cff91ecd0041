package org.sipladder.ui.streams;

import org.sipladder.media.StreamSeries;

/**
 * A stream's jitter and loss per second from its first packet, as plain numbers for a chart.
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
        double step = StreamSeries.INTERVAL_MICROS / 1e6;
        for (int i = 0; i < n; i++) {
            seconds[i] = i * step;
            jitter[i] = series.jitterMs(i);
            maxJitter[i] = series.maxJitterMs(i);
            loss[i] = series.expected(i) == 0 ? 0 : 100.0 * series.lost(i) / series.expected(i);
        }
        return new StreamPlot(seconds, jitter, maxJitter, loss);
    }

    public int length() {
        return seconds.length;
    }
}
