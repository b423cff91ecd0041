package org.sipladder.media.codec;

/**
 * The G.722 quadrature mirror filters: 24 symmetric taps (scaled by 2^13) split 16 kHz audio into two
 * 8 kHz sub-bands (transmit) and join them again (receive).
 */
final class G722Qmf {

    /** h0..h23 of the standard. */
    static final int[] TAPS = {
        3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
        3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3};

    /** Receive side: XD(j-i) and XS(j-i) for i = 0..11, newest first. */
    private final int[] differences = new int[12];
    private final int[] sums = new int[12];

    /** RXQMF: from one lower/higher pair (RL, RH) writes two output samples at {@code out[at]}, {@code out[at + 1]}. */
    void synthesize(int lower, int higher, short[] out, int at) {
        System.arraycopy(differences, 0, differences, 1, 11);
        System.arraycopy(sums, 0, sums, 1, 11);
        differences[0] = lower - higher;
        sums[0] = lower + higher;
        long first = 0;
        long second = 0;
        for (int i = 0; i < 12; i++) {
            first += (long) TAPS[2 * i] * differences[i];
            second += (long) TAPS[2 * i + 1] * sums[i];
        }
        out[at] = (short) G722Predictor.saturate((int) (first >> 11));
        out[at + 1] = (short) G722Predictor.saturate((int) (second >> 11));
    }
}
