package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.OutboundCapture.CARRIER;
import static org.sipladder.diagnose.OutboundCapture.LIVEKIT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A call LiveKit places whose answer names no telephone-event/8000: LiveKit then has no DTMF payload type and drops
 * the agent's digits (livekit/sip pkg/sip/media_pipeline.go), as LK_DTMF_NOT_NEGOTIATED says for inbound calls.
 */
class OutboundDtmfTest {

    /** LiveKit's INVITE (offering telephone-event/8000 as it always does) answered 200 with {@code answerCodecs}. */
    private static List<Finding> answeredWith(String... answerCodecs) {
        String invite = SipTexts.invite(OutboundCapture.LK_CALL_ID, "sip:" + OutboundCapture.CALLED + "@" + CARRIER,
                OutboundCapture.FROM, LIVEKIT, SipTexts.sdp(LIVEKIT, "0 PCMU/8000", "101 telephone-event/8000"),
                "User-Agent: LiveKit").replaceFirst(";tag=f\\d+", ";tag=SCL_7Hq2xYz");
        List<CallFlow> flows = OutboundCapture.direct(invite, SipTexts.response(invite, 100, "Trying"),
                SipTexts.response(invite, 200, "OK", "Contact: <sip:" + CARRIER + ":5060>",
                        SipTexts.sdp(CARRIER, answerCodecs)));
        return DiagnosisEngine.standard().diagnose(flows, LiveKitConfig.empty())
                .withCode(FindingCode.LK_DTMF_NOT_NEGOTIATED);
    }

    @Test
    void anAnswerWithoutTelephoneEventLeavesLiveKitUnableToSendDigits() {
        List<Finding> found = answeredWith("0 PCMU/8000");
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        // LiveKit placed the call: its agent's digits cannot leave it, and the callee's cannot reach it as events
        assertEquals("No DTMF can leave or reach LiveKit on this call: the answer to LiveKit's INVITE (frame 3) named "
                + "no telephone-event", f.title());
        assertTrue(f.explanation().contains("digits the agent sends") && f.explanation().contains("dropped"),
                f.explanation());
        assertTrue(f.evidence().facts().get(0).startsWith("LiveKit's offer (frame 1): 101 telephone-event/8000"),
                f.evidence().facts().toString());
    }

    @Test
    void anAnswerAtAnotherRateIsNotReadByLiveKit() {
        List<Finding> found = answeredWith("0 PCMU/8000", "101 telephone-event/48000");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).title().contains("named only 101 telephone-event/48000"), found.get(0).title());
    }

    @Test
    void anAnswerWithTelephoneEventIsFine() {
        assertTrue(answeredWith("0 PCMU/8000", "101 telephone-event/8000").isEmpty());
    }
}
