package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.JambonzLiveKitCall.CARRIER_RTP;
import static org.sipladder.diagnose.JambonzLiveKitCall.JAMBONZ_A;
import static org.sipladder.diagnose.JambonzLiveKitCall.JAMBONZ_B;
import static org.sipladder.diagnose.JambonzLiveKitCall.LIVEKIT_RTP;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;

/**
 * LiveKit hangs up a few seconds after the RTP toward it stopped, sooner than its 15 s default: its timer counts a
 * trunk's or dispatch rule's media.media_timeout in place of 15 s (livekit/sip media_codecs.go newMediaConfig,
 * media_port.go timeoutLoop: the deadline is the last packet plus that timeout), and never fires early. Without the
 * config the capture still shows the timer's shape; a BYE for another reason (the agent or the room ending the call)
 * looks the same, so the finding says "probably". A BYE long after the RTP stopped fits no timer LiveKit would have
 * fired first, and one right after it is no silence at all.
 */
class LiveKitShortMediaTimeoutTest {

    @TempDir
    Path dir;

    /**
     * Both legs talk from the answer; the carrier's RTP (and so Jambonz's toward LiveKit) stops at 10 s, LiveKit and
     * Jambonz toward the carrier go on, and LiveKit hangs up {@code silence} s after the last packet toward it.
     */
    private Diagnosis stopsThenLiveKitHangsUp(double silence) throws Exception {
        return stopsThenLiveKitHangsUp(silence, LiveKitConfig.empty());
    }

    private Diagnosis stopsThenLiveKitHangsUp(double silence, LiveKitConfig config) throws Exception {
        double start = JambonzLiveKitCall.ANSWER + 0.05;
        double stop = 10.3;
        double bye = JambonzLiveKitCall.last(start + 0.01, stop + 0.01) + silence;
        return JambonzLiveKitCall.answered()
                .rtp(CARRIER_RTP, JAMBONZ_A, start, stop, 0xCA1)
                .rtp(JAMBONZ_B, LIVEKIT_RTP, start + 0.01, stop + 0.01, 0xB2)
                .rtp(LIVEKIT_RTP, JAMBONZ_B, start - 0.01, bye, 0x1C1)
                .rtp(JAMBONZ_A, CARRIER_RTP, start - 0.005, bye, 0xB1)
                .byeFromLiveKit(bye + 0.001)
                .diagnose(dir, config);
    }

    @Test
    void aByeFiveSecondsAfterTheLastRtpIsProbablyAShorterMediaTimeoutOnTheTrunkOrRule() throws Exception {
        Diagnosis d = stopsThenLiveKitHangsUp(5.2);

        List<Finding> timeouts = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);
        assertEquals(1, timeouts.size(), d.findings().toString());
        Finding f = timeouts.get(0);
        assertEquals("b-leg", f.callId());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.primary(), f.toString());
        String text = f.title() + " " + f.explanation();
        assertTrue(text.contains("media_timeout of about 5 s"), text);
        assertTrue(text.contains("trunk or dispatch rule"), text);
        assertTrue(text.contains("no LiveKit config loaded"), text);
        // LiveKit's own 15 s did not fire: the finding must not claim it did
        assertTrue(!text.contains("(15 s without RTP)"), text);
        // the other reading: LiveKit hangs up for other reasons too (the room closed, the agent ended the call)
        assertTrue(text.contains("agent"), text);
        // the silence started at the carrier, as for the default timeout
        assertTrue(f.explanation().contains("stopped first on leg a-leg"), f.explanation());
    }

    @Test
    void aByeLongAfterTheRtpStoppedFitsNoTimerLiveKitWouldHaveFiredFirst() throws Exception {
        // with no media_timeout set LiveKit would have hung up at 15 s; a longer one cannot be told from the capture
        assertTrue(stopsThenLiveKitHangsUp(40).withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty());
    }

    @Test
    void aByeRightAfterTheLastRtpIsNoMediaTimeout() throws Exception {
        assertTrue(stopsThenLiveKitHangsUp(1.0).withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty());
    }

    @Test
    void withAConfigWhoseTrunkAndRuleSetNoTimeoutTheServersOwnSettingIsWhatIsLeft() throws Exception {
        LiveKitConfig config = TestConfig.config(List.of(TestConfig.trunk("ST_jb", "+15557650002")),
                List.of(TestConfig.rule("SDR_agent", "agent", "ST_jb")));

        List<Finding> timeouts = stopsThenLiveKitHangsUp(5.2, config).withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);

        assertEquals(1, timeouts.size());
        String text = timeouts.get(0).explanation();
        assertTrue(text.contains("The loaded config sets no media.media_timeout on this call's trunk or dispatch rule"),
                text);
        assertTrue(text.contains("the server's own media_timeout"), text);
    }

    @Test
    void withAConfigThatDoesNotTellThisCallsMediaTheFindingDoesNotClaimNoneIsLoaded() throws Exception {
        // the loaded trunk takes another number: LiveKit's routing of this call is not known from it
        LiveKitConfig config = TestConfig.config(List.of(TestConfig.trunk("ST_other", "+15550000000")),
                List.of(TestConfig.rule("SDR_other", "agent", "ST_other")));

        List<Finding> timeouts = stopsThenLiveKitHangsUp(5.2, config).withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);

        assertEquals(1, timeouts.size());
        String text = timeouts.get(0).explanation();
        assertTrue(!text.contains("no LiveKit config loaded"), text);
        assertTrue(text.contains("the loaded config does not show this call's trunk or rule"), text);
    }
}
