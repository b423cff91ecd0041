package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.RelayedCall.ALICE;
import static org.sipladder.diagnose.RelayedCall.BOB;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stateful proxy that keeps the Call-ID and anchors the media in a relay beside it (Kamailio or OpenSIPS with
 * rtpengine_offer/answer): each side of the proxy gets an SDP naming the relay, so the one Call-ID carries two media
 * sessions, Alice with the relay and the relay with Bob, each judged with the SDP of its own hop.
 */
class ProxyMediaRelayTest {

    /** rtpengine: no SIP of its own; its port toward Alice and its port toward Bob. */
    private static final String RELAY = "10.1.0.7";
    private static final String RELAY_A = RELAY + ":30000";
    private static final String RELAY_B = RELAY + ":31000";
    private static final String ALICE_MEDIA = ALICE + ":40000";
    private static final String BOB_MEDIA = BOB + ":50000";

    @TempDir
    Path dir;

    private static RelayedCall anchored() {
        return RelayedCall.throughProxy(RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(RELAY, 31000),
                RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(RELAY, 30000));
    }

    @Test
    void relayedMediaBothWaysIsNoProblem() throws Exception {
        // each side sends to the relay's port its own SDP named, the relay sends from that port (symmetric RTP)
        Diagnosis d = anchored()
                .rtp(ALICE_MEDIA, RELAY_A, 0.4, 500, 0x1111, 0, 0)
                .rtp(RELAY_B, BOB_MEDIA, 0.401, 500, 0x1111, 0, 0)
                .rtp(BOB_MEDIA, RELAY_B, 0.41, 500, 0x2222, 0, 0)
                .rtp(RELAY_A, ALICE_MEDIA, 0.411, 500, 0x2222, 0, 0).bye(10.5).diagnose(dir);
        assertEquals(List.of(), d.findings(), "nothing is wrong with this call");
    }

    @Test
    void calleeSendingNothingIsOneWayAudioNamingTheCallee() throws Exception {
        // Bob sends no RTP: the relay has nothing to pass to Alice
        Diagnosis d = anchored()
                .rtp(ALICE_MEDIA, RELAY_A, 0.4, 500, 0x1111, 0, 0)
                .rtp(RELAY_B, BOB_MEDIA, 0.401, 500, 0x1111, 0, 0).bye(10.5).diagnose(dir);
        List<Finding> oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY);
        assertFalse(oneWay.isEmpty(), d.findings().toString());
        assertTrue(d.withCode(FindingCode.MEDIA_ADDRESS_MISMATCH).isEmpty(), d.findings().toString());
        Finding primary = d.primaryFor(oneWay.get(0).flowId()).orElseThrow();
        assertEquals(FindingCode.MEDIA_ONE_WAY, primary.code(), primary.title());
        // the silence starts at Bob, who got audio and sent none
        assertTrue(primary.explanation().contains(BOB + " received audio but sent none"), primary.explanation());
        // both hops are Call-ID proxied-call: the facts name the hop, not the Call-ID
        for (Finding f : oneWay) {
            assertFalse(f.evidence().facts().toString().contains("Leg proxied-call"), f.evidence().facts().toString());
        }
        assertTrue(oneWay.stream().anyMatch(f -> f.evidence().facts().toString().contains("The hop ")),
                oneWay.toString());
    }
    @Test
    void aStopBehindTheRelayNamesTheHopNotTheCallIdBothHopsShare() throws Exception {
        // Bob's RTP stops after 3 s, Alice's goes on to the BYE: the relay has nothing more to pass to Alice
        Diagnosis d = anchored()
                .rtp(ALICE_MEDIA, RELAY_A, 0.4, 740, 0x1111, 0, 0)
                .rtp(RELAY_B, BOB_MEDIA, 0.401, 740, 0x1111, 0, 0)
                .rtp(BOB_MEDIA, RELAY_B, 0.41, 150, 0x2222, 0, 0)
                .rtp(RELAY_A, ALICE_MEDIA, 0.411, 150, 0x2222, 0, 0).bye(15.3).diagnose(dir);
        List<Finding> stops = d.withCode(FindingCode.MEDIA_RTP_STOPPED);
        assertFalse(stops.isEmpty(), d.findings().toString());
        for (Finding f : stops) {
            String text = f.explanation() + " " + f.evidence().facts() + " " + f.fix().steps();
            // both hops are Call-ID proxied-call: "on leg proxied-call" tells them not apart
            assertFalse(text.contains("leg proxied-call"), text);
        }
        String toAlice = stops.stream().filter(f -> f.title().contains(" to " + ALICE + " ")).findFirst().orElseThrow(() -> new AssertionError(stops))
                .explanation();
        assertTrue(toAlice.contains("the hop " + RelayedCall.PBX + " -> " + BOB), toAlice);
    }
}
