package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream whose sender was put on hold (RFC 3264 8.4) pauses: its gap, the loss of packets it numbered but did not
 * send, and the jitter its return adds when its RTP clock did not run on are the hold's, not the path's. The same
 * pause without a hold in the signalling stays a finding.
 */
class HeldStreamTest {

    private static final String SBC_MEDIA = MediaFindingsTest.SBC_MEDIA;
    private static final String SBC = MediaFindingsTest.SBC;
    private static final String LK = MediaFindingsTest.LK;

    @TempDir
    Path dir;

    /** As {@link #paused(boolean, boolean, String, String, String)}, the hold offered sendonly and answered recvonly. */
    private static MediaCase paused(boolean held, boolean numbersSkipped) {
        return paused(held, numbersSkipped, SBC_MEDIA, "sendonly", "recvonly");
    }

    /**
     * Jambonz sends for 40 s; the callee sends 10 s, pauses 20 s (on hold when {@code held}: Jambonz offers
     * {@code holdAddress} and {@code holdDirection}, answered {@code answerDirection}), then 10 s more.
     */
    private static MediaCase paused(boolean held, boolean numbersSkipped, String holdAddress, String holdDirection,
                                    String answerDirection) {
        MediaCase c = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 2000, 0x1111, Set.of());
        if (numbersSkipped) {
            // the callee numbers the packets of the pause but sends none (a media server muting by dropping)
            Set<Integer> unsent = new HashSet<>();
            for (int i = 480; i < 1480; i++) {
                unsent.add(i);
            }
            c.rtp(LK, SBC, 0.41, 1960, 0x2222, unsent);
        } else {
            c.rtpGoingOn(LK, SBC, 0.41, 0, 480, 0x2222).rtpGoingOn(LK, SBC, 30.41, 480, 480, 0x2222);
        }
        if (held) {
            c.reInvite(9.7, holdAddress, 40000, holdDirection, MediaCase.LIVEKIT, 30000, answerDirection)
                    .reInvite(30.2, SBC_MEDIA, 40000, "sendrecv", MediaCase.LIVEKIT, 30000, "sendrecv");
        }
        return c.bye(MediaCase.JAMBONZ, 40.5);
    }

    /** With the hold in the signalling no {@code code} finding; the same pause without it, one. */
    private void holdExplains(FindingCode code, boolean numbersSkipped) throws Exception {
        Diagnosis held = paused(true, numbersSkipped).diagnose(dir);
        assertTrue(held.withCode(code).isEmpty(), held.findings().toString());
        Diagnosis unexplained = paused(false, numbersSkipped).diagnose(dir);
        assertEquals(1, unexplained.withCode(code).size(), unexplained.findings().toString());
    }

    @Test
    void theJitterOfAReturnFromHoldIsTheHolds() throws Exception {
        holdExplains(FindingCode.MEDIA_JITTER, false);
    }

    @Test
    void anRfc2543HoldAtAddressZeroIsAHoldToo() throws Exception {
        // c=0.0.0.0 with sendrecv: "send me nothing" (RFC 3264 8.4 still asks answerers to honour it)
        Diagnosis held = paused(true, false, "0.0.0.0", "sendrecv", "sendrecv").diagnose(dir);
        assertTrue(held.withCode(FindingCode.MEDIA_JITTER).isEmpty(), held.findings().toString());
    }

    @Test
    void numbersSkippedWhileOnHoldAreNoLoss() throws Exception {
        holdExplains(FindingCode.MEDIA_LOSS, true);
    }
}
