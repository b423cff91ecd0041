package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;

class BurstyLossMosTest {

    @TempDir
    Path dir;

    /** 1000 PCMU packets 20 ms apart, on time, without those {@code lost}. */
    private RtpStream stream(IntPredicate lost) throws Exception {
        return stream(0, lost);
    }

    /** As {@link #stream(IntPredicate)}, of payload type {@code pt}. */
    private RtpStream stream(int pt, IntPredicate lost) throws Exception {
        Captures c = MediaCollectorTest.offerAnswer("call-b");
        for (int i = 0; i < 1000; i++) {
            if (!lost.test(i)) {
                c.udp(MediaCollectorTest.T0 + 100_000 + i * 20_000L, MediaCollectorTest.CALLER,
                        MediaCollectorTest.CALLEE, Rtp.packet(pt, i, 160L * i, 9, i == 0));
            }
        }
        return MediaRead.of(c, dir).streams().get(0);
    }

    @Test
    void lossInLongGapsRatesBelowTheSameShareLostOnePacketAtATime() throws Exception {
        // 3 % both ways: 3 gaps of 10 (mean burst 10, G.107's BurstR = 10 x (1 - 0.03) = 9.7) rates R = 93.2 - 0.48
        // - 95 x 3 / (3 / 9.7 + 25.1) = 81.50, MOS 4.08; 30 gaps of 1 (BurstR 0.97, random: 1) R = 93.2 - 0.48 -
        // 95 x 3 / (3 + 25.1) = 82.58, MOS 4.12
        RtpStream bursts = stream(i -> i >= 100 && i < 110 || i >= 400 && i < 410 || i >= 700 && i < 710);
        RtpStream single = stream(i -> i % 33 == 10 && i < 990);
        for (RtpStream s : new RtpStream[] {bursts, single}) {
            assertEquals(30, s.stats().lostInRuns());
            assertEquals(1000, s.stats().expectedInRuns());
        }
        assertEquals(3, bursts.stats().lossGaps().gaps());
        assertEquals(30, single.stats().lossGaps().gaps());
        assertEquals(4.08, bursts.mos(), 1e-9);
        assertEquals(4.12, single.mos(), 1e-9);
        // one gap of 50 in 1000 (5 %, BurstR 47.5): R = 93.2 - 0.48 - 95 x 5 / (5 / 47.5 + 25.1) = 73.87, MOS 3.77
        // where random loss would rate R = 93.2 - 0.48 - 95 x 5 / 30.1 = 76.94, MOS 3.90
        assertEquals(3.77, stream(i -> i >= 500 && i < 550).mos(), 1e-9);
    }

    @Test
    void aStreamOfAnUnknownClockRateHasNoMosAsItsJitterIsNotKnown() throws Exception {
        // payload type 99, in no SDP: no clock rate turns its timestamps into time, so no jitter is measured, and a
        // score from its loss alone with a jitter of 0 (4.40 here) would read as a measured clean stream
        RtpStream unknown = stream(99, i -> false);
        assertEquals(0, unknown.clockRate());
        assertEquals(Double.NaN, unknown.mos());
        assertEquals(4.40, stream(0, i -> false).mos(), 1e-9);
    }
}
