package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.RelayedCall.ALICE;
import static org.sipladder.diagnose.RelayedCall.BOB;
import static org.sipladder.diagnose.RelayedCall.PBX;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A media timeout and one-way audio toward the same party of the same leg are one missing RTP read twice (LiveKit's
 * BYE at media_timeout_initial while the B2BUA sent it nothing): the timeout, which says why the call ended, is the
 * one error; the one-way audio says it follows from it. Other media problems of the call stay what they are.
 */
class SameSilenceTest {

    @TempDir
    Path dir;

    /**
     * Alice and the B2BUA talk both ways on the A-leg; on the B-leg only Bob's audio flows, so nothing reaches Bob,
     * who hangs up 30 s after the answer; the B2BUA passes the BYE on to Alice.
     */
    private static RelayedCall nothingReachesBob() {
        return RelayedCall.throughB2bua("Jambonz", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(PBX, 31000),
                        RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(PBX, 30000))
                .rtp(ALICE + ":40000", PBX + ":30000", 0.4, 1490, 0x1111, 0, 0)
                .rtp(PBX + ":30000", ALICE + ":40000", 0.41, 1490, 0x2222, 0, 0)
                .rtp(BOB + ":50000", PBX + ":31000", 0.42, 1490, 0x3333, 0, 0)
                .byeFromBob(30.3);
    }

    @Test
    void oneWayAudioTowardThePartyThatTimedOutFollowsFromTheTimeout() throws Exception {
        Diagnosis d = nothingReachesBob().diagnose(dir);
        Finding timeout = d.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).get(0);
        assertTrue(timeout.primary(), d.findings().toString());
        assertEquals(List.of(timeout), d.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList(),
                d.findings().toString());
        List<Finding> oneWay = d.withCode(FindingCode.MEDIA_ONE_WAY);
        assertEquals(1, oneWay.size(), d.findings().toString());
        Finding same = oneWay.get(0);
        assertEquals("b-leg", same.callId());
        assertEquals(Severity.WARNING, same.severity());
        assertTrue(same.explanation().endsWith(" This is the same missing RTP as this call's primary cause "
                + "(MEDIA_TIMEOUT_HANGUP: " + timeout.title() + "), not a second problem: fixing that fixes this too."),
                same.explanation());
        assertTrue(d.failedAfterAnswer(timeout.flowId()));
    }

    @Test
    void oneWayAudioTheOtherWayIsASecondProblem() throws Exception {
        // the A-leg is one-way too, toward Alice, while Alice's audio reaches the B2BUA: not the silence Bob heard
        Diagnosis d = RelayedCall.throughB2bua("Jambonz", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(PBX, 31000),
                        RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(PBX, 30000))
                .rtp(ALICE + ":40000", PBX + ":30000", 0.4, 1490, 0x1111, 0, 0)
                .rtp(BOB + ":50000", PBX + ":31000", 0.42, 1490, 0x3333, 0, 0)
                .byeFromBob(30.3).diagnose(dir);
        Finding onA = d.withCode(FindingCode.MEDIA_ONE_WAY).stream().filter(f -> "a-leg".equals(f.callId()))
                .findFirst().orElseThrow(() -> new AssertionError(d.findings().toString()));
        assertEquals(Severity.ERROR, onA.severity(), onA.explanation());
        Finding onB = d.withCode(FindingCode.MEDIA_ONE_WAY).stream().filter(f -> "b-leg".equals(f.callId()))
                .findFirst().orElseThrow();
        assertEquals(Severity.WARNING, onB.severity(), onB.explanation());
    }
}
