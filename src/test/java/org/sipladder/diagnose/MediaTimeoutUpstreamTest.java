package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Rtp;

/**
 * A party times out after the RTP a media relay (a B2BUA anchoring both legs, Jambonz's rtpengine) sent it stopped,
 * because what the relay was to pass on stopped first on its other leg: the far party put that leg on hold, or just
 * stopped sending. The relay passes on only what it receives, so the timeout's cause and fix are on that other leg,
 * not on the path between the relay and the party that hung up.
 */
class MediaTimeoutUpstreamTest {

    private static final String PBX = RelayedCall.PBX;

    @TempDir
    Path dir;

    /**
     * Alice, the PBX and Bob talk until {@code stop} s; from then Alice sends nothing (after a hold re-INVITE with
     * {@code hold} when not null), so neither does the PBX toward Bob; Bob and the PBX toward Alice... Bob keeps
     * sending and hangs up 15.3 s after the last RTP reached him.
     */
    private static RelayedCall upstreamStops(double stop, String hold) {
        RelayedCall c = RelayedCall.throughB2bua("", RelayedCall.sdp(RelayedCall.ALICE, 40000),
                RelayedCall.sdp(PBX, 31000), RelayedCall.sdp(RelayedCall.BOB, 50000), RelayedCall.sdp(PBX, 30000));
        int talk = (int) ((stop - 0.4) / 0.02);
        double bye = 0.4 + (talk - 1) * 0.02 + 0.01 + 15.3;
        int rest = (int) ((bye - 0.4) / 0.02);
        c.rtp(RelayedCall.ALICE + ":40000", PBX + ":30000", 0.4, talk, 0x1111, 0, 0)
                .rtp(PBX + ":31000", RelayedCall.BOB + ":50000", 0.41, talk, 0x2222, 0, 0)
                .rtp(RelayedCall.BOB + ":50000", PBX + ":31000", 0.405, rest, 0x3333, 0, 0)
                .rtp(PBX + ":30000", RelayedCall.ALICE + ":40000", 0.415, hold == null ? rest : talk, 0x4444, 0, 0);
        if (hold != null) {
            c.reinviteFromAlice(stop, Rtp.sdp(RelayedCall.ALICE, 40000, hold), Rtp.sdp(PBX, 30000, hold));
        }
        return c.byeFromBob(bye);
    }

    private Finding timeout(RelayedCall c) throws Exception {
        Diagnosis d = c.diagnose(dir);
        List<Finding> timeouts = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);
        assertEquals(1, timeouts.size(), d.findings().toString());
        return timeouts.get(0);
    }

    @Test
    void aHoldOnTheOtherLegThatTheRelayDidNotPassOnIsWhyTheTimerRanOut() throws Exception {
        Finding f = timeout(upstreamStops(5, "inactive"));
        assertEquals("b-leg", f.callId());
        assertTrue(f.title().contains("on hold"), f.title());
        assertTrue(f.explanation().contains("a-leg") && f.explanation().contains("a=inactive")
                && f.explanation().contains("no network fault"), f.explanation());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("Hold on leg a-leg")),
                f.evidence().facts().toString());
        assertFalse(String.join(" ", f.fix().steps()).contains("port ranges"), f.fix().steps().toString());
    }

    @Test
    void rtpThatStoppedFirstOnTheOtherLegIsWhereTheSilenceStarted() throws Exception {
        Finding f = timeout(upstreamStops(10, null));
        assertEquals("b-leg", f.callId());
        assertTrue(f.explanation().contains("stopped first on leg a-leg"), f.explanation());
        assertFalse(String.join(" ", f.fix().steps()).contains("port ranges"), f.fix().steps().toString());
    }
}
