package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.Rtp;

class JitterWithoutJumpsTest {

    @TempDir
    Path dir;

    /**
     * 300 PCMU packets 20 ms apart, every other one {@code lateMs} late but 149 (none of the old clock arrives after
     * the first of the new, and the jump's packet is on time); from packet 150 on the timestamps are
     * {@code shift} samples ahead and the packets {@code pauseMs} later, packet 150 with the marker bit when
     * {@code marked}.
     */
    private RtpStatistics stream(double lateMs, long shift, long pauseMs, boolean marked) throws Exception {
        Captures c = MediaCollectorTest.offerAnswer("call-jj");
        for (int i = 0; i < 300; i++) {
            long t = MediaCollectorTest.T0 + 100_000 + i * 20_000L + (i % 2 == 1 && i != 149 ? Math.round(lateMs * 1000) : 0)
                    + (i < 150 ? 0 : pauseMs * 1000);
            long ts = 160L * i + (i < 150 ? 0 : shift);
            c.udp(t, MediaCollectorTest.CALLER, MediaCollectorTest.CALLEE,
                    Rtp.packet(0, i, ts & 0xffffffffL, 9, i == 0 || i == 150 && marked));
        }
        return MediaRead.of(c, dir).streams().get(0).stats();
    }

    @Test
    void theJitterWithoutAClockJumpIsThatOfTheSameStreamWithoutTheJump() throws Exception {
        for (double late : new double[] {0, 15}) {
            // ahead 80 s with or without the marker, or marked after a 5 s pause with the timestamps going on
            long[][] jumps = {{640_000, 0, 1}, {640_000, 0, 0}, {0, 5_000, 1}};
            for (long[] jump : jumps) {
                // the same stream without the jump (Wireshark leaves a marked packet out of its figures)
                RtpStatistics plain = stream(late, 0, 0, jump[2] == 1);
                assertEquals(0, plain.clockJumps());
                assertEquals(plain.meanJitterMs(), plain.meanJitterWithoutJumpsMs(), 0);
                assertEquals(plain.maxJitterMs(), plain.maxJitterWithoutJumpsMs(), 0);
                RtpStatistics s = stream(late, jump[0], jump[1], jump[2] == 1);
                String which = "late " + late + ", shift " + jump[0] + ", pause " + jump[1] + ", marker " + jump[2];
                assertEquals(1, s.clockJumps(), which);
                // Wireshark's figures hold the jump: 80 s / 16 = 5 s at its packet; after a 5 s pause, 15/16 of
                // 5 s / 16 at the packet after the marked one, which Wireshark leaves out
                assertTrue(s.maxJitterMs() > 250, which + ": " + s.maxJitterMs());
                assertTrue(s.meanJitterMs() > plain.meanJitterMs() + 10, which + ": " + s.meanJitterMs());
                // without it, those of the stream that did not jump (RFC 3550 A.8 is linear in the transit differences)
                assertEquals(plain.meanJitterMs(), s.meanJitterWithoutJumpsMs(), 1e-6, which);
                assertEquals(plain.maxJitterMs(), s.maxJitterWithoutJumpsMs(), 1e-6, which);
            }
        }
    }
}
