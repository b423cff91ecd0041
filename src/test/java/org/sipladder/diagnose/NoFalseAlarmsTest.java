package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.liveKitCall;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.livekit.LiveKitConfig;

/** What did not stop a call in the capture is at most a warning, and says so. */
class NoFalseAlarmsTest {

    private static final String DID = "4991874350352";
    private final LiveKitConfig otherTrunkConflict = config(List.of(trunk("ST_a", DID), trunk("ST_b", "+4930111111")),
            List.of(rule("SDR_a", "agent", "ST_a"), rule("SDR_b1", "agent", "ST_b"), rule("SDR_b2", "agent", "ST_b")));

    @Test
    void anAnsweredCallHasNoErrorAndAConfigProblemElsewhereIsAWarningThatSaysSo() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(
                List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")), otherTrunkConflict);

        assertTrue(d.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR), d.findings().toString());
        Finding conflict = d.withCode(RuleConflictCheck.CODE).get(0);
        assertEquals(Severity.WARNING, conflict.severity());
        assertTrue(conflict.explanation().endsWith("No call in this capture was affected by it; it would affect other calls."));
    }

    @Test
    void aSetupFindingOnAnAnsweredCallIsAWarning() {
        LiveKitConfig conflicting = config(List.of(trunk("ST_a", DID), trunk("ST_b", "+" + DID)), List.of());

        Diagnosis d = DiagnosisEngine.standard().diagnose(
                List.of(liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")), conflicting);

        Finding onCall = d.withCode(TrunkConflictCheck.CODE).stream().filter(f -> f.flowId() != null).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, onCall.severity());
        // the 200 OK contradicts the 503 the conflict predicts: the finding says so rather than "it did not stop it"
        assertTrue(onCall.explanation().contains("LiveKit answered 200 OK where the loaded config predicts"),
                onCall.explanation());
    }

    /** The carrier's INVITE for {@code did} to Jambonz, which declines it: the leg on to LiveKit is not captured. */
    private static CallFlow carrierToJambonzOnly(String did) {
        String invite = SipTexts.invite("a-leg-" + did, "sip:" + did + "@" + TestCall.JAMBONZ, FindingRulesTest.CALLER,
                TestCall.CARRIER, SipTexts.SDP_G711);
        return new TestCall().hop(TestCall.CARRIER, Role.CARRIER).hop(TestCall.JAMBONZ, Role.JAMBONZ)
                .send(TestCall.CARRIER, TestCall.JAMBONZ, invite)
                .send(TestCall.JAMBONZ, TestCall.CARRIER, SipTexts.response(invite, 100, "Trying"))
                .send(TestCall.JAMBONZ, TestCall.CARRIER, SipTexts.response(invite, 603, "Decline")).flow();
    }

    @Test
    void aConfigProblemOnACaptureWithoutTheLiveKitLegDoesNotClaimNoCallWasAffected() {
        // only carrier -> Jambonz is captured; the trunks' conflict is over the very number the carrier called
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(carrierToJambonzOnly(DID)), CONFLICTING);

        Finding conflict = d.withCode(TrunkConflictCheck.CODE).stream().filter(f -> f.flowId() == null).findFirst()
                .orElseThrow(() -> new AssertionError(d.findings().toString()));
        assertFalse(conflict.explanation().contains("No call in this capture was affected"), conflict.explanation());
        assertTrue(conflict.explanation().contains("No INVITE to LiveKit is in this capture"), conflict.explanation());
        assertTrue(conflict.explanation().contains("so the capture cannot show whether it affected"),
                conflict.explanation());
        assertTrue(conflict.explanation().contains("call a-leg-" + DID + " is for " + DID + ", a number trunk ST_a "
                + "lists"), conflict.explanation());
        assertTrue(conflict.explanation().contains("capture on the Jambonz -> LiveKit side"), conflict.explanation());
        assertEquals(Severity.ERROR, conflict.severity(), "nothing in the capture shows it spared a call");
    }

    @Test
    void aCallToJambonzForAnotherNumberStillCouldHaveGoneOnToLiveKit() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(carrierToJambonzOnly("4930999999"),
                carrierToJambonzOnly("4930888888")), CONFLICTING);

        Finding conflict = d.withCode(TrunkConflictCheck.CODE).stream().filter(f -> f.flowId() == null).findFirst()
                .orElseThrow(() -> new AssertionError(d.findings().toString()));
        assertTrue(conflict.explanation().endsWith(" No INVITE to LiveKit is in this capture, though it holds 2 calls "
                + "that could have gone on to it: the leg on to LiveKit (from Jambonz or another B2BUA) was not "
                + "captured, so the capture cannot show whether it affected them; capture on the Jambonz -> LiveKit "
                + "side to see."), conflict.explanation());
    }

    @Test
    void aConfigProblemOnACaptureWithALiveKitLegAndOneWithoutKeepsTheSentence() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(carrierToJambonzOnly(DID),
                liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK")), otherTrunkConflict);

        Finding conflict = d.withCode(RuleConflictCheck.CODE).get(0);
        assertEquals(Severity.WARNING, conflict.severity());
        assertTrue(conflict.explanation().endsWith("No call in this capture was affected by it; it would affect other "
                + "calls."), conflict.explanation());
    }

    @TempDir
    Path dir;

    /** Trunks that both claim the DID: LiveKit answers 503 to any call to it, so a capture where it answered contradicts it. */
    private static final LiveKitConfig CONFLICTING = config(List.of(trunk("ST_a", DID), trunk("ST_b", "+" + DID)), List.of());

    @Test
    void anAnsweredCallWithRtpBothWaysHasNoErrorAndSaysItsRtpWasFine() throws Exception {
        Diagnosis d = MediaFindingsTest.clean().diagnose(dir, CONFLICTING);

        assertTrue(d.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR), d.findings().toString());
        Finding onCall = d.withCode(TrunkConflictCheck.CODE).stream().filter(f -> f.flowId() != null).findFirst().orElseThrow();
        assertTrue(onCall.title().endsWith(", yet LiveKit answered this call with 200 OK"), onCall.title());
    }

    @Test
    void anAnsweredCallWhoseMediaFailedDoesNotBlameAConfigErrorItsAnswerContradicts() throws Exception {
        Diagnosis d = MediaFindingsTest.privateSdpToLiveKit().diagnose(dir, CONFLICTING);

        assertTrue(d.failedAfterAnswer(MediaCase.flowId()));
        // LiveKit's 200 OK shows the trunk conflict (a 503) did not decide this call: not part of why its media failed
        Finding onCall = d.withCode(TrunkConflictCheck.CODE).stream().filter(f -> f.flowId() != null).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, onCall.severity(), onCall.toString());
        assertFalse(onCall.explanation().contains("may be part of why"), onCall.explanation());
        assertTrue(d.primaryFor(MediaCase.flowId()).orElseThrow().code().afterAnswer());
    }

    @Test
    void theConfigAloneKeepsItsErrors() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(), otherTrunkConflict);

        assertEquals(Severity.ERROR, d.withCode(RuleConflictCheck.CODE).get(0).severity());
    }

    @Test
    void aFailedRegistrationGetsAPrimaryCause() {
        var flow = FindingRulesTest.registration(401);

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), LiveKitConfig.empty());

        Finding primary = d.primaryFor(flow.id()).orElseThrow();
        assertEquals(RegisterRejectedCheck.CODE, primary.code());
        assertTrue(primary.evidence().facts().stream().anyMatch(f -> f.contains("is not the Request-URI")),
                primary.evidence().facts().toString());
    }
}
