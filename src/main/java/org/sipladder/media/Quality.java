package org.sipladder.media;

import java.util.Locale;
import java.util.Map;

/**
 * An estimated MOS from the ITU-T G.107 E-model with its default values (R = 93.2 - Id - Ie,eff; no echo,
 * loudness or advantage terms), as a network monitor without a one-way delay measure can estimate it:
 * <ul>
 * <li>Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl) (G.107 formula 7-29), with Ppl the stream's loss in
 *     percent and the codec's Ie and Bpl from ITU-T G.113 Appendix I. BurstR, G.107's burst ratio, is the observed
 *     mean length of the loss bursts (the packets lost over the gaps they fell in, {@link LossGaps}) divided by the
 *     mean length random loss at that rate would give, 1 / (1 - Ppl / 100); at least 1 (1 is random loss). Lost in
 *     a few long gaps, the same share rates worse than lost one packet at a time;</li>
 * <li>Id from the delay a jitter buffer adds: Ta = frame time (20 ms) + 2 x mean jitter (the stream's, without
 *     what jumps of the sender's RTP clock added to it: a hold is no jitter a listener hears), through the usual
 *     simplification of G.107's Id (Cole and Rosenbluth, 2001): Id = 0.024 Ta + 0.11 (Ta - 177.3) for Ta &gt; 177.3;
 *     the network's own delay is not in a one-point capture and is left out;</li>
 * <li>MOS = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R) (G.107 Annex B), never below 1 (the formula dips to 0.99 for
 *     small R) and 4.5 above R = 100.</li>
 * </ul>
 * Codecs G.113 does not list (G.722, Opus and other wideband codecs on this narrowband scale) are scored as G.711
 * with packet loss concealment (Ie 0, Bpl 25.1).
 */
public final class Quality {

    /** Codec impairment Ie and loss robustness Bpl, G.113 Appendix I (Table I.1 and I.3). */
    record Impairment(double ie, double bpl) {
    }

    private static final Impairment G711 = new Impairment(0, 25.1);
    private static final Map<String, Impairment> CODECS = Map.of(
            "PCMU", G711, "PCMA", G711,
            "G729", new Impairment(11, 19.0),
            "G723", new Impairment(15, 16.1),
            "GSM-EFR", new Impairment(5, 10.0));
    private static final double FRAME_MS = 20;
    private static final double R_DEFAULT = 93.2;

    private Quality() {
    }

    /**
     * G.107's BurstR from the mean length of the loss bursts in packets and the loss in percent: the mean length over
     * the 1 / (1 - loss) that random loss gives; 1 (random) when shorter or unknown.
     */
    public static double burstRatio(double meanBurstPackets, double lossPercent) {
        double p = Math.min(Math.max(0, lossPercent), 100) / 100;
        return Math.max(1, meanBurstPackets * (1 - p));
    }

    /**
     * The E-model rating R for a codec (encoding name, may be null), loss in percent, its {@link #burstRatio} and the
     * mean jitter in ms.
     */
    public static double rFactor(String codec, double lossPercent, double burstRatio, double meanJitterMs) {
        Impairment imp = impairment(codec);
        double ppl = Math.max(0, lossPercent);
        double ieEff = imp.ie() + (95 - imp.ie()) * ppl / (ppl / Math.max(1, burstRatio) + imp.bpl());
        double ta = FRAME_MS + 2 * Math.max(0, meanJitterMs);
        double id = 0.024 * ta + (ta > 177.3 ? 0.11 * (ta - 177.3) : 0);
        return R_DEFAULT - id - ieEff;
    }

    /**
     * MOS (1 to 4.5) from R, G.107 Annex B. The cubic dips below 1 for R under about 6.5, below the least score of the
     * ACR scale (ITU-T P.800) that it maps to: 1 there.
     */
    public static double mosFromR(double r) {
        if (r >= 100) {
            return 4.5;
        }
        return r <= 0 ? 1 : Math.max(1, 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r));
    }

    /** The estimated MOS, rounded to two decimals. */
    public static double mos(String codec, double lossPercent, double burstRatio, double meanJitterMs) {
        return Math.round(mosFromR(rFactor(codec, lossPercent, burstRatio, meanJitterMs)) * 100) / 100.0;
    }

    static Impairment impairment(String codec) {
        if (codec == null) {
            return G711;
        }
        return CODECS.getOrDefault(codec.toUpperCase(Locale.ROOT), G711);
    }
}
