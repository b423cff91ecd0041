package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * An answered call that did not fail (its media flowed, or nothing says it did not) counts as no failure: a finding
 * about something after its answer that did not fail it is a warning, as SIP_SESSION_TIMER_EXPIRED and
 * MEDIA_RTP_STOPPED are; on a call that failed after its answer it stays an error, and the failure stays its cause.
 */
class AnsweredCallSeverityTest {

    private static final String SBC = MediaFindingsTest.SBC;
    private static final String LK = MediaFindingsTest.LK;

    @TempDir
    Path dir;

    /** What happens after the answer in each case, and the finding it gives. */
    enum AfterAnswer {
        TRANSFER_BUSY(FindingRulesTest.Mid.TRANSFER_BUSY, FindingCode.SIP_TRANSFER_FAILED),
        BYE_481(FindingRulesTest.Mid.BYE_481, FindingCode.SIP_DIALOG_NOT_FOUND),
        GLARE(FindingRulesTest.Mid.GLARE, FindingCode.SIP_REINVITE_GLARE),
        REINVITE_NEW_CALL(FindingRulesTest.Mid.REINVITE_NEW_CALL, FindingCode.LK_REINVITE_NEW_CALL);

        final FindingRulesTest.Mid mid;
        final FindingCode code;

        AfterAnswer(FindingRulesTest.Mid mid, FindingCode code) {
            this.mid = mid;
            this.code = code;
        }
    }

    @ParameterizedTest
    @EnumSource(AfterAnswer.class)
    void aFindingAfterTheAnswerOfACallThatDidNotFailIsAWarning(AfterAnswer c) {
        CallFlow call = FindingRulesTest.afterAnswer(c.mid);
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(call), LiveKitConfig.empty());

        assertFalse(d.failed(call), d.findings().toString());
        List<Finding> found = d.withCode(c.code);
        assertFalse(found.isEmpty(), d.findings().toString());
        for (Finding f : found) {
            assertTrue(f.severity() != Severity.ERROR, f.toString());
            assertFalse(f.primary(), f.toString());
        }
        assertTrue(d.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR), d.findings().toString());
    }

    @Test
    void aByeRefused481OnACallWhoseRtpFlowedAndThatEndedWithA200IsAWarningThatSaysWhy() throws Exception {
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtpBothWays(SBC, LK, 20).byeWithToTag(10.45, "other-tag", 481, "Call does not exist")
                .bye(MediaCase.JAMBONZ, 20.5).diagnose(dir);

        Finding f = d.withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0);
        assertEquals(Severity.WARNING, f.severity(), f.toString());
        assertTrue(f.explanation().endsWith("This call was answered and its RTP shows no failure, so this did not fail it."), f.explanation());
        assertFalse(d.failedAfterAnswer(MediaCase.flowId()), d.findings().toString());
    }

    @Test
    void onACallWhoseAudioFailedAFindingAfterTheAnswerStaysAnErrorAndTheAudioIsTheCause() throws Exception {
        // only Jambonz's RTP flows: one-way audio fails the call; the refused BYE is part of what went wrong
        Diagnosis d = MediaCase.jambonzToLiveKit(MediaFindingsTest.SBC_MEDIA, 40000, MediaCase.LIVEKIT, 30000)
                .rtp(SBC, LK, 0.4, 1000, 0x1111, Set.of()).byeWithToTag(10.45, "other-tag", 481, "Call does not exist")
                .bye(MediaCase.JAMBONZ, 20.5).diagnose(dir);

        assertEquals(Severity.ERROR, d.withCode(FindingCode.SIP_DIALOG_NOT_FOUND).get(0).severity());
        assertEquals(FindingCode.MEDIA_ONE_WAY, d.primaryFor(MediaCase.flowId()).orElseThrow().code(),
                d.findings().toString());
    }
}
