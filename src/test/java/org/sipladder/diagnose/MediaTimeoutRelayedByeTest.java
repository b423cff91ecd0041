package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A B2BUA passes on the BYE the far end sent at its media timeout: the media timeout is the far end's, not the
 * B2BUA's, whose BYE on the other leg follows it within milliseconds (carrier, Jambonz, LiveKit: LiveKit hangs up
 * 30 s after the answer because no RTP reached it, and Jambonz ends the carrier's leg).
 */
class MediaTimeoutRelayedByeTest {

    @TempDir
    Path dir;

    /**
     * The B2BUA anchors the media on both legs; Alice sends no RTP, so none reaches Bob either, and Bob hangs up
     * 30 s after the answer; the B2BUA passes the BYE on to Alice.
     */
    private static RelayedCall bobTimesOut() {
        String pbx = RelayedCall.PBX;
        return RelayedCall.throughB2bua("", RelayedCall.sdp(RelayedCall.ALICE, 40000), RelayedCall.sdp(pbx, 31000),
                        RelayedCall.sdp(RelayedCall.BOB, 50000), RelayedCall.sdp(pbx, 30000))
                .rtp(RelayedCall.BOB + ":50000", pbx + ":31000", 0.4, 1490, 0x2222, 0, 0)
                .rtp(pbx + ":30000", RelayedCall.ALICE + ":40000", 0.41, 1490, 0x3333, 0, 0)
                .byeFromBob(30.3);
    }

    @Test
    void theTimeoutIsBlamedOnTheEndThatHungUpNotOnTheB2buaThatPassedTheByeOn() throws Exception {
        Diagnosis d = bobTimesOut().diagnose(dir);
        List<Finding> timeouts = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP);
        assertEquals(1, timeouts.size(), d.findings().toString());
        Finding timeout = timeouts.get(0);
        assertTrue(timeout.title().contains(RelayedCall.BOB), timeout.title());
        assertEquals("b-leg", timeout.callId());
    }

    @Test
    void theTimeoutIsTheOneErrorWithTheFixWhereItsSilenceStarted() throws Exception {
        // Alice sent nothing, so the B2BUA had nothing to pass on to Bob, who timed out: one cause, fixed on the A-leg
        Diagnosis d = bobTimesOut().diagnose(dir);
        Finding primary = d.primaryFor(d.findings().get(0).flowId()).orElseThrow();
        assertEquals(FindingCode.MEDIA_TIMEOUT_HANGUP, primary.code(), d.findings().toString());
        assertEquals(List.of(primary), d.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList(),
                d.findings().toString());
        Finding start = d.withCode(FindingCode.MEDIA_ONE_WAY).stream().filter(f -> "a-leg".equals(f.callId()))
                .findFirst().orElseThrow();
        Finding relayed = d.withCode(FindingCode.MEDIA_ONE_WAY).stream().filter(f -> "b-leg".equals(f.callId()))
                .findFirst().orElseThrow();
        assertEquals(Severity.WARNING, start.severity());
        assertTrue(start.explanation().endsWith(" This is where the silence of this call's primary cause "
                + "(MEDIA_TIMEOUT_HANGUP: " + primary.title() + ") started: a media relay passed it on to leg b-leg. "
                + "One problem, not two: its fix is this one."), start.explanation());
        assertEquals(Severity.WARNING, relayed.severity());
        // the timeout's fix is the A-leg's: ports toward Bob were never the problem
        assertEquals(start.fix(), primary.fix());
        assertTrue(primary.explanation().contains("The silence started on leg a-leg (MEDIA_ONE_WAY there: " + start.title() + ")"),
                primary.explanation());
        assertTrue(d.failedAfterAnswer(primary.flowId()));
    }

    @Test
    void evidenceNamesEachFrameOnce() throws Exception {
        Finding timeout = bobTimesOut().diagnose(dir).withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).get(0);
        List<Long> frames = timeout.evidence().frames();
        assertEquals(frames.stream().distinct().count(), frames.size(), frames.toString());
    }
}
