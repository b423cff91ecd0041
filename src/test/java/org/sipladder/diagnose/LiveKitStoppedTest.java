package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LiveKit's RTP toward the SBC stops mid-call while the SBC's goes on: LiveKit never stops sending during a call, so
 * the finding tells of a moved SDP address or a dropped path, never of an agent gone quiet.
 */
class LiveKitStoppedTest {

    private static final String SBC_PUBLIC = "203.0.113.10";
    private static final String SBC = SBC_PUBLIC + ":40000";
    private static final String LK = MediaCase.LIVEKIT + ":30000";

    @TempDir
    Path dir;

    /** Jambonz sends for 10 s; LiveKit's RTP stops after 2 s. */
    private static MediaCase liveKitStops() {
        return MediaCase.jambonzToLiveKit(SBC_PUBLIC, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 500, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 100, 0x2222, Set.of());
    }

    @Test
    void withNoMovedAddressItSaysLiveKitNeverStopsAndThePathDroppedIt() throws Exception {
        Finding f = only(liveKitStops().bye(MediaCase.JAMBONZ, 10.5).diagnose(dir));
        String why = f.explanation();
        assertTrue(why.contains("never stops sending RTP while the call lasts"), why);
        assertTrue(why.contains("No re-INVITE or UPDATE in the capture moved the address it sends to (" + SBC + ")"),
                why);
        assertFalse(why.contains("muted") || why.contains("media server"), why);
        String steps = String.join(" ", f.fix().steps());
        assertTrue(steps.contains("rtp_port range") && steps.contains("tcpdump -i any udp port 40000"), steps);
        assertFalse(steps.contains("media server or RTP proxy"), steps);
    }

    @Test
    void aReinviteThatMovedTheAddressIsNamed() throws Exception {
        Finding f = only(liveKitStops().reInvite(2.3, "203.0.113.11", 42000, "sendrecv", MediaCase.LIVEKIT, 30000,
                "sendrecv").bye(MediaCase.JAMBONZ, 10.5).diagnose(dir));
        String why = f.explanation();
        long reinvite = f.evidence().facts().stream().filter(s -> s.contains("c=IN IP4 203.0.113.11")).count();
        assertEquals(1, reinvite, f.evidence().facts().toString());
        assertTrue(why.matches("(?s).*The re-INVITE of frame \\d+ gave it the new address 203\\.0\\.113\\.11:42000 "
                + "\\(it sent to " + SBC + " before\\).*"), why);
        assertTrue(why.contains("none of it reached the capture point"), why);
        assertFalse(why.contains("muted"), why);
        String steps = String.join(" ", f.fix().steps());
        assertTrue(steps.contains("moved its media to 203.0.113.11:42000"), steps);
        assertTrue(steps.contains("tcpdump -i any udp port 42000"), steps);
    }

    @Test
    void aReinviteToAPrivateAddressSaysItCannotArrive() throws Exception {
        Finding f = only(liveKitStops().reInvite(2.3, MediaCase.JAMBONZ, 42000, "sendrecv", MediaCase.LIVEKIT, 30000,
                "sendrecv").bye(MediaCase.JAMBONZ, 10.5).diagnose(dir));
        String why = f.explanation();
        assertTrue(why.contains("gave it the new address " + MediaCase.JAMBONZ + ":42000"), why);
        assertTrue(why.contains("a private address that cannot be reached from the public internet"), why);
        String steps = String.join(" ", f.fix().steps());
        assertTrue(steps.contains("--interface=" + MediaCase.JAMBONZ + "!<public IP>"), steps);
        assertTrue(steps.contains(MediaReasons.LIVEKIT_LATCH), steps);
    }

    @Test
    void anotherSenderThatStopsKeepsItsWording() throws Exception {
        Finding f = only(MediaCase.jambonzToLiveKit(SBC_PUBLIC, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 100, 0x1111, Set.of()).rtp(LK, SBC, 0.41, 500, 0x2222, Set.of())
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir));
        assertTrue(f.explanation().endsWith("or it was muted without comfort noise."), f.explanation());
        assertFalse(f.explanation().contains("never stops"), f.explanation());
    }

    private static Finding only(Diagnosis d) {
        List<Finding> found = d.withCode(FindingCode.MEDIA_RTP_STOPPED);
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }
}
