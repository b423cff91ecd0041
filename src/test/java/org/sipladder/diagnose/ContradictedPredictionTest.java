package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.liveKitCall;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A prediction from the loaded config that the capture contradicts (LiveKit answered otherwise, or never answered)
 * still describes the config, but claims neither LiveKit's answer nor the call's failure.
 */
class ContradictedPredictionTest {

    private static final String DID = "4991874350352";

    @ParameterizedTest(name = "{0}")
    @MethodSource("answeredOtherwise")
    void aTrunkConflictTheCaptureContradictsIsAWarningThatSaysWhatLiveKitDid(String answer, String[] responses) {
        CallFlow flow = liveKitCall(DID, responses);

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), TestConfig.seed());

        Finding conflict = d.withCode(FindingCode.LK_TRUNK_CONFLICT).get(0);
        assertEquals(Severity.WARNING, conflict.severity(), conflict.toString());
        assertFalse(conflict.primary());
        assertFalse(conflict.title().contains("LiveKit answers 503"), conflict.title());
        assertEquals("Trunks ST_GjeZjGQjrsvC and ST_keiPmt6sJhJh both claim " + DID
                + ", yet LiveKit answered this call with " + answer, conflict.title());
        assertTrue(conflict.explanation().contains("The config probably changed since the capture, or the capture is "
                + "from another LiveKit project; this did not cause the call's outcome"), conflict.explanation());
        // the fix still mends the config as loaded
        assertTrue(conflict.fix().steps().get(0).startsWith("Keep one trunk for " + DID), conflict.fix().toString());
        assertEquals(1, d.withCode(FindingCode.LK_TRUNK_CONFLICT).size(), "no second, config-only copy");
    }

    static Stream<Arguments> answeredOtherwise() {
        return Stream.of(
                Arguments.of("200 OK", new String[] {"100 Processing", "180 Ringing", "200 OK"}),
                Arguments.of("486 Rejected", new String[] {"100 Processing", "180 Ringing", "486 Rejected"}),
                Arguments.of("407 Unauthorized", new String[] {"100 Processing", "407 Unauthorized"}),
                Arguments.of("180 Ringing, then no final response", new String[] {"100 Processing", "180 Ringing"}));
    }

    @Test
    void whenLiveKitRejectedOtherwiseItsOwnAnswerIsThePrimaryCause() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "486 Rejected")), TestConfig.seed());

        Finding primary = d.primaryFor(d.routings().get(0).flowId()).orElseThrow();
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED, primary.code());
        assertTrue(d.findings().stream().filter(f -> f.code().simulated()).allMatch(f -> f.severity() != Severity.ERROR),
                d.findings().toString());
    }

    @Test
    void anInviteLiveKitNeverAnsweredWasNotDecidedByTheConfig() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID)), TestConfig.seed());

        Finding conflict = d.withCode(FindingCode.LK_TRUNK_CONFLICT).get(0);
        assertEquals(Severity.WARNING, conflict.severity());
        assertFalse(conflict.primary());
        assertTrue(conflict.title().endsWith(", but LiveKit never answered this INVITE"), conflict.title());
        assertTrue(conflict.explanation().contains("not even the 100 Processing"), conflict.explanation());
        assertEquals(FindingCode.SIP_NO_FINAL_RESPONSE, d.primaryFor(d.routings().get(0).flowId()).orElseThrow().code());
    }

    /** Other predictions from the config, each against a capture where LiveKit answered the call otherwise. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("otherPredictions")
    void noPredictionTheCaptureContradictsClaimsTheCallsFailure(FindingCode code, LiveKitConfig cfg) {
        for (String[] responses : List.of(new String[] {"100 Processing", "180 Ringing", "200 OK"},
                new String[] {"100 Processing", "180 Ringing", "486 Rejected"})) {
            Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, responses)), cfg);

            List<Finding> found = d.withCode(code);
            assertFalse(found.isEmpty(), code + " should still describe the config: " + d.findings());
            Finding f = found.get(0);
            assertEquals(Severity.WARNING, f.severity(), f.toString());
            assertFalse(f.primary(), f.toString());
            String last = responses[responses.length - 1];
            assertTrue(f.title().endsWith(", yet LiveKit answered this call with " + last), f.title());
            assertTrue(f.explanation().contains("LiveKit answered " + last + " where the loaded config predicts"),
                    f.explanation());
        }
    }

    @Test
    void liveKitsRejectForACallNoRuleTakesConfirmsTheNoRulePredictionInsteadOfContradictingIt() {
        // LiveKit's dispatch service may say "reject" (404) instead of "drop" (silence) when no rule takes the call
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_zzz")));
        CallFlow flow = liveKitCall(DID, "100 Processing", "404 Does not match Trunks or Dispatch Rules");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), cfg);

        Finding f = d.withCode(FindingCode.LK_NO_RULE_MATCH).get(0);
        assertEquals(Severity.ERROR, f.severity(), f.toString());
        assertFalse(f.title().contains("yet LiveKit answered"), f.title());
        assertFalse(f.explanation().contains("did not cause the call's outcome"), f.explanation());
        assertEquals(FindingCode.LK_NO_RULE_MATCH, d.primaryFor(d.routings().get(0).flowId()).orElseThrow().code());
        assertTrue(d.routings().get(0).summary().endsWith(": consistent"), d.routings().get(0).summary());
    }

    /** A trunk for the DID that asks for credentials: LiveKit challenges an INVITE without Proxy-Authorization. */
    private static livekit.LivekitSip.SIPInboundTrunkInfo.Builder authTrunk() {
        return trunk("ST_auth", DID).setAuthUsername("jambonz").setAuthPassword("pw-not-shown");
    }

    @Test
    void aTrunkWithCredentialsLiveKitNeverAskedForIsAWarningSayingSoWhileAChallengeSeenOrAwaitedIsNot() {
        LiveKitConfig cfg = config(List.of(authTrunk()), List.of(rule("SDR_a", "agent", "ST_auth")));
        CallFlow flow = liveKitCall(DID, "100 Processing", "180 Ringing", "200 OK");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), cfg);

        Finding f = d.withCode(FindingCode.LK_AUTH_CHALLENGE_UNANSWERED).get(0);
        assertEquals(Severity.WARNING, f.severity(), f.toString());
        assertFalse(f.primary());
        assertEquals("Trunk ST_auth requires credentials, yet LiveKit answered this call with 200 OK", f.title());
        assertTrue(f.explanation().contains("LiveKit did not ask for credentials (no 407 or 401) although the loaded "
                + "config's trunk requires them"), f.explanation());
        assertTrue(f.explanation().contains("another trunk, one without authentication, matched the call"), f.explanation());
        assertEquals(List.of("ST_auth"), f.evidence().configIds());
        assertTrue(f.evidence().facts().contains("LiveKit answered 100 Processing, 180 Ringing, 200 OK: no 407 or 401, "
                + "it never asked for credentials"), f.evidence().facts().toString());
        assertFalse(f.toString().contains("pw-not-shown"), f.toString());
        assertFalse(d.failed(flow));

        // the capture ends after 100 Processing: the 407 may still come
        Diagnosis open = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing")), cfg);
        assertTrue(open.withCode(FindingCode.LK_AUTH_CHALLENGE_UNANSWERED).isEmpty(), open.findings().toString());
        // LiveKit's own 407: the finding is the capture's, an error and the primary cause
        CallFlow challenged = liveKitCall(DID, "100 Processing", "407 Unauthorized");
        Finding seen = DiagnosisEngine.standard().diagnose(List.of(challenged), cfg)
                .withCode(FindingCode.LK_AUTH_CHALLENGE_UNANSWERED).get(0);
        assertEquals(Severity.ERROR, seen.severity());
        assertTrue(seen.primary());
    }

    /** LiveKit's answers after the dispatch accepted the call: the config let it through, LiveKit then refused it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAfterTheDispatch")
    void anAnswerAfterTheDispatchAcceptedTheCallIsNotCalledAContradiction(String answer, String meaning) {
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                answer)), cfg);

        String summary = d.routings().get(0).summary();
        assertFalse(summary.contains("inconsistent"), summary);
        assertTrue(summary.endsWith("the config lets the call through to the dispatch rule; " + meaning
                + ", which no trunk or rule decides"), summary);
        Finding primary = d.primaryFor(d.routings().get(0).flowId()).orElseThrow();
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED, primary.code());
        assertTrue(primary.evidence().facts().contains(summary), primary.evidence().facts().toString());
        assertFalse(d.findings().toString().contains("changed since the capture"), d.findings().toString());
    }

    static Stream<Arguments> refusedAfterTheDispatch() {
        return Stream.of(
                Arguments.of("400", "LiveKit then refused the offer's media (400 with an empty reason), while the "
                        + "call's codecs and encryption take the offer as far as the capture shows it: an SDP error "
                        + "LiveKit found in it"),
                Arguments.of("500", "LiveKit then failed to set up the call's media (500 with an empty reason: no "
                        + "media port, or another server error)"),
                Arguments.of("486 Rejected", "LiveKit then rang without the agent's audio until its ringing timeout, "
                        + "or failed to join the room (486 Rejected): no running worker took the agent's job"));
    }

    @Test
    void aRejectedForNoAgentNamesTheAgentTheLoadedRuleDispatchesInsteadOfSayingTheRuleNamesNone() {
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "support-agent", "ST_a")));

        // rung out at the default ringing timeout of 3 minutes (a 486 long before it is another failure's)
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(TrunkTimeLimitsTest.ringingUntil486(180)), cfg);

        Finding primary = d.primaryFor(d.routings().get(0).flowId()).orElseThrow();
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED, primary.code());
        assertFalse(primary.explanation().contains("usually the dispatch rule names no agent"), primary.explanation());
        assertTrue(primary.explanation().contains("The dispatch rule SDR_a dispatches support-agent, so no worker "
                + "registered under that name took the job in time"), primary.explanation());
        assertTrue(primary.fix().steps().get(0).startsWith("Check that a worker with agent name support-agent is "
                + "running"), primary.fix().steps().toString());

        // without a config the capture alone cannot tell: the usual cause is named
        Diagnosis alone = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing",
                "180 Ringing", "486 Rejected")), LiveKitConfig.empty());
        Finding explained = alone.withCode(FindingCode.LK_RESPONSE_EXPLAINED).get(0);
        assertTrue(explained.explanation().endsWith("before the trunk's ringing timeout: usually the dispatch rule "
                + "names no agent (room_config.agents) or another name than the worker registers with."),
                explained.explanation());
    }

    @Test
    void aRuleWithoutAgentDidNotDecideACallLiveKitRefusedForItsMediaButDidOneTheCallerGaveUpOn() {
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", null, "ST_a")));

        Diagnosis refused = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing",
                "180 Ringing", "400")), cfg);

        Finding noAgent = refused.withCode(FindingCode.LK_RULE_NO_AGENT).get(0);
        assertEquals(Severity.WARNING, noAgent.severity(), noAgent.toString());
        assertFalse(noAgent.primary());
        assertTrue(noAgent.title().endsWith(", but LiveKit ended this call first with 400"), noAgent.title());
        assertTrue(noAgent.explanation().contains("the config lets the call through to the dispatch rule; LiveKit then "
                + "refused the offer's media"), noAgent.explanation());
        assertFalse(noAgent.explanation().contains("contradicts"), noAgent.explanation());
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED,
                refused.primaryFor(refused.routings().get(0).flowId()).orElseThrow().code());

        // a caller left ringing with no agent coming hangs up in the end: the rule without agent is the cause
        Diagnosis cancelled = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing",
                "180 Ringing", "487 Request Terminated")), cfg);
        Finding cause = cancelled.primaryFor(cancelled.routings().get(0).flowId()).orElseThrow();
        assertEquals(FindingCode.LK_RULE_NO_AGENT, cause.code(), cancelled.findings().toString());
        assertEquals(Severity.ERROR, cause.severity());
    }

    @Test
    void aPinRuleDidNotDecideACallTheCallerCancelledBeforeLiveKitAnsweredIt() {
        // livekit/sip handleInvite: a PIN rule makes LiveKit answer as soon as the media is set up, to play the prompt;
        // a 487 means the caller's CANCEL came first, so no PIN was ever asked and the rule did not end the call
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)),
                List.of(rule("SDR_open", "agent", "ST_a"), FindingRulesTest.pinRule("SDR_pin", "ST_a")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "487 Request Terminated")), cfg);

        LiveKitRouting r = d.routings().get(0);
        assertEquals(org.sipladder.livekit.Consistency.OUTSIDE_CONFIG, r.consistency(), r.summary());
        Finding pin = d.withCode(FindingCode.LK_RULE_PIN_PROMPT).get(0);
        assertFalse(pin.primary(), pin.toString());
        assertEquals("PIN rule SDR_pin won, but the caller cancelled before LiveKit answered (487 Request Terminated)",
                pin.title());
        assertTrue(pin.explanation().contains("before LiveKit answered to ask for the PIN"), pin.explanation());
        Finding cause = d.primaryFor(r.flowId()).orElseThrow();
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED, cause.code(), d.findings().toString());
        assertTrue(cause.title().startsWith("The caller hung up while LiveKit was still ringing"), cause.title());
    }

    @Test
    void aPinRuleCannotEndInA486WithoutAnAnswerFirst() {
        // livekit/sip handleInvite: the PIN path answers 200 OK before the prompt and never waits out the ringing
        // timeout, so 486 Rejected without a 200 contradicts the PIN prediction although its expected responses are
        // those of a successful call, after which a 486 is LiveKit's own business
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(FindingRulesTest.pinRule("SDR_pin", "ST_a")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "486 Rejected")), cfg);

        LiveKitRouting r = d.routings().get(0);
        assertEquals(org.sipladder.livekit.Consistency.INCONSISTENT, r.consistency(), r.summary());
        assertTrue(r.summary().endsWith("inconsistent: a PIN rule wins this call, and LiveKit answers 200 OK before it "
                + "asks for the PIN, so it never rings out to 486 Rejected (the config probably changed since the "
                + "capture, or the capture is from another LiveKit project)"), r.summary());
        Finding pin = d.withCode(FindingCode.LK_RULE_PIN_PROMPT).get(0);
        assertFalse(pin.primary(), pin.toString());
        assertEquals(Severity.WARNING, pin.severity(), pin.toString());
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED, d.primaryFor(r.flowId()).orElseThrow().code(),
                d.findings().toString());
    }

    @Test
    void anAgentCallAndAPinCallWithTheSameResponsesAreJudgedApart() {
        String pinDid = "4930555000";
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID), trunk("ST_pin", pinDid)),
                List.of(rule("SDR_open", "agent", "ST_a"), FindingRulesTest.pinRule("SDR_pin", "ST_pin")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(
                liveKitCall(DID, "100 Processing", "180 Ringing", "486 Rejected"),
                liveKitCall(pinDid, "100 Processing", "180 Ringing", "486 Rejected")), cfg);

        assertEquals(List.of(org.sipladder.livekit.Consistency.OUTSIDE_CONFIG,
                org.sipladder.livekit.Consistency.INCONSISTENT),
                d.routings().stream().map(LiveKitRouting::consistency).toList(), d.routings().toString());
    }

    @Test
    void aRuleWithoutKindExplainsTheRingingAndThe503() {
        // protocol sip.DispatchRuleValidator: a listed rule without a kind fails the whole evaluation; livekit/sip
        // answers a failed evaluation with 503 Try again later after ringing
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)),
                List.of(rule("SDR_a", "agent", "ST_a"), rule("SDR_blank", "agent").clearRule()));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "503 Try again later")), cfg);

        LiveKitRouting r = d.routings().get(0);
        assertEquals(org.sipladder.livekit.Consistency.CONSISTENT, r.consistency(), r.summary());
        Finding cause = d.primaryFor(r.flowId()).orElseThrow();
        assertEquals(FindingCode.LK_RULE_NO_KIND, cause.code(), d.findings().toString());
        assertEquals("Dispatch rule SDR_blank has no rule kind: LiveKit answers 503 Try again later", cause.title());
        assertTrue(cause.fix().steps().get(0).startsWith("Rule SDR_blank has no rule kind"), cause.fix().toString());
        assertTrue(cause.fix().steps().get(1).contains("give the rule a kind or delete it"), cause.fix().toString());
    }

    static Stream<Arguments> otherPredictions() {
        return Stream.of(
                Arguments.of(FindingCode.LK_NO_TRUNK_MATCH,
                        config(List.of(trunk("ST_other", "+4930111111")), List.of(rule("SDR_a", "agent", "ST_other")))),
                Arguments.of(FindingCode.LK_SOURCE_NOT_ALLOWED,
                        config(List.of(trunk("ST_a", DID).addAllowedAddresses("10.9.9.9")), List.of(rule("SDR_a", "agent", "ST_a")))),
                Arguments.of(FindingCode.LK_CALLER_NOT_ALLOWED,
                        config(List.of(trunk("ST_a", DID).addAllowedNumbers("+15550100")), List.of(rule("SDR_a", "agent", "ST_a")))),
                Arguments.of(FindingCode.LK_NO_RULE_MATCH,
                        config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_zzz")))),
                Arguments.of(FindingCode.LK_AUTH_CHALLENGE_UNANSWERED, config(List.of(authTrunk()),
                        List.of(rule("SDR_a", "agent", "ST_auth")))),
                Arguments.of(FindingCode.LK_DEFAULT_TRUNK_CONFLICT,
                        config(List.of(trunk("ST_d1"), trunk("ST_d2")), List.of(rule("SDR_a", "agent")))));
    }
}
