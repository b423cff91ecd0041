package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hold re-INVITE to LiveKit, which answers every re-INVITE with its first SDP, sendrecv (livekit/sip
 * AcceptAsKeepAlive): the finding says what that does to the call and what the user can do, not how to change
 * LiveKit's answer; toward any other answerer it stays the RFC 3264 mismatch to fix there.
 */
class LiveKitHoldTest {

    /** Jambonz's media address in {@link MediaFindingsTest#clean()}. */
    private static final String SBC_MEDIA = "203.0.113.10";

    @TempDir
    Path dir;

    private Finding heldAtLiveKit(String direction) throws Exception {
        Diagnosis d = MediaFindingsTest.clean()
                .reInvite(5, SBC_MEDIA, 40000, direction, MediaCase.LIVEKIT, 30000, "sendrecv").diagnose(dir);
        assertEquals(1, d.withCode(FindingCode.MEDIA_HOLD_MISMATCH).size(), d.findings().toString());
        return d.withCode(FindingCode.MEDIA_HOLD_MISMATCH).get(0);
    }

    @Test
    void liveKitAnsweringAHoldSendrecvIsItsWayWithTheHoldMusicPlayedIntoTheRoom() throws Exception {
        Finding f = heldAtLiveKit("sendonly");
        assertEquals(Severity.INFO, f.severity());
        assertEquals("LiveKit does not take hold from a re-INVITE: a=sendonly answered a=sendrecv", f.title());
        assertTrue(f.explanation().contains("AcceptAsKeepAlive") && f.explanation().contains("hold music"),
                f.explanation());
        String steps = f.fix().steps().toString();
        assertFalse(steps.contains("Make " + MediaCase.LIVEKIT), steps);
        assertTrue(steps.contains("handle the hold in the agent") && steps.contains("Jambonz"), steps);
    }

    @Test
    void anInactiveHoldAtLiveKitRunsIntoItsMediaTimeout() throws Exception {
        Finding f = heldAtLiveKit("inactive");
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.explanation().contains("media_timeout (15 s"), f.explanation());
    }

    @Test
    void anInitialOfferOnHoldIsNoReInviteLiveKitTakesAsAKeepAlive() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(org.sipladder.testkit.Rtp.sdp(SBC_MEDIA, 40000, "sendonly"),
                org.sipladder.testkit.Rtp.sdp(MediaCase.LIVEKIT, 30000, "sendrecv")).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_HOLD_MISMATCH).get(0);
        assertEquals("Hold offered as a=sendonly but answered a=sendrecv", f.title());
        assertFalse(f.explanation().contains("AcceptAsKeepAlive"), f.explanation());
    }

    @Test
    void anotherAnswererIsStillToldToMirrorTheHold() throws Exception {
        Diagnosis d = RelayedCall.throughProxy(org.sipladder.testkit.Rtp.sdp(RelayedCall.ALICE, 40000, "sendonly"),
                RelayedCall.sdp(RelayedCall.BOB, 50000)).rtp(RelayedCall.ALICE + ":40000", RelayedCall.BOB + ":50000",
                0.4, 500, 0x1111, 0, 0).bye(10.5).diagnose(dir);
        Finding f = d.withCode(FindingCode.MEDIA_HOLD_MISMATCH).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("Hold offered as a=sendonly but answered a=sendrecv", f.title());
        assertTrue(f.fix().steps().get(0).startsWith("Make " + RelayedCall.BOB + " answer a hold offer"),
                f.fix().steps().toString());
    }

    @Test
    void liveKitsMediaTimeoutOnAHeldCallIsTheHoldNotAFirewall() throws Exception {
        // Jambonz's RTP stops as it puts the call on hold (a=inactive) at 10 s; LiveKit answers sendrecv, keeps
        // sending, and hangs up 15 s after the last packet it got
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(MediaFindingsTest.SBC, MediaFindingsTest.LK, 0.4, 480, 0x1111, java.util.Set.of())
                .rtp(MediaFindingsTest.LK, MediaFindingsTest.SBC, 0.41, 1240, 0x2222, java.util.Set.of())
                .reInvite(10, SBC_MEDIA, 40000, "inactive", MediaCase.LIVEKIT, 30000, "sendrecv")
                .bye(MediaCase.LIVEKIT, 24.9).diagnose(dir);
        Finding primary = d.primaryFor(MediaCase.flowId()).orElseThrow();
        assertEquals(FindingCode.MEDIA_TIMEOUT_HANGUP, primary.code(), d.findings().toString());
        assertTrue(primary.title().endsWith("for the last 15 s, the call on hold (a=inactive)"), primary.title());
        assertTrue(primary.explanation().contains("put the call on hold with a=inactive (re-INVITE, frame ")
                && primary.explanation().contains("AcceptAsKeepAlive"), primary.explanation());
        assertFalse(primary.explanation().contains("firewall"), primary.explanation());
        assertEquals(LiveKitHold.STEPS, primary.fix().steps());
        // a hold offered 7 s before the RTP stopped is not why it stopped: the firewall stays a candidate
        Diagnosis resumed = MediaCase.jambonzToLiveKit(SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(MediaFindingsTest.SBC, MediaFindingsTest.LK, 0.4, 480, 0x1111, java.util.Set.of())
                .rtp(MediaFindingsTest.LK, MediaFindingsTest.SBC, 0.41, 1240, 0x2222, java.util.Set.of())
                .reInvite(3, SBC_MEDIA, 40000, "inactive", MediaCase.LIVEKIT, 30000, "sendrecv")
                .bye(MediaCase.LIVEKIT, 24.9).diagnose(dir);
        Finding timeout = resumed.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).get(0);
        assertFalse(timeout.explanation().contains("on hold"), timeout.explanation());
    }
}
