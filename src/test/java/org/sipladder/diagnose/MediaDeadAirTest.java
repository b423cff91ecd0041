package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.RelayedCall.ALICE;
import static org.sipladder.diagnose.RelayedCall.BOB;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Rtp;

/**
 * MEDIA_DEAD_AIR: RTP stops in both directions and the call goes on silent until a BYE (a media relay or NAT binding
 * that dropped, both sides on hold without a re-INVITE). MEDIA_RTP_STOPPED only sees one direction stop while the
 * other goes on, so this silence was reported by nothing (kamailio + rtpengine, RTP 1.2-3.2 s, BYE at 15.2 s).
 */
class MediaDeadAirTest {

    private static final String RELAY = "10.1.0.7";
    private static final String RELAY_A = RELAY + ":30000";
    private static final String RELAY_B = RELAY + ":31000";
    private static final String ALICE_MEDIA = ALICE + ":40000";
    private static final String BOB_MEDIA = BOB + ":50000";

    @TempDir
    Path dir;

    /** Alice - proxy + relay - Bob, RTP on all four streams for 3 s from 0.4 s. */
    private static RelayedCall relayedThreeSeconds() {
        return RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(RELAY, 31000),
                        RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(RELAY, 30000))
                .rtp(ALICE_MEDIA, RELAY_A, 0.4, 150, 0x1111, 0, 0)
                .rtp(RELAY_B, BOB_MEDIA, 0.401, 150, 0x1111, 0, 0)
                .rtp(BOB_MEDIA, RELAY_B, 0.41, 150, 0x2222, 0, 0)
                .rtp(RELAY_A, ALICE_MEDIA, 0.411, 150, 0x2222, 0, 0);
    }

    @Test
    void silenceBothWaysBeforeTheByeIsReportedOnceWithItsStreamsAndWhoHungUp() throws Exception {
        Diagnosis d = relayedThreeSeconds().bye(15.4).diagnose(dir);
        List<Finding> dead = d.withCode(FindingCode.MEDIA_DEAD_AIR);
        assertEquals(1, dead.size(), d.findings().toString());
        Finding f = dead.get(0);
        assertEquals(Severity.WARNING, f.severity());
        // the last packet at 0.411 + 149 * 0.02 = 3.391 s, the BYE at 15.4 s
        assertTrue(f.title().contains("12.0 s"), f.title());
        assertTrue(f.title().contains(ALICE), f.title());
        String text = f.explanation();
        assertTrue(text.contains("no re-INVITE or UPDATE put the call on hold"), text);
        assertTrue(text.contains(RELAY), "the media relay is named: " + text);
        // every stream that stopped is evidence, with when it stopped
        for (String stream : List.of(ALICE_MEDIA + " -> " + RELAY_A, RELAY_B + " -> " + BOB_MEDIA,
                BOB_MEDIA + " -> " + RELAY_B, RELAY_A + " -> " + ALICE_MEDIA)) {
            assertTrue(f.evidence().facts().stream().anyMatch(x -> x.contains(stream)), stream + " in "
                    + f.evidence().facts());
        }
        assertTrue(d.withCode(FindingCode.MEDIA_RTP_STOPPED).isEmpty(), d.findings().toString());
    }

    @Test
    void aShortSilenceBeforeTheByeIsAHangUp() throws Exception {
        Diagnosis d = relayedThreeSeconds().bye(6.4).diagnose(dir);
        assertTrue(d.withCode(FindingCode.MEDIA_DEAD_AIR).isEmpty(), d.findings().toString());
    }

    @Test
    void aHoldByReinviteIsNoDeadAir() throws Exception {
        Diagnosis d = relayedThreeSeconds()
                .reinviteFromAlice(3.3, Rtp.sdp(ALICE, 40000, "sendonly"), Rtp.sdp(RELAY, 30000, "recvonly"))
                .bye(15.4).diagnose(dir);
        assertTrue(d.withCode(FindingCode.MEDIA_DEAD_AIR).isEmpty(), d.findings().toString());
    }

    @Test
    void oneDirectionGoingOnIsTheStopNotDeadAir() throws Exception {
        Diagnosis d = RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(BOB, 50000))
                .rtp(ALICE_MEDIA, BOB_MEDIA, 0.4, 700, 0x1111, 0, 0)
                .rtp(BOB_MEDIA, ALICE_MEDIA, 0.41, 150, 0x2222, 0, 0).bye(15.4).diagnose(dir);
        assertTrue(d.withCode(FindingCode.MEDIA_DEAD_AIR).isEmpty(), d.findings().toString());
        assertEquals(1, d.withCode(FindingCode.MEDIA_RTP_STOPPED).size(), d.findings().toString());
    }

    @Test
    void callerHangingUpBeforeLiveKitsMediaTimeoutIsDeadAirThatSaysWhenLiveKitWouldHaveEndedIt() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpBothWays(MediaFindingsTest.SBC, MediaFindingsTest.LK, 3).bye(MediaCase.JAMBONZ, 12)
                .diagnose(dir);
        List<Finding> dead = d.withCode(FindingCode.MEDIA_DEAD_AIR);
        assertEquals(1, dead.size(), d.findings().toString());
        assertTrue(dead.get(0).explanation().contains("media_timeout"), dead.get(0).explanation());
        assertTrue(d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty(), d.findings().toString());
    }

    @Test
    void liveKitHangingUpAtItsMediaTimeoutIsThatTimeoutAlone() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(MediaFindingsTest.SBC, MediaFindingsTest.LK, 0.4, 150, 0x1111, Set.of())
                .rtp(MediaFindingsTest.LK, MediaFindingsTest.SBC, 0.41, 150, 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, 18.5).diagnose(dir);
        assertEquals(1, d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).size(), d.findings().toString());
        assertTrue(d.withCode(FindingCode.MEDIA_DEAD_AIR).isEmpty(), d.findings().toString());
    }
}
