package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MEDIA_RTP_LATE_START: one direction's RTP begins seconds after the other's (and after the answer), so its listener
 * heard nothing meanwhile; LiveKit waits up to 30 s for the first packet (media_timeout_initial) and keeps the call.
 */
class MediaLateStartTest {

    static final String SBC = MediaFindingsTest.SBC;
    static final String LK = MediaFindingsTest.LK;

    @TempDir
    Path dir;

    /** LiveKit sends from 0.41 s to 30 s; Jambonz's RTP to LiveKit starts at {@code start} and runs to 30 s. */
    private Diagnosis jambonzStartsAt(double start) throws Exception {
        return MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, start, (int) ((30 - start) * 50), 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, 1480, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 30.5).diagnose(dir);
    }

    @Test
    void rtpStartingSecondsAfterTheOtherWayIsToldWithHowLongItsListenerHeardNothing() throws Exception {
        Diagnosis d = jambonzStartsAt(12.41);
        List<Finding> late = d.withCode(FindingCode.MEDIA_RTP_LATE_START);
        assertEquals(1, late.size(), d.findings().toString());
        Finding f = late.get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.title().startsWith("RTP from Jambonz"), f.title());
        assertTrue(f.title().endsWith("started 12.1 s after the answer"), f.title());
        assertTrue(f.explanation().contains("12.0 s"), f.explanation());
        assertTrue(f.explanation().contains("media_timeout_initial"), f.explanation());
        assertTrue(d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty(), d.findings().toString());
    }

    @Test
    void aStartUnderFiveSecondsAfterTheOtherWayIsNone() throws Exception {
        assertTrue(jambonzStartsAt(5.21).withCode(FindingCode.MEDIA_RTP_LATE_START).isEmpty());
        assertEquals(1, jambonzStartsAt(5.61).withCode(FindingCode.MEDIA_RTP_LATE_START).size());
    }

    @Test
    void bothWaysStartingLateTogetherIsNoOneSideStartingLate() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 10.4, 1000, 0x1111, Set.of())
                .rtp(LK, SBC, 10.41, 1000, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 30.5).diagnose(dir);
        assertTrue(d.withCode(FindingCode.MEDIA_RTP_LATE_START).isEmpty(), d.findings().toString());
    }

    @Test
    void aTrickleOrNothingAtAllIsOneWayAudioNotALateStart() throws Exception {
        Diagnosis d = jambonzStartsAt(29.7);
        assertTrue(d.withCode(FindingCode.MEDIA_RTP_LATE_START).isEmpty(), d.findings().toString());
    }
}
