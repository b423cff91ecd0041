package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LiveKit's media timer at its edges (livekit/sip pkg/sip/media_port.go timeoutLoop): started when LiveKit accepts
 * the call (its 200 OK), it fires 30 s later when no RTP ever reached LiveKit's port (media_timeout_initial), else
 * 15 s after the last RTP packet (media_timeout), never before. A BYE from LiveKit a second before either is not that
 * timer; a second after, it is.
 */
class MediaTimeoutEdgesTest {

    static final String SBC = MediaFindingsTest.SBC;
    static final String LK = MediaFindingsTest.LK;

    @TempDir
    Path dir;

    /** The answer is at 0.3 s: LiveKit sends RTP throughout, none reaches it, and it hangs up {@code afterAnswer} later. */
    private List<Finding> noRtpToLiveKit(double afterAnswer) throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaCase.JAMBONZ, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(LK, MediaCase.JAMBONZ + ":40000", 0.35, (int) (afterAnswer * 50) - 5, 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, 0.3 + afterAnswer).diagnose(dir);
        return d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);
    }

    /** RTP both ways from 0.4 s; Jambonz's stops at 10.4 s, LiveKit's goes on, and LiveKit hangs up {@code afterLast} later. */
    private List<Finding> rtpToLiveKitStops(double afterLast) throws Exception {
        double end = 10.4 + afterLast;
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 501, 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, (int) ((end - 0.5) * 50), 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, end).diagnose(dir);
        return d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);
    }

    @Test
    void liveKitsByeASecondBeforeItsInitialTimeoutIsNotThatTimeoutAndASecondAfterItIs() throws Exception {
        assertEquals(List.of(), noRtpToLiveKit(29));
        List<Finding> after = noRtpToLiveKit(31);
        assertEquals(1, after.size());
        assertTrue(after.get(0).explanation().contains("media_timeout_initial"), after.get(0).explanation());
    }

    @Test
    void liveKitsByeASecondBeforeItsLaterTimeoutIsNotThatTimeoutAndASecondAfterItIs() throws Exception {
        assertEquals(List.of(), rtpToLiveKitStops(14));
        List<Finding> after = rtpToLiveKitStops(16);
        assertEquals(1, after.size());
        assertTrue(after.get(0).explanation().contains("media_timeout (15 s"), after.get(0).explanation());
    }

    @Test
    void inACaptureWithoutRtpLiveKitsByeASecondBeforeItsInitialTimeoutIsNotThatTimeout() throws Exception {
        for (double afterAnswer : new double[] {29, 31}) {
            Diagnosis d = MediaCase.jambonzToLiveKit(MediaCase.JAMBONZ, 40000, MediaCase.LIVEKIT, 30000)
                    .bye(MediaCase.LIVEKIT, 0.3 + afterAnswer).diagnose(dir);
            assertEquals(afterAnswer > 30 ? 1 : 0, d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).size(),
                    afterAnswer + " s: " + d.findings());
        }
    }
}
