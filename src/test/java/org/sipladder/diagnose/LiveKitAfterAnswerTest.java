package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What LiveKit does after it answered, as livekit/sip's code has it, and what the diagnosis says of it: a session
 * timer LiveKit never agreed to, a BYE LiveKit refused (481) that leaves LiveKit's call up until its media timeout.
 */
class LiveKitAfterAnswerTest {

    private static final String SBC = MediaFindingsTest.SBC;
    private static final String LK = MediaFindingsTest.LK;

    @TempDir
    Path dir;

    @Test
    void aByeNamingASessionTimerOnACallLiveKitAnsweredWithoutSessionExpiresIsDiagnosed() throws Exception {
        // LiveKit's 200 OK never carries Session-Expires (livekit/sip implements no session timer): a BYE whose
        // Reason names the session timer must not stop the diagnosis
        Diagnosis d = MediaFindingsTest.clean().rtpBothWays(SBC, LK, 20)
                .bye(MediaCase.JAMBONZ, 20.5, "Reason: SIP;cause=408;text=\"Session timer expired\"", 200, "OK")
                .diagnose(dir);
        Finding f = d.withCode(FindingCode.SIP_SESSION_TIMER_EXPIRED).get(0);
        assertTrue(f.explanation().contains("LiveKit") && f.explanation().contains("no session timer"),
                f.explanation());
    }
}
