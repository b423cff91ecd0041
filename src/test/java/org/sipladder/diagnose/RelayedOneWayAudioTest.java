package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.RelayedCall.ALICE;
import static org.sipladder.diagnose.RelayedCall.BOB;
import static org.sipladder.diagnose.RelayedCall.PBX;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-way audio across a B2BUA that anchors the media of both legs (Jambonz with rtpengine between the carrier and
 * LiveKit): the relay sends on one leg only what it gets on the other, so the finding is primary where the silence
 * started, and a leg whose silence follows from it says so; a relay that got audio and passed none on is the cause
 * itself; a capture of one leg says what it cannot see.
 */
class RelayedOneWayAudioTest {

    private static final String ALICE_MEDIA = ALICE + ":40000";
    private static final String BOB_MEDIA = BOB + ":50000";
    /** The B2BUA's media toward Alice (A-leg) and toward Bob (B-leg). */
    private static final String PBX_A = PBX + ":30000";
    private static final String PBX_B = PBX + ":31000";

    @TempDir
    Path dir;

    /** Alice calls Bob through a B2BUA named {@code agent} that anchors the media: its own SDP on each leg. */
    private static RelayedCall anchored(String agent) {
        return RelayedCall.throughB2bua(agent, RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(PBX, 31000),
                RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(PBX, 30000));
    }

    private static Finding onLeg(Diagnosis d, String callId) {
        return d.withCode(FindingCode.MEDIA_ONE_WAY).stream().filter(f -> callId.equals(f.callId())).findFirst()
                .orElseThrow(() -> new AssertionError(callId + ": " + d.findings()));
    }

    @Test
    void silenceFromTheFarEndIsPrimaryOnItsLegAndTheRelayedLegFollowsFromIt() throws Exception {
        // Alice's audio crosses the B2BUA to Bob; Bob sends none, so the B2BUA has nothing to send Alice
        Diagnosis d = anchored("Jambonz")
                .rtp(ALICE_MEDIA, PBX_A, 0.4, 500, 0x1111, 0, 0)
                .rtp(PBX_B, BOB_MEDIA, 0.41, 500, 0x2222, 0, 0).bye(10.5).diagnose(dir);
        assertEquals(2, d.withCode(FindingCode.MEDIA_ONE_WAY).size(), d.findings().toString());
        Finding origin = onLeg(d, "b-leg");
        Finding relayed = onLeg(d, "a-leg");
        Finding primary = d.primaryFor(relayed.flowId()).orElseThrow();
        assertEquals("b-leg", primary.callId(), primary.title());
        // one cause, one error: the leg it was passed on to follows from it
        assertEquals(Severity.ERROR, origin.severity());
        assertEquals(Severity.WARNING, relayed.severity());
        assertTrue(relayed.explanation().endsWith(" This silence started on leg b-leg, this call's primary cause "
                + "(MEDIA_ONE_WAY: " + origin.title() + "), and a media relay passed it on, not a second problem: "
                + "fixing that fixes this too."), relayed.explanation());
        assertTrue(origin.explanation().contains("relays this audio to " + ALICE + " on leg a-leg, where none arrived "
                + "either: the silence " + ALICE + " hears starts here."), origin.explanation());
        assertTrue(relayed.explanation().contains("This follows from its other leg: Jambonz (" + PBX + ") relays to "
                + ALICE + " the audio it gets from " + BOB + " on leg b-leg, and no RTP from " + BOB
                + " reached it there."), relayed.explanation());
        assertFalse(relayed.explanation().contains("firewall"), relayed.explanation());
        assertEquals(1, relayed.fix().steps().size(), relayed.fix().steps().toString());
        assertTrue(relayed.fix().steps().get(0).startsWith("Fix the missing audio from " + BOB + " to Jambonz ("
                + PBX + ") on leg b-leg first"), relayed.fix().steps().get(0));
        assertTrue(relayed.evidence().facts().contains("Leg b-leg: no RTP from " + BOB + " to Jambonz (" + PBX + ")"),
                relayed.evidence().facts().toString());
        assertTrue(d.failedAfterAnswer(relayed.flowId()));
    }

    @Test
    void silenceFromTheCallerIsPrimaryOnTheCallersLeg() throws Exception {
        // the mirror: Alice sends nothing, so nothing reaches Bob; the B2BUA does pass Bob's audio to Alice
        Diagnosis d = anchored("Jambonz")
                .rtp(BOB_MEDIA, PBX_B, 0.4, 500, 0x1111, 0, 0)
                .rtp(PBX_A, ALICE_MEDIA, 0.41, 500, 0x2222, 0, 0).bye(10.5).diagnose(dir);
        Finding relayed = onLeg(d, "b-leg");
        assertEquals("a-leg", d.primaryFor(relayed.flowId()).orElseThrow().callId());
        assertTrue(relayed.explanation().contains("This follows from its other leg"), relayed.explanation());
        assertTrue(onLeg(d, "a-leg").explanation().contains("starts here"), onLeg(d, "a-leg").explanation());
    }

