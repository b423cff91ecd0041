package org.sipladder.media.codec;

/**
 * The adaptive predictor of one G.722 sub-band (ITU-T G.722 blocks RECONS, PARREC, UPPOL2, UPPOL1,
 * UPZERO, DELAYA, FILTEP, FILTEZ and PREDIC): two pole and six zero coefficients adapted by sign-sign
 * rules from the quantized difference signal. Encoder and decoder run the same blocks, which keeps them
 * in step; arithmetic is 16-bit with saturation as the standard specifies.
 */
final class G722Predictor {

    private final int[] zeroCoefficients = new int[7];   // BL1..BL6 (index 0 unused)
    private final int[] pastDifferences = new int[7];    // DLT1..DLT6
    private int pole1;                                    // AL1
    private int pole2;                                    // AL2
    private int partial1;                                 // PLT1
    private int partial2;                                 // PLT2
    private int reconstructed1;                           // RLT1
    private int reconstructed2;                           // RLT2
    private int zeroPart;                                 // SZL
    private int estimate;                                 // SL

    /** The predicted signal for the next sample (SL / SH). */
    int estimate() {
        return estimate;
    }

    /** Adapts to the quantized difference {@code dq} of the current sample and predicts the next one. */
    void adapt(int dq) {
        int reconstructed = saturate(estimate + dq);
        int partial = saturate(dq + zeroPart);
        boolean sg0 = partial < 0;
        int newPole2 = updatePole2(sg0, partial1 < 0, partial2 < 0);
        int newPole1 = updatePole1(sg0, partial1 < 0, newPole2);
        updateZeros(dq);
        System.arraycopy(pastDifferences, 1, pastDifferences, 2, 5);
        pastDifferences[1] = dq;
        partial2 = partial1;
        partial1 = partial;
        reconstructed2 = reconstructed1;
        reconstructed1 = reconstructed;
        pole1 = newPole1;
        pole2 = newPole2;
        predict();
    }

    /** UPPOL2. */
    private int updatePole2(boolean sg0, boolean sg1, boolean sg2) {
        int wd1 = saturate(pole1 * 4);
        int wd2 = (sg0 == sg1 ? saturate(-wd1) : wd1) >> 7;
        int wd3 = sg0 == sg2 ? 128 : -128;
        int wd5 = (pole2 * 32512) >> 15;
        return clamp(wd2 + wd3 + wd5, -12288, 12288);
    }

    /** UPPOL1, limited by the new second pole so the predictor stays stable. */
    private int updatePole1(boolean sg0, boolean sg1, int newPole2) {
        int wd1 = sg0 == sg1 ? 192 : -192;
        int wd2 = (pole1 * 32640) >> 15;
        int limit = 15360 - newPole2;
        return clamp(saturate(wd1 + wd2), -limit, limit);
    }

    /** UPZERO. */
    private void updateZeros(int dq) {
        int step = dq == 0 ? 0 : 128;
        boolean sg0 = dq < 0;
        for (int i = 1; i <= 6; i++) {
            int wd2 = (pastDifferences[i] < 0) == sg0 ? step : -step;
            int wd3 = (zeroCoefficients[i] * 32640) >> 15;
            zeroCoefficients[i] = saturate(wd2 + wd3);
        }
    }

    /** FILTEZ, FILTEP and PREDIC. */
    private void predict() {
        int zeros = 0;
        for (int i = 1; i <= 6; i++) {
            int wd1 = saturate(pastDifferences[i] + pastDifferences[i]);
            zeros += (wd1 * zeroCoefficients[i]) >> 15;
        }
        zeroPart = saturate(zeros);
        int wd1 = (pole1 * saturate(reconstructed1 + reconstructed1)) >> 15;
        int wd2 = (pole2 * saturate(reconstructed2 + reconstructed2)) >> 15;
        int poles = saturate(wd1 + wd2);
        estimate = saturate(poles + zeroPart);
    }

    static int saturate(int value) {
        return clamp(value, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
