package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The carrier offers only G.729, Jambonz passes the offer on, LiveKit refuses it with 400 (livekit/sip inbound.go:
 * sdp.ErrNoCommonMedia answers StatusBadRequest with an empty reason) and Jambonz answers the carrier 488. One cause,
 * at LiveKit's leg: one error there; what the capture shows of it again (LiveKit's answer read as such, the refusal
 * relayed over the carrier's leg) points at it and is no error of its own.
 */
class CodecRefusalRelayedTest {

    @TempDir
    Path dir;

    @Test
    void oneCodecRefusalRelayedOverTwoLegsIsOneError() throws Exception {
        Diagnosis d = JambonzLiveKitCall.refusedByLiveKit(
                SipTexts.sdp(JambonzLiveKitCall.CARRIER, "18 G729/8000", "101 telephone-event/8000"),
                SipTexts.sdp(JambonzLiveKitCall.JAMBONZ, "18 G729/8000", "101 telephone-event/8000"),
                400, 488, "Not Acceptable Here").diagnose(dir);

        List<Finding> errors = d.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        Finding primary = errors.get(0);
        assertEquals(FindingCode.SIP_NO_COMMON_CODEC, primary.code());
        assertEquals("b-leg", primary.callId());
        assertTrue(primary.primary(), primary.toString());
        String named = primary.code() + ": " + primary.title();

        // LiveKit's 400 read from its known answers: the same refusal
        for (Finding f : d.withCode(FindingCode.LK_RESPONSE_EXPLAINED)) {
            assertTrue(f.explanation().contains(named), f.explanation());
        }
        // the carrier's leg only saw the refusal passed back: information pointing at the cause
        List<Finding> carrierLeg = d.withCode(FindingCode.SIP_NO_COMMON_CODEC).stream()
                .filter(f -> "a-leg".equals(f.callId())).toList();
        for (Finding f : carrierLeg) {
            assertEquals(Severity.INFO, f.severity(), f.toString());
            assertTrue(f.explanation().contains(named), f.explanation());
        }
    }
}
