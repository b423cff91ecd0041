package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.LiveKitConfig;

/**
 * After rejecting an INVITE, LiveKit answers every INVITE with the same Call-ID and From tag with the same final
 * response for a minute (livekit-inbound-routing.md, section 5): a replayed answer is one decision of LiveKit's, one
 * finding, whether or not the routing of the retry agrees with it.
 */
class ReplayedRejectionTest {

    private static final String DID = "4930123456";
    private static final String URI = "sip:+" + DID + "@project-1z3kctsj.sip.livekit.cloud";
    /** Two trunks claim the number, written with and without '+': LiveKit answers 503 Try again later. */
    private static final LiveKitConfig CONFLICT = config(List.of(trunk("ST_a", "+" + DID), trunk("ST_b", DID)),
            List.of(rule("SDR_a", "agent", "ST_a")));

    /** The first INVITE refused 100 Processing, 503; a second one, {@code second}, refused 503 at once. */
    private static CallFlow refusedTwice(String first, String second) {
        return TestCall.carrierJambonzLiveKit()
                .send(JAMBONZ, LIVEKIT, first)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(first, 100, "Processing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(first, 503, "Try again later"))
                .after(1).send(JAMBONZ, LIVEKIT, second)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(second, 503, "Try again later")).flow();
    }

    private static String invite(String callId) {
        return SipTexts.invite(callId, URI, "+4917612345678", JAMBONZ, SipTexts.SDP_G711);
    }

    @Test
    void aConflictReplayedToARetryOfTheSameCallIdAndFromTagIsOneFindingNamingTheReplay() {
        String first = invite("call-replayed");
        CallFlow flow = refusedTwice(first, SipTexts.retry(first, 2).replace("branch=z9hG4bK", "branch=z9hG4bK2"));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), CONFLICT);

        List<Finding> conflicts = d.withCode(FindingCode.LK_TRUNK_CONFLICT).stream().filter(f -> f.flowId() != null).toList();
        assertEquals(1, conflicts.size(), conflicts.toString());
        Finding f = conflicts.get(0);
        assertTrue(f.primary());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), f.evidence().frames());
        assertTrue(f.evidence().facts().contains("LiveKit replayed this answer (503 Try again later) to the INVITE of "
                + "frame 4, which has the same Call-ID and From tag: it gives such INVITEs its first rejection for a "
                + "minute, so this is one decision, not a second failure"), f.evidence().facts().toString());
        LiveKitRouting retry = d.routings().get(1);
        assertEquals(1L, retry.replayOf());
        assertEquals(Consistency.CONSISTENT, retry.consistency());
        assertTrue(retry.summary().endsWith(", a replay of its answer to the INVITE of frame 1 (same Call-ID and From "
                + "tag, 1.0 s before)"), retry.summary());

        // the diagnosis the desktop app and the PDF report keep (routings without their calls) says the same
        Diagnosis lean = DiagnosisEngine.standard().diagnoseLean(List.of(flow), CONFLICT,
                DiagnosisSettings.FROM_EVIDENCE, org.sipladder.media.CaptureMedia.none(), 2);
        assertEquals(retry.summary(), lean.routings().get(1).summary());
        assertEquals(d.routings().get(0).summary(), lean.routings().get(0).summary());
    }

    @Test
    void withoutAConfigTheReplayedAnswerIsStillOneFinding() {
        String first = invite("call-replayed");
        CallFlow flow = refusedTwice(first, SipTexts.retry(first, 2).replace("branch=z9hG4bK", "branch=z9hG4bK2"));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        List<Finding> explained = d.withCode(FindingCode.LK_RESPONSE_EXPLAINED);
        assertEquals(1, explained.size(), d.findings().toString());
        assertTrue(explained.get(0).evidence().frames().containsAll(List.of(1L, 4L, 5L)),
                explained.get(0).evidence().frames().toString());
        assertTrue(explained.get(0).evidence().facts().stream().anyMatch(f -> f.startsWith("LiveKit replayed this "
                + "answer (503 Try again later) to the INVITE of frame 4")), explained.get(0).evidence().facts().toString());
        assertEquals(1L, d.routings().get(1).replayOf());
    }

    @Test
    void aNewCallIdIsANewDecisionAndANewFinding() {
        CallFlow flow = refusedTwice(invite("call-one"), invite("call-two"));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), CONFLICT);

        assertEquals(2, d.withCode(FindingCode.LK_TRUNK_CONFLICT).stream().filter(f -> f.flowId() != null).count());
        assertEquals(0L, d.routings().get(1).replayOf());
    }
}
