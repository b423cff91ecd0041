package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QualityTest {

    /** G.107 Annex B, as a reader computes it from R. */
    private static double mosByHand(double r) {
        return 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
    }

    @Test
    void burstRatioIsTheMeanBurstOverWhatRandomLossAtThatRateGives() {
        // random loss of p gives bursts of 1 / (1 - p) on average: 3 % lost in gaps of 10 is BurstR = 10 x 0.97
        assertEquals(9.7, Quality.burstRatio(10, 3), 1e-12);
        assertEquals(3.8, Quality.burstRatio(4, 5), 1e-12);
        // single lost packets are what random loss gives (0.97 < 1): random, as is no loss at all
        assertEquals(1, Quality.burstRatio(1, 3), 1e-12);
        assertEquals(1, Quality.burstRatio(0, 0), 1e-12);
    }

    @Test
    void ieEffIsG107Formula729WithTheBurstRatio() {
        // no jitter: Ta = 20 ms, Id = 0.024 x 20 = 0.48
        double id = 0.48;
        // G.711 (Ie 0, Bpl 25.1), 3 % lost as 3 gaps of 10: Ie,eff = 95 x 3 / (3 / 9.7 + 25.1) = 11.216
        double bursty = 93.2 - id - 95 * 3 / (3 / 9.7 + 25.1);
        assertEquals(81.504, bursty, 1e-3);
        assertEquals(bursty, Quality.rFactor("PCMU", 3, 9.7, 0), 1e-9);
        assertEquals(4.08, Quality.mos("PCMU", 3, 9.7, 0), 1e-9);
        assertEquals(Math.round(mosByHand(bursty) * 100) / 100.0, Quality.mos("PCMU", 3, 9.7, 0), 1e-9);
        // the same 3 % as 30 gaps of 1 (BurstR 1): Ie,eff = 95 x 3 / (3 + 25.1) = 10.142
        double random = 93.2 - id - 95 * 3 / 28.1;
        assertEquals(82.578, random, 1e-3);
        assertEquals(random, Quality.rFactor("PCMA", 3, 1, 0), 1e-9);
        assertEquals(4.12, Quality.mos("PCMA", 3, 1, 0), 1e-9);
        // G.729 (Ie 11, Bpl 19), 5 % in gaps of 4 (BurstR 3.8): Ie,eff = 11 + 84 x 5 / (5 / 3.8 + 19) = 31.674
        assertEquals(93.2 - id - 31.674, Quality.rFactor("G729", 5, 3.8, 0), 1e-3);
        assertEquals(93.2 - id - 28.5, Quality.rFactor("G729", 5, 1, 0), 1e-9);
        // a burst ratio below 1 counts as random; no loss is no impairment whatever the ratio
        assertEquals(Quality.rFactor("PCMU", 3, 1, 0), Quality.rFactor("PCMU", 3, 0.5, 0), 1e-12);
        assertEquals(93.2 - id, Quality.rFactor("PCMU", 0, 1, 0), 1e-12);
        assertTrue(Quality.mos("PCMU", 20, 50, 0) < Quality.mos("PCMU", 20, 1, 0));
    }

    @Test
    void theMosNeverFallsBelowTheLeastScoreOfTheScale() {
        // G.107 Annex B's cubic gives 1 + 0.105 - 0.116 = 0.989 at R = 3: 1, the scale's least
        assertEquals(0.989, mosByHand(3), 1e-3);
        assertEquals(1, Quality.mosFromR(3), 0);
        assertEquals(1, Quality.mosFromR(-5), 0);
        assertEquals(mosByHand(10), Quality.mosFromR(10), 1e-12);
        assertEquals(4.5, Quality.mosFromR(100), 0);
        // 60 % lost in gaps of 5 (BurstR 2): R = 93.2 - 0.48 - 95 x 60 / (30 + 25.1) = -10.7, MOS 1
        assertEquals(1, Quality.mos("PCMU", 60, 2, 0), 0);
    }
}
