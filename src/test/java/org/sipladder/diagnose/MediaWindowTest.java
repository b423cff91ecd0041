package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media checks judge a call up to the BYE that ended its dialog, as the call list counts its duration: the first
 * BYE answered 2xx, else the last (RFC 3261 15.1.2). A BYE refused 481 leaves the dialog up, and its media with it.
 */
class MediaWindowTest {

    private static final String SBC = MediaFindingsTest.SBC;
    private static final String LK = MediaFindingsTest.LK;

    @TempDir
    Path dir;

    private static MediaCase answered() {
        return MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000);
    }

    @Test
    void aByeRefused481EarlyDoesNotEndTheMediaWindowOfACallThatWentOn() throws Exception {
        // Jambonz's first BYE at 1 s carries a wrong To tag and LiveKit answers 481: the call goes on, LiveKit's
        // RTP reaching Jambonz for 20 s and none going back, until Jambonz's BYE with the right tag is answered 200
        Diagnosis d = answered().rtp(LK, SBC, 0.41, 1000, 0x2222, Set.of())
                .byeWithToTag(1.0, "other-tag", 481, "Call does not exist")
                .bye(MediaCase.JAMBONZ, 20.5).diagnose(dir);

        List<Finding> oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY);
        assertEquals(1, oneWay.size(), d.findings().toString());
        assertEquals(Severity.ERROR, oneWay.get(0).severity());
    }

    @Test
    void aHangUpWhoseByeWasRefusedIsNoMediaTimeoutOfTheOtherSide() throws Exception {
        // Jambonz hangs up at 10.4 s and LiveKit answers 481; LiveKit's own BYE 15 s after the last RTP reached it
        // ends the dialog's last part: that silence was Jambonz's hang-up, not media that failed
        Diagnosis d = answered().rtp(SBC, LK, 0.4, 500, 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, 1250, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.45, "", 481, "Call does not exist")
                .bye(MediaCase.LIVEKIT, 25.42, "", 200, "OK")
                .diagnose(dir);

        assertTrue(d.withCode(FindingCode.MEDIA_RTP_STOPPED).isEmpty(), d.findings().toString());
        assertTrue(d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty(), d.findings().toString());
        assertTrue(!d.failedAfterAnswer(MediaCase.flowId()), d.findings().toString());
    }

    @Test
    void aMediaTimeoutAfterAnEarlierRefusedByeIsStillFound() throws Exception {
        // a stray BYE refused 481 at 5 s; Jambonz's RTP stops at 10.4 s and LiveKit hangs up 15 s later, its media
        // timeout: the hang-up that ended the call is LiveKit's, not the refused BYE
        Diagnosis d = answered().rtp(SBC, LK, 0.4, 500, 0x1111, Set.of())
                .rtp(LK, SBC, 0.41, 1250, 0x2222, Set.of())
                .byeWithToTag(5.0, "other-tag", 481, "Call does not exist")
                .bye(MediaCase.LIVEKIT, 25.42, "", 200, "OK")
                .diagnose(dir);

        List<Finding> timeout = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);
        assertEquals(1, timeout.size(), d.findings().toString());
    }
}
