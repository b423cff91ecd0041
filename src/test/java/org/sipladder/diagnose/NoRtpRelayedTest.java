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
 * No RTP at all on the leg a media relay gets its audio from: the relay had nothing to pass on, so the silence on its
 * other leg follows from that leg (MEDIA_NO_RTP there), as it does from a one-way leg; and a consequence's fix points
 * at the primary cause instead of repeating advice that would not help while that cause stands.
 */
class NoRtpRelayedTest {

    @TempDir
    Path dir;

    /** No RTP either way between Alice and the B2BUA; on the B-leg only Bob's audio flows. */
    private static RelayedCall aLegWithoutRtp() {
        return RelayedCall.throughB2bua("Jambonz", RelayedCall.sdp(ALICE, 40000), RelayedCall.sdp(PBX, 31000),
                        RelayedCall.sdp(BOB, 50000), RelayedCall.sdp(PBX, 30000))
                .rtp(BOB + ":50000", PBX + ":31000", 0.42, 990, 0x3333, 0, 0);
    }

    private static Finding on(Diagnosis d, FindingCode code, String callId) {
        return d.withCode(code).stream().filter(f -> callId.equals(f.callId())).findFirst()
                .orElseThrow(() -> new AssertionError(code + " on " + callId + ": " + d.findings()));
    }

    /** The finding of {@code code} on leg {@code callId}, checked to be the call's primary cause and its one error. */
    private static Finding onlyError(Diagnosis d, FindingCode code, String callId) {
        Finding f = on(d, code, callId);
        assertTrue(f.primary(), d.findings().toString());
        assertEquals(List.of(f), d.findings().stream().filter(e -> e.severity() == Severity.ERROR).toList(),
                d.findings().toString());
        return f;
    }

    @Test
    void oneWayAudioPastARelayWithNothingToPassOnFollowsFromTheLegWithoutRtp() throws Exception {
        Diagnosis d = aLegWithoutRtp().bye(20.5).diagnose(dir);
        Finding noRtp = onlyError(d, FindingCode.MEDIA_NO_RTP, "a-leg");
        Finding oneWay = on(d, FindingCode.MEDIA_ONE_WAY, "b-leg");
        assertEquals(Severity.WARNING, oneWay.severity());
        assertTrue(oneWay.explanation().endsWith(" No RTP flowed either way on leg a-leg, this call's primary cause "
                + "(MEDIA_NO_RTP: " + noRtp.title() + "), so the media relay had nothing to pass on here: this "
                + "silence follows from it, not a second problem: fixing that fixes this too."), oneWay.explanation());
        assertEquals(List.of("Fix this call's primary cause first (MEDIA_NO_RTP: " + noRtp.title() + "); this "
                + "follows from it and needs no fix of its own."), oneWay.fix().steps());
        assertEquals(List.of(), oneWay.fix().commands());
    }

    @Test
    void aTimeoutPastARelayWithNothingToPassOnTakesTheFixOfTheLegWithoutRtp() throws Exception {
        // Bob hangs up 30 s after the answer: the timeout says why the call ended, the A-leg why nothing reached him
        Diagnosis d = aLegWithoutRtp().byeFromBob(30.3).diagnose(dir);
        Finding timeout = onlyError(d, FindingCode.MEDIA_TIMEOUT_HANGUP, "b-leg");
        Finding noRtp = on(d, FindingCode.MEDIA_NO_RTP, "a-leg");
        assertEquals(Severity.WARNING, noRtp.severity());
        assertTrue(noRtp.explanation().contains("This is where the silence of this call's primary cause"),
                noRtp.explanation());
        assertTrue(timeout.explanation().contains("The silence started on leg a-leg (MEDIA_NO_RTP there: "),
                timeout.explanation());
        // where the silence started is where the fix is: both name it, the B-leg's own advice is not repeated
        assertEquals(noRtp.fix(), timeout.fix());
        assertTrue(noRtp.fix().steps().get(0).contains(ALICE), noRtp.fix().toString());
        Finding oneWay = on(d, FindingCode.MEDIA_ONE_WAY, "b-leg");
        assertEquals(Severity.WARNING, oneWay.severity());
        assertEquals(List.of("Fix this call's primary cause first (MEDIA_TIMEOUT_HANGUP: " + timeout.title() + "); "
                + "this follows from it and needs no fix of its own."), oneWay.fix().steps());
    }
}
