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
 * A host on a private address behind a 1:1 NAT (a cloud VM: Jambonz with drachtio --external-ip and rtpengine
 * --interface private!public, self-hosted LiveKit with use_external_ip) advertises the NAT's public address in its
 * SDP, and a capture taken on it shows the RTP sent there arriving at its private address: that RTP reached it.
 */
class OneToOneNatTest {

    /** The NAT's public address Jambonz advertises: no packet of the capture goes to or comes from it. */
    private static final String PUBLIC = "198.51.100.20";
    private static final String PRIVATE_END = MediaCase.JAMBONZ + ":40000";

    @TempDir
    Path dir;

    /** Jambonz announces {@code PUBLIC:40000}; LiveKit's RTP arrives at {@code to}, Jambonz's leaves its private end. */
    private static MediaCase natted(String to, String hangsUp) {
        return MediaCase.jambonzToLiveKit(PUBLIC, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(PRIVATE_END, MediaFindingsTest.LK, 0.4, 1490, 0x1111, Set.of())
                .rtp(MediaFindingsTest.LK, to, 0.41, 1490, 0x2222, Set.of())
                .bye(hangsUp, 30.3);
    }

    private static List<FindingCode> media(Diagnosis d) {
        return d.findings().stream().map(Finding::code).filter(MediaFindingsTest.CODES::contains).toList();
    }

    @Test
    void rtpToTheAnnouncedPortAtTheHostsPrivateAddressReachedIt() throws Exception {
        // either side hanging up at 30 s with RTP flowing both ways is a normal hang-up, and the addresses agree
        for (String hangsUp : List.of(MediaCase.JAMBONZ, MediaCase.LIVEKIT)) {
            Diagnosis d = natted(PRIVATE_END, hangsUp).diagnose(dir);
            assertEquals(List.of(), media(d), d.findings().toString());
            assertFalse(d.failedAfterAnswer(MediaCase.flowId()), d.findings().toString());
        }
    }

    @Test
    void anotherPortAtThePrivateAddressStillMissesIt() throws Exception {
        // the NAT forwards the announced port only: LiveKit's RTP to 40002 never reached Jambonz's timer
        Diagnosis d = natted(MediaCase.JAMBONZ + ":40002", MediaCase.JAMBONZ).diagnose(dir);
        Finding primary = d.primaryFor(MediaCase.flowId()).orElseThrow();
        assertEquals(FindingCode.MEDIA_TIMEOUT_HANGUP, primary.code(), d.findings().toString());
        assertTrue(primary.explanation().contains("went to " + MediaCase.JAMBONZ + ":40002 instead of the announced "
                + PUBLIC + ":40000"), primary.explanation());
        assertFalse(d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH).isEmpty(), d.findings().toString());
    }

    @Test
    void aPublicAddressTheCaptureShowsIsNoNat() throws Exception {
        // RTP of the call reaches the advertised public address too: the capture sees that side, so RTP to the
        // private address is RTP elsewhere than announced, as before
        Diagnosis d = natted(PRIVATE_END, MediaCase.JAMBONZ)
                .rtp("192.0.2.7:5000", PUBLIC + ":40000", 0.5, 5, 0x3333, Set.of()).diagnose(dir);
        assertFalse(d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH).isEmpty(), d.findings().toString());
    }

    @Test
    void aReInviteRepeatingTheNattedAddressDidNotMoveLiveKitsRtp() throws Exception {
        // a session refresh re-INVITE repeats Jambonz's SDP; LiveKit's RTP to its private end stops a second later
        Diagnosis d = MediaCase.jambonzToLiveKit(PUBLIC, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(PRIVATE_END, MediaFindingsTest.LK, 0.4, 500, 0x1111, Set.of())
                .rtp(MediaFindingsTest.LK, PRIVATE_END, 0.41, 200, 0x2222, Set.of())
                .reInvite(3.5, PUBLIC, 40000, "sendrecv", MediaCase.LIVEKIT, 30000, "sendrecv")
                .bye(MediaCase.JAMBONZ, 10.5).diagnose(dir);
        assertEquals(1, d.withCode(FindingCode.MEDIA_RTP_STOPPED).size(), d.findings().toString());
        Finding stopped = d.withCode(FindingCode.MEDIA_RTP_STOPPED).get(0);
        assertTrue(stopped.explanation().contains("No re-INVITE or UPDATE in the capture moved the address"),
                stopped.explanation());
    }
}
