package org.sipladder.media.codec;

/**
 * The quantizer scale factor of one G.722 sub-band (blocks LOGSCL/SCALEL for the lower band,
 * LOGSCH/SCALEH for the higher): a logarithmic factor with leakage, turned into a linear step size
 * through the 32-entry table ILB.
 */
final class G722ScaleFactor {

    /** ILB: 2^(i/32) scaled by 2048, the mantissa of the linear scale factor. */
    private static final int[] LINEAR_MANTISSA = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008};

    private final int logLimit;
    private final int shiftBase;
    private int logScale;
    private int step;

    private G722ScaleFactor(int logLimit, int shiftBase) {
        this.logLimit = logLimit;
        this.shiftBase = shiftBase;
        this.step = linear(0);
    }

    /** The lower band: NBL limited to 18432, DETL starts at 32. */
    static G722ScaleFactor lowerBand() {
        return new G722ScaleFactor(18432, 8);
    }

    /** The higher band: NBH limited to 22528, DETH starts at 8. */
    static G722ScaleFactor higherBand() {
        return new G722ScaleFactor(22528, 10);
    }

    /** The current step size (DETL / DETH). */
    int step() {
        return step;
    }

    /** Adds the logarithmic multiplier of the code just quantized (WL / WH) and recomputes the step. */
    void adapt(int logMultiplier) {
        logScale = G722Predictor.clamp(((logScale * 32512) >> 15) + logMultiplier, 0, logLimit);
        step = linear(logScale);
    }

    private int linear(int log) {
        int mantissa = LINEAR_MANTISSA[(log >> 6) & 31];
        int shift = shiftBase - (log >> 11);
        int value = shift < 0 ? mantissa << -shift : mantissa >> shift;
        return value << 2;
    }
}
