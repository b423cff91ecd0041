package org.sipladder.media.codec;

/**
 * A G.722 64 kbit/s encoder for tests (transmit QMF, lower band 6-bit and higher band 2-bit ADPCM
 * quantizers), written from the standard's block structure. It shares the adaptation blocks with
 * {@link G722Decoder}, as encoder and decoder do in the standard.
 */
final class G722Encoder {

    /** Q6: the lower band's decision levels (multiplied by the step size and divided by 2^12). */
    private static final int[] LOWER_LEVELS = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919};
    /** Code words for a negative (ILN) or positive (ILP) difference in interval i = 1..30. */
    private static final int[] LOWER_NEGATIVE = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4};
    private static final int[] LOWER_POSITIVE = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32};

    private final int[] history = new int[24];
    private final G722Predictor lowerPredictor = new G722Predictor();
    private final G722ScaleFactor lowerScale = G722ScaleFactor.lowerBand();
    private final G722Predictor higherPredictor = new G722Predictor();
    private final G722ScaleFactor higherScale = G722ScaleFactor.higherBand();

    /** Encodes pairs of 16 kHz samples into one byte each. */
    byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length / 2];
        for (int n = 0; n < out.length; n++) {
            System.arraycopy(history, 0, history, 2, 22);
            history[1] = samples[2 * n];
            history[0] = samples[2 * n + 1];
            long even = 0;
            long odd = 0;
            for (int i = 0; i < 12; i++) {
                even += (long) G722Qmf.TAPS[2 * i] * history[2 * i];
                odd += (long) G722Qmf.TAPS[2 * i + 1] * history[2 * i + 1];
            }
            int lower = G722Predictor.saturate((int) ((even + odd) >> 14));
            int higher = G722Predictor.saturate((int) ((even - odd) >> 14));
            out[n] = (byte) ((encodeHigher(higher) << 6) | encodeLower(lower));
        }
        return out;
    }

    private int encodeLower(int lower) {
        int difference = G722Predictor.saturate(lower - lowerPredictor.estimate());
        int magnitude = difference >= 0 ? difference : -(difference + 1);
        int step = lowerScale.step();
        int interval = 1;
        while (interval < 30 && magnitude >= (LOWER_LEVELS[interval] * step) >> 12) {
            interval++;
        }
        int code = difference < 0 ? LOWER_NEGATIVE[interval] : LOWER_POSITIVE[interval];
        int code4 = code >> 2;
        int quantized = (step * G722Decoder.LOWER_4BIT[code4]) >> 15;
        lowerScale.adapt(G722Decoder.LOWER_LOG_MULTIPLIER[G722Decoder.LOWER_4BIT_TO_LEVEL[code4]]);
        lowerPredictor.adapt(quantized);
        return code;
    }

    private int encodeHigher(int higher) {
        int difference = G722Predictor.saturate(higher - higherPredictor.estimate());
        int magnitude = difference >= 0 ? difference : -(difference + 1);
        boolean large = magnitude >= (564 * higherScale.step()) >> 12;
        int code = difference < 0 ? (large ? 0 : 1) : (large ? 2 : 3);
        int quantized = (higherScale.step() * G722Decoder.HIGHER_2BIT[code]) >> 15;
        higherScale.adapt(G722Decoder.HIGHER_LOG_MULTIPLIER[code]);
        higherPredictor.adapt(quantized);
        return code;
    }
}
