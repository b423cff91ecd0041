package org.sipladder.media.codec;

/**
 * ITU-T G.722 at 64 kbit/s (mode 1, the only mode RTP carries): each byte holds a 6-bit lower sub-band
 * code and a 2-bit higher sub-band code, each decoded by sub-band ADPCM, and the two sub-bands are
 * recombined by the 24-tap receive QMF into two 16 kHz samples. Written from the structure of the
 * standard's block descriptions; the tables are the standard's.
 */
final class G722Decoder implements FrameDecoder {

    /** Lower band, 6-bit inverse quantizer outputs (mode 1), by code word. */
    static final int[] LOWER_6BIT = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136};
    /** Lower band, 4-bit inverse quantizer outputs (the code's four most significant bits) for adaptation. */
    static final int[] LOWER_4BIT = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
        20456, 12896, 8968, 6288, 4240, 2584, 1200, 0};
    /** Lower band logarithmic scale multipliers (WL), indexed through {@link #LOWER_4BIT_TO_LEVEL}. */
    static final int[] LOWER_LOG_MULTIPLIER = {-60, -30, 58, 172, 334, 538, 1198, 3042};
    static final int[] LOWER_4BIT_TO_LEVEL = {0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0};
    /** Higher band, 2-bit inverse quantizer outputs. */
    static final int[] HIGHER_2BIT = {-7408, -1616, 7408, 1616};
    /** Higher band logarithmic scale multipliers (WH) by code word. */
    static final int[] HIGHER_LOG_MULTIPLIER = {798, -214, 798, -214};

    private final G722Predictor lowerPredictor = new G722Predictor();
    private final G722ScaleFactor lowerScale = G722ScaleFactor.lowerBand();
    private final G722Predictor higherPredictor = new G722Predictor();
    private final G722ScaleFactor higherScale = G722ScaleFactor.higherBand();
    private final G722Qmf qmf = new G722Qmf();

    @Override
    public int samplesFor(int payloadBytes) {
        return 2 * payloadBytes;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            int code = payload[offset + i] & 0xFF;
            int lower = decodeLower(code & 0x3F);
            int higher = decodeHigher(code >> 6);
            qmf.synthesize(lower, higher, out, outOffset + 2 * i);
        }
        return 2 * length;
    }

    /** INVQAL (output), INVQBL (adaptation), LOGSCL, SCALEL and the predictor; returns RL. */
    private int decodeLower(int code) {
        int step = lowerScale.step();
        int output = G722Predictor.clamp(lowerPredictor.estimate() + ((step * LOWER_6BIT[code]) >> 15), -16384, 16383);
        int code4 = code >> 2;
        int difference = (step * LOWER_4BIT[code4]) >> 15;
        lowerScale.adapt(LOWER_LOG_MULTIPLIER[LOWER_4BIT_TO_LEVEL[code4]]);
        lowerPredictor.adapt(difference);
        return output;
    }

    /** INVQAH, LOGSCH, SCALEH and the predictor; returns RH. */
    private int decodeHigher(int code) {
        int difference = (higherScale.step() * HIGHER_2BIT[code]) >> 15;
        int output = G722Predictor.clamp(higherPredictor.estimate() + difference, -16384, 16383);
        higherScale.adapt(HIGHER_LOG_MULTIPLIER[code]);
        higherPredictor.adapt(difference);
        return output;
    }
}
