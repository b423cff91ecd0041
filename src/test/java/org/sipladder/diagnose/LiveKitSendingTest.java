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
 * No RTP from LiveKit toward the SBC on an answered leg: LiveKit sends from the answer on, silence included, to the
 * SBC's SDP address, so the findings say where it went instead of suggesting an agent that did not speak.
 */
class LiveKitSendingTest {

    /** Jambonz's public media address; the private one is {@link MediaCase#JAMBONZ} itself. */
    private static final String SBC_PUBLIC = "203.0.113.10";
    private static final String LK = MediaCase.LIVEKIT + ":30000";

    @TempDir
    Path dir;

    @Test
    void oneWayWithLiveKitSilentToAPublicAddressSaysItSentThereAndNamesTheCaptureAndFirewall() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_PUBLIC, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC_PUBLIC + ":40000", LK, 0.4, 500, 0x1111, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        Finding f = only(d, FindingCode.MEDIA_ONE_WAY);
        String why = f.explanation();
        assertTrue(why.contains("sends RTP from its 200 OK (frame 3) on, silence included"), why);
        assertTrue(why.contains(SBC_PUBLIC + ":40000, the c=/m= address of the SDP it got (frame 1 INVITE)"), why);
        assertTrue(why.contains("none of it reached the capture point"), why);
        assertFalse(why.contains("did not send") || why.contains("not started"), why);
        String steps = String.join(" ", f.fix().steps());
        assertTrue(steps.contains("tcpdump -i any udp port 40000"), steps);
        assertTrue(steps.contains("rtp_port range"), steps);
        assertFalse(steps.contains("--external-ip"), steps);
    }

    @Test
    void oneWayWithLiveKitSilentToAPrivateAddressSaysItWentWhereItCannotArriveAndHowToAdvertise() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaCase.JAMBONZ, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(MediaCase.JAMBONZ + ":40000", LK, 0.4, 500, 0x1111, Set.of()).bye(MediaCase.JAMBONZ, 10.5)
                .diagnose(dir);
        Finding f = only(d, FindingCode.MEDIA_ONE_WAY);
        String why = f.explanation();
        assertTrue(why.contains("sends RTP from its 200 OK (frame 3) on, silence included"), why);
        assertTrue(why.contains("to " + MediaCase.JAMBONZ + ":40000"), why);
        assertTrue(why.contains("unreachable address (SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER of this call)"), why);
        assertFalse(d.withCode(FindingCode.SIP_PRIVATE_ADDRESS_TO_PUBLIC_PEER).isEmpty(), d.findings().toString());
        String steps = String.join(" ", f.fix().steps());
        assertTrue(steps.contains("--interface=" + MediaCase.JAMBONZ + "!<public IP>"), steps);
        assertTrue(steps.contains(MediaReasons.LIVEKIT_LATCH), steps);
    }

    @Test
    void noRtpOnTheLiveKitLegSaysWhereLiveKitsRtpWent() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_PUBLIC, 40000, MediaCase.LIVEKIT, 30000)
                .rtp("192.0.2.1:20000", "192.0.2.2:20002", 0.5, 100, 0x77, Set.of()).bye(MediaCase.JAMBONZ, 10.5)
                .diagnose(dir);
        Finding f = only(d, FindingCode.MEDIA_NO_RTP);
        String why = f.explanation();
        assertTrue(why.contains("sends RTP from its 200 OK (frame 3) on, silence included"), why);
        assertTrue(why.contains("to " + SBC_PUBLIC + ":40000"), why);
        assertTrue(f.evidence().frames().contains(1L), f.evidence().toString());
    }

    @Test
    void aSilentSenderOtherThanLiveKitKeepsItsWording() throws Exception {
        // Jambonz sends nothing to LiveKit while LiveKit's RTP flows: nothing is known of Jambonz's sending
        Diagnosis d = MediaCase.jambonzToLiveKit(SBC_PUBLIC, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(LK, SBC_PUBLIC + ":40000", 0.4, 500, 0x2222, Set.of()).bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        String why = only(d, FindingCode.MEDIA_ONE_WAY).explanation();
        assertTrue(why.contains("sent no RTP toward LiveKit (" + MediaCase.LIVEKIT + ") at all"), why);
        assertFalse(why.contains("silence included"), why);
    }

    private static Finding only(Diagnosis d, FindingCode code) {
        List<Finding> found = d.withCode(code);
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }
}
