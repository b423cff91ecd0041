package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.JambonzLiveKitCall.CARRIER_RTP;
import static org.sipladder.diagnose.JambonzLiveKitCall.JAMBONZ_A;
import static org.sipladder.diagnose.JambonzLiveKitCall.JAMBONZ_B;
import static org.sipladder.diagnose.JambonzLiveKitCall.LIVEKIT_RTP;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTP a media relay (Jambonz's rtpengine) sends LiveKit stops because what it passes on stopped on its other leg:
 * the carrier held that leg, or just stopped sending. MEDIA_RTP_STOPPED on LiveKit's leg must say so, not that
 * nobody held the call.
 */
class RelayedStopTest {

    @TempDir
    Path dir;

    /**
     * Both legs talk from the answer until 5.3 s, when the carrier puts its leg on hold with a=inactive (and it and
     * Jambonz stop sending there); Jambonz stops sending to LiveKit, which goes on and hangs up 15.3 s after the last
     * packet toward it.
     */
    private Diagnosis carrierHoldsItsLeg() throws Exception {
        double start = JambonzLiveKitCall.ANSWER + 0.05;
        double hold = 5.3;
        double bye = JambonzLiveKitCall.last(start + 0.02, hold + 0.01) + 15.3;
        return JambonzLiveKitCall.answered()
                .rtp(CARRIER_RTP, JAMBONZ_A, start, hold, 0xCA1)
                .rtp(JAMBONZ_A, CARRIER_RTP, start + 0.01, hold, 0xB1)
                .rtp(JAMBONZ_B, LIVEKIT_RTP, start + 0.02, hold + 0.01, 0xB2)
                .rtp(LIVEKIT_RTP, JAMBONZ_B, start + 0.03, bye, 0x1C1)
                .carrierHold(hold, "inactive")
                .byeFromLiveKit(bye)
                .diagnose(dir);
    }

    /**
     * Both legs talk from the answer; the carrier's RTP (and so Jambonz's toward LiveKit) stops at 10 s, LiveKit and
     * Jambonz toward the carrier go on, and LiveKit hangs up 15.2 s after the last packet toward it.
     */
    private Diagnosis carrierStops() throws Exception {
        double start = JambonzLiveKitCall.ANSWER + 0.05;
        double stop = 10.3;
        double bye = JambonzLiveKitCall.last(start + 0.01, stop + 0.01) + 15.2;
        return JambonzLiveKitCall.answered()
                .rtp(CARRIER_RTP, JAMBONZ_A, start, stop, 0xCA1)
                .rtp(JAMBONZ_B, LIVEKIT_RTP, start + 0.01, stop + 0.01, 0xB2)
                .rtp(LIVEKIT_RTP, JAMBONZ_B, start - 0.01, bye, 0x1C1)
                .rtp(JAMBONZ_A, CARRIER_RTP, start - 0.005, bye, 0xB1)
                .byeFromLiveKit(bye + 0.001)
                .diagnose(dir);
    }

    private static Finding timeout(Diagnosis d) {
        List<Finding> timeouts = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);
        assertEquals(1, timeouts.size(), d.findings().toString());
        assertTrue(timeouts.get(0).primary(), timeouts.get(0).toString());
        return timeouts.get(0);
    }

    private static Finding stoppedOn(Diagnosis d, String callId) {
        List<Finding> stops = d.withCode(FindingCode.MEDIA_RTP_STOPPED).stream()
                .filter(f -> callId.equals(f.callId())).toList();
        assertEquals(1, stops.size(), d.findings().toString());
        return stops.get(0);
    }

    @Test
    void aRelayGoingSilentBecauseTheOtherLegWasHeldNamesThatHold() throws Exception {
        Diagnosis d = carrierHoldsItsLeg();

        Finding f = stoppedOn(d, "b-leg");
        assertFalse(f.explanation().contains("neither side put the call on hold"), f.explanation());
        assertTrue(f.explanation().contains("a-leg") && f.explanation().contains("a=inactive"), f.explanation());
        // the timeout's fact "Hold on leg a-leg: frame N INVITE from ..." names the hold re-INVITE
        String holdFact = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).get(0).evidence().facts().stream()
                .filter(x -> x.startsWith("Hold on leg a-leg: frame ")).findFirst().orElseThrow();
        long holdFrame = Long.parseLong(holdFact.split(" ")[5]);
        assertTrue(f.explanation().contains("frame " + holdFrame), holdFrame + ": " + f.explanation());
        assertTrue(f.evidence().frames().contains(holdFrame), f.evidence().toString());
        // its own media server did not break: the relay had nothing to pass on
        assertFalse(String.join(" ", f.fix().steps()).contains("NAT or firewall"), f.fix().steps().toString());
    }

    @Test
    void theStopsThatMadeLiveKitTimeOutPointAtThatTimeout() throws Exception {
        Diagnosis d = carrierStops();
        Finding primary = timeout(d);
        String named = FindingCode.MEDIA_TIMEOUT_HANGUP + ": " + primary.title();

        Finding toLiveKit = stoppedOn(d, "b-leg");
        assertEquals(Severity.WARNING, toLiveKit.severity());
        assertTrue(toLiveKit.explanation().contains(named), toLiveKit.explanation());
        // nothing of its own to fix: the primary cause's fix is the one
        assertTrue(toLiveKit.fix().steps().get(0).startsWith("Fix this call's primary cause first (" + named),
                toLiveKit.fix().steps().toString());

        Finding atCarrier = stoppedOn(d, "a-leg");
        assertEquals(Severity.WARNING, atCarrier.severity());
        assertTrue(atCarrier.explanation().contains(named) && atCarrier.explanation().contains("started"),
                atCarrier.explanation());
        // where the silence started, its own fix is the fix
        assertTrue(atCarrier.fix().steps().get(0).contains(JambonzLiveKitCall.CARRIER), atCarrier.fix().steps()
                .toString());
    }

    @Test
    void theRelaysSilenceDuringAHoldOnTheOtherLegPointsAtTheTimeoutItCaused() throws Exception {
        Diagnosis d = carrierHoldsItsLeg();
        Finding primary = timeout(d);

        Finding toLiveKit = stoppedOn(d, "b-leg");
        assertTrue(toLiveKit.explanation().contains(FindingCode.MEDIA_TIMEOUT_HANGUP + ": " + primary.title()),
                toLiveKit.explanation());
    }

    @Test
    void aRelayThatHeardTheCarrierButSentLiveKitNothingIsToldToCheckItsRelayNotTheFirewall() throws Exception {
        // the carrier's RTP reaches Jambonz throughout; Jambonz sends the carrier RTP but LiveKit none, and LiveKit
        // hangs up at its initial media timeout
        double start = JambonzLiveKitCall.ANSWER + 0.05;
        double bye = JambonzLiveKitCall.ANSWER + 30.1;
        Diagnosis d = JambonzLiveKitCall.answered()
                .rtp(CARRIER_RTP, JAMBONZ_A, start, bye, 0xCA1)
                .rtp(JAMBONZ_A, CARRIER_RTP, start + 0.01, bye, 0xB1)
                .rtp(LIVEKIT_RTP, JAMBONZ_B, start + 0.02, bye, 0x1C1)
                .byeFromLiveKit(bye + 0.001)
                .diagnose(dir);

        Finding f = timeout(d);
        assertEquals("b-leg", f.callId());
        assertTrue(f.explanation().contains("a-leg") && f.explanation().contains("did not pass them on"),
                f.explanation());
        String steps = String.join(" ", f.fix().steps());
        assertTrue(f.fix().steps().get(0).contains("rtpengine"), steps);
        // the capture sees Jambonz send on its other leg: what it never sent toward LiveKit no firewall dropped
        assertFalse(steps.contains("port ranges"), steps);
    }

    @Test
    void aRelayThatPassedTheAudioOnToAPortLiveKitDidNotAnnounceIsNotSaidToHaveWithheldIt() throws Exception {
        double start = JambonzLiveKitCall.ANSWER + 0.05;
        double bye = JambonzLiveKitCall.ANSWER + 30.1;
        Diagnosis d = JambonzLiveKitCall.answered()
                .rtp(CARRIER_RTP, JAMBONZ_A, start, bye, 0xCA1)
                .rtp(JAMBONZ_A, CARRIER_RTP, start + 0.01, bye, 0xB1)
                .rtp(JAMBONZ_B, JambonzLiveKitCall.LIVEKIT + ":50010", start + 0.015, bye, 0xB2)
                .rtp(LIVEKIT_RTP, JAMBONZ_B, start + 0.02, bye, 0x1C1)
                .byeFromLiveKit(bye + 0.001)
                .diagnose(dir);

        Finding f = timeout(d);
        assertTrue(f.explanation().contains("instead of the announced"), f.explanation());
        assertFalse(f.explanation().contains("did not pass them on"), f.explanation());
        assertFalse(String.join(" ", f.fix().steps()).contains("rtpengine-ctl"), f.fix().steps().toString());
    }
}