    @Test
    void aRelayThatGotTheAudioButPassedNoneOnIsTheCauseItself() throws Exception {
        // Bob's audio reaches the B2BUA, which sends Alice nothing
        Diagnosis d = anchored("Jambonz")
                .rtp(ALICE_MEDIA, PBX_A, 0.4, 500, 0x1111, 0, 0)
                .rtp(PBX_B, BOB_MEDIA, 0.41, 500, 0x2222, 0, 0)
                .rtp(BOB_MEDIA, PBX_B, 0.42, 500, 0x3333, 0, 0).bye(10.5).diagnose(dir);
        List<Finding> oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY);
        assertEquals(1, oneWay.size(), d.findings().toString());
        Finding f = oneWay.get(0);
        assertTrue(f.primary());
        assertTrue(f.explanation().contains("on its other leg (b-leg) 500 RTP packets from " + BOB + " reached Jambonz ("
                + PBX + "), so Jambonz (" + PBX + ") itself did not pass them on to " + ALICE + ": its media relay "
                + "(rtpengine) did not bridge the two legs"), f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("Check Jambonz's media relay for this call: on the Jambonz host, "
                + "rtpengine-ctl list sessions all"), f.fix().steps().toString());
        // any other B2BUA: its media relay, not rtpengine
        Finding generic = anchored("FreeSWITCH")
                .rtp(ALICE_MEDIA, PBX_A, 0.4, 500, 0x1111, 0, 0)
                .rtp(PBX_B, BOB_MEDIA, 0.41, 500, 0x2222, 0, 0)
                .rtp(BOB_MEDIA, PBX_B, 0.42, 500, 0x3333, 0, 0).bye(10.5).diagnose(dir)
                .withCode(FindingCode.MEDIA_ONE_WAY).get(0);
        assertTrue(generic.explanation().contains("its media relay did not bridge the two legs"), generic.explanation());
        assertFalse(generic.explanation().contains("rtpengine"), generic.explanation());
        assertTrue(generic.fix().steps().get(0).startsWith("Check the media relay of"), generic.fix().steps().toString());
    }

    @Test
    void aCaptureOfOneLegOfAB2buaSaysTheOtherLegIsOutsideItsView() throws Exception {
        Finding f = RelayedCall.toPbx("Jambonz", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(PBX, 30000))
                .rtp(ALICE_MEDIA, PBX_A, 0.4, 500, 0x1111, 0, 0).bye(10.5).diagnose(dir)
                .withCode(FindingCode.MEDIA_ONE_WAY).get(0);
        assertTrue(f.explanation().contains("it relays to " + ALICE + " the audio it gets there, and that leg is not "
                + "in this capture: whether any audio reached Jambonz (" + PBX + ") there, the capture does not show"),
                f.explanation());
        assertTrue(f.fix().steps().get(0).startsWith("Capture both legs of Jambonz (" + PBX + ")"),
                f.fix().steps().toString());
        // a host the capture shows nothing of a B2BUA about: no guess about legs it may have
        Finding phone = RelayedCall.toPbx("", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(PBX, 30000))
                .rtp(ALICE_MEDIA, PBX_A, 0.4, 500, 0x1111, 0, 0).bye(10.5).diagnose(dir)
                .withCode(FindingCode.MEDIA_ONE_WAY).get(0);
        assertFalse(phone.explanation().contains("other leg"), phone.explanation());
    }

    @Test
    void anOtherLegWithoutRtpInTheCaptureIsSaidToBeUnseen() throws Exception {
        Diagnosis d = anchored("Jambonz").rtp(ALICE_MEDIA, PBX_A, 0.4, 500, 0x1111, 0, 0).bye(10.5).diagnose(dir);
        Finding f = onLeg(d, "a-leg");
        assertTrue(f.explanation().contains("On its other leg (b-leg) the capture holds no RTP either way, so whether "
                + BOB + " sent Jambonz (" + PBX + ") any audio to pass on, it does not show."), f.explanation());
        // judged silent by MEDIA_NO_RTP, that leg is the primary cause: the relay had nothing to pass on
        Finding noRtp = d.withCode(FindingCode.MEDIA_NO_RTP).get(0);
        assertTrue(noRtp.primary(), d.findings().toString());
        assertEquals(Severity.WARNING, f.severity(), f.explanation());
        assertTrue(f.explanation().contains("No RTP flowed either way on leg b-leg"), f.explanation());
    }
}
