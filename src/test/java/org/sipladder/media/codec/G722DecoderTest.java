package org.sipladder.media.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class G722DecoderTest {

    private static final int RATE = 16000;

    private static short[] tone(double hertz, double amplitude, double seconds) {
        short[] samples = new short[(int) (RATE * seconds)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hertz * i / RATE));
        }
        return samples;
    }

    private static short[] decode(byte[] encoded) {
        short[] out = new short[encoded.length * 2];
        new G722Decoder().decode(encoded, 0, encoded.length, out, 0);
        return out;
    }

    /** Power of {@code samples[from..]} at {@code hertz} (Goertzel), normalised by the length. */
    private static double power(short[] samples, int from, double hertz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hertz / RATE);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < samples.length; i++) {
            double s0 = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        int n = samples.length - from;
        return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / ((double) n * n);
    }

    private static double rms(short[] samples, int from) {
        double sum = 0;
        for (int i = from; i < samples.length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / (samples.length - from));
    }

    /** Signal-to-noise ratio in dB of {@code decoded} against {@code input} delayed by the codec's best-fitting delay. */
    private static double snrDb(short[] input, short[] decoded, int from) {
        double best = Double.NEGATIVE_INFINITY;
        for (int delay = 0; delay < 64; delay++) {
            double signal = 0;
            double noise = 0;
            for (int i = from; i < decoded.length; i++) {
                double expected = input[i - delay];
                signal += expected * expected;
                noise += (decoded[i] - expected) * (decoded[i] - expected);
            }
            best = Math.max(best, 10 * Math.log10(signal / noise));
        }
        return best;
    }

    @Test
    void aToneInTheLowerBandComesBackAtItsFrequencyAndLevel() {
        short[] input = tone(1000, 8000, 1.0);
        short[] decoded = decode(new G722Encoder().encode(input));
        int settled = RATE / 10;
        assertEquals(input.length, decoded.length);
        assertEquals(rms(input, settled), rms(decoded, settled), rms(input, settled) * 0.05);
        double atTone = power(decoded, settled, 1000);
        for (double other : new double[] {300, 500, 2000, 3000, 5000, 7000}) {
            assertTrue(atTone > 1000 * power(decoded, settled, other), "1 kHz dominates " + other + " Hz");
        }
        double snr = snrDb(input, decoded, settled);
        assertTrue(snr > 25, "SNR " + snr + " dB");
    }

    @Test
    void aToneInTheHigherBandComesBackToo() {
        short[] input = tone(6000, 4000, 1.0);
        short[] decoded = decode(new G722Encoder().encode(input));
        int settled = RATE / 10;
        assertEquals(rms(input, settled), rms(decoded, settled), rms(input, settled) * 0.15);
        double atTone = power(decoded, settled, 6000);
        for (double other : new double[] {1000, 2000, 3000, 4500, 7500}) {
            assertTrue(atTone > 100 * power(decoded, settled, other), "6 kHz dominates " + other + " Hz");
        }
    }

    @Test
    void silenceStaysSilent() {
        short[] decoded = decode(new G722Encoder().encode(new short[RATE]));
        assertTrue(rms(decoded, RATE / 10) < 10, "rms " + rms(decoded, RATE / 10));
    }

    @Test
    void decodingPacketByPacketCarriesTheStateAcross() {
        byte[] encoded = new G722Encoder().encode(tone(440, 6000, 0.5));
        short[] whole = decode(encoded);
        G722Decoder decoder = new G722Decoder();
        short[] packets = new short[whole.length];
        for (int at = 0; at < encoded.length; at += 160) {
            int length = Math.min(160, encoded.length - at);
            assertEquals(2 * length, decoder.samplesFor(length));
            decoder.decode(encoded, at, length, packets, 2 * at);
        }
        assertArrayEquals(whole, packets);
        assertEquals(8000, whole.length);
    }
}
