package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LiveKit's RTP pipeline decodes only the audio payload type of its answer (and its telephone-event type): any other
 * goes to its mux's default handler, counted and dropped (livekit/sip media_pipeline.go). Audio sent to LiveKit only
 * in a type its answer did not list is therefore never heard by the agent, though RTP arrives and keeps LiveKit's
 * media timer quiet: the call's media failed. Some audio in the answered type beside it is a partial loss.
 */
class LiveKitDroppedCodecTest {

    private static final String SBC = MediaFindingsTest.SBC;
    private static final String LK = MediaFindingsTest.LK;
    /** LiveKit's answer: one audio codec, PCMU, and telephone-event, as LiveKit answers. */
    private static final String PCMU_ANSWER = "v=0\r\no=- 1 1 IN IP4 " + MediaCase.LIVEKIT + "\r\ns=-\r\nc=IN IP4 "
            + MediaCase.LIVEKIT + "\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";

    @TempDir
    Path dir;

    private MediaCase call() {
        return MediaCase.jambonzToLiveKit(org.sipladder.testkit.Rtp.sdp(MediaFindingsTest.SBC_MEDIA, 40000,
                "sendrecv"), PCMU_ANSWER);
    }

    @Test
    void audioOnlyInATypeLiveKitDidNotAnswerIsAMediaFailure() throws Exception {
        Diagnosis d = call().rtp(SBC, LK, 0.4, 500, 0x1111, Set.of(), 0, 8)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_CODEC_MISMATCH).get(0);
        assertEquals(Severity.ERROR, f.severity(), f.toString());
        assertTrue(f.primary(), d.findings().toString());
        assertTrue(f.explanation().contains("media_pipeline.go") && f.explanation().contains("hears nothing"),
                f.explanation());
        assertTrue(d.failedAfterAnswer(f.flowId()));
    }

    @Test
    void aFewPacketsOfAnotherTypeBesideTheAnsweredAudioStayAWarning() throws Exception {
        Diagnosis d = call().rtp(SBC, LK, 0.4, 500, 0x1111, Set.of())
                .rtp(SBC, LK, 3.0, 20, 0x3333, Set.of(), 0, 8)
                .rtp(LK, SBC, 0.41, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_CODEC_MISMATCH).get(0);
        assertEquals(Severity.WARNING, f.severity(), f.toString());
        assertFalse(d.failedAfterAnswer(f.flowId()));
    }
}
