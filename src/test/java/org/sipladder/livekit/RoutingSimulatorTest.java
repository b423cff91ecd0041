package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator end to end: the seed case, then one test per reachable row of section 5. */
class RoutingSimulatorTest {

    private static final SIPInboundTrunkInfo OPEN_TRUNK =
            LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_open\",\"numbers\":[\"+4991874350352\"]}");
    private static final SIPInboundTrunkInfo AUTH_TRUNK = LiveKitFixtures.trunk(
            "{\"sipTrunkId\":\"ST_auth\",\"numbers\":[\"+4991874350352\"],\"authUsername\":\"jambonz\","
                    + "\"authPassword\":\"" + LiveKitFixtures.SEED_PASSWORD + "\"}");
    private static final SIPDispatchRuleInfo AGENT_RULE = LiveKitFixtures.rule(
            "{\"sipDispatchRuleId\":\"SDR_agent\",\"rule\":{\"dispatchRuleIndividual\":{\"roomPrefix\":\"call-\"}},"
                    + "\"roomConfig\":{\"agents\":[{\"agentName\":\"my-telephony-agent\"}]}}");

    @TempDir
    Path dir;

    @Test
    void seedCaseIsATrunkConflictAnswered503() throws Exception {
        LiveKitConfig config = LiveKitFixtures.seedConfig(dir);

        RoutingOutcome outcome = new RoutingSimulator(config).simulate(LiveKitFixtures.seedInvite());

        assertEquals(TrunkMatch.Kind.CONFLICT, outcome.trunk().kind());
        assertEquals(List.of("ST_GjeZjGQjrsvC", "ST_keiPmt6sJhJh"), outcome.trunk().candidateIds());
        assertEquals("Multiple SIP Trunks matched for \"4991874350352\"", outcome.trunk().error());
        assertEquals(List.of("100 Processing", "503 Try again later"), outcome.expectedResponses());
        assertEquals(AuthOutcome.NOT_EVALUATED, outcome.auth());
        assertEquals(DispatchMatch.Kind.NOT_EVALUATED, outcome.dispatch().kind());
        String reasoning = String.join(" ", outcome.reasoning());
        assertTrue(reasoning.contains("ST_GjeZjGQjrsvC") && reasoning.contains("ST_keiPmt6sJhJh"), reasoning);
        assertEquals(Consistency.CONSISTENT, ResponseComparison.compare(outcome.expectedResponses(),
                List.of(new StatusLine(100, "Processing"), new StatusLine(503, "Try again later"))));
    }

    @Test
    void trunkErrorRowDefaultConflict() {
        LiveKitConfig config = LiveKitFixtures.config(List.of(LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_1\"}"),
                LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_2\"}")), List.of(AGENT_RULE));

        RoutingOutcome outcome = new RoutingSimulator(config).simulate(LiveKitFixtures.seedInvite());

        assertEquals(TrunkMatch.Kind.DEFAULT_CONFLICT, outcome.trunk().kind());
        assertEquals(LiveKitResponses.TRUNK_ERROR.responses(), outcome.expectedResponses());
    }

    @Test
    void noTrunkMatchedRowOnCloudIs404AndNeverA503() {
        LiveKitConfig config = LiveKitFixtures.config(
                List.of(LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_x\",\"numbers\":[\"+1555\"]}")), List.of());

        RoutingOutcome cloud = new RoutingSimulator(config, RoutingOptions.forLiveKitHost("p.sip.livekit.cloud"))
                .simulate(LiveKitFixtures.seedInvite());
        RoutingOutcome selfHosted = new RoutingSimulator(config, RoutingOptions.forLiveKitHost("sip.example.com"))
                .simulate(LiveKitFixtures.seedInvite());

        assertEquals(List.of("100 Processing", "404 No trunk found"), cloud.expectedResponses());
        assertEquals(Deployment.CLOUD, cloud.options().deployment());
        assertTrue(cloud.reasoning().get(0).contains("p.sip.livekit.cloud"), cloud.reasoning().toString());
        assertEquals(Deployment.SELF_HOSTED, selfHosted.options().deployment());
        assertFalse(selfHosted.expectedResponses().contains("503 Try again later"));
        assertNull(selfHosted.trunk().error(), "no trunk matched is not an error");
    }

    @Test
    void selfHostedWithoutATrunkGoesToAMatchingWildcardRule() {
        SIPDispatchRuleInfo forTrunk = AGENT_RULE.toBuilder().setSipDispatchRuleId("SDR_t").addTrunkIds("ST_x").build();
        SIPDispatchRuleInfo wildcard = AGENT_RULE.toBuilder().setSipDispatchRuleId("SDR_w")
                .addInboundNumbers("+4915112345678").build();
        LiveKitConfig config = LiveKitFixtures.config(
                List.of(LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_x\",\"numbers\":[\"+1555\"]}")),
                List.of(forTrunk, wildcard));

        RoutingOutcome outcome = new RoutingSimulator(config, RoutingOptions.stated(Deployment.SELF_HOSTED))
                .simulate(LiveKitFixtures.invite(LiveKitFixtures.SEED_CALLED, "+4915112345678", null));

        assertEquals(TrunkMatch.Kind.NOT_FOUND, outcome.trunk().kind());
        assertEquals(AuthOutcome.NOT_REQUIRED, outcome.auth());
        assertEquals(DispatchMatch.Kind.MATCHED, outcome.dispatch().kind());
        assertEquals("SDR_w", outcome.dispatch().rule().getSipDispatchRuleId(), "rules naming a trunk cannot match");
        assertEquals(LiveKitResponses.SUCCESS.responses(), outcome.expectedResponses());
        assertTrue(outcome.reasoning().get(0).contains("deployment was set to self-hosted"));
    }

    @Test
    void selfHostedWithoutATrunkAndNoWildcardRuleDropsSilently() {
        SIPDispatchRuleInfo forTrunk = AGENT_RULE.toBuilder().addTrunkIds("ST_x").build();
        LiveKitConfig config = LiveKitFixtures.config(
                List.of(LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_x\",\"numbers\":[\"+1555\"]}")), List.of(forTrunk));

        RoutingOutcome outcome = new RoutingSimulator(config, RoutingOptions.stated(Deployment.SELF_HOSTED))
                .simulate(LiveKitFixtures.seedInvite());

        assertEquals(DispatchMatch.Kind.NONE, outcome.dispatch().kind());
        // LiveKit counts only rules that pass every filter: with none, its error is "No SIP Dispatch Rules defined"
        // (protocol sip.MatchDispatchRuleIter), said with why none counted
        assertTrue(outcome.dispatch().error().startsWith("LiveKit's error \"No SIP Dispatch Rules defined\", although the "
                + "project has 1 rule: "), outcome.dispatch().error());
        assertEquals(LiveKitResponses.NO_DISPATCH_RULE.responses(), outcome.expectedResponses());
    }

    @Test
    void pinRuleBeatsAnOpenRuleOfTheSameGroupButLosesToATrunkSpecificOne() {
        SIPDispatchRuleInfo openForTrunk = AGENT_RULE.toBuilder().setSipDispatchRuleId("SDR_open").addTrunkIds("ST_open").build();
        SIPDispatchRuleInfo pinForTrunk = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_pin\",\"trunkIds\":[\"ST_open\"],"
                + "\"rule\":{\"dispatchRuleIndividual\":{\"roomPrefix\":\"p\",\"pin\":\"4242\"}}}");
        SIPDispatchRuleInfo pinWildcard = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_wpin\","
                + "\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"w\",\"pin\":\"4242\"}}}");

        RoutingOutcome sameGroup = simulate(List.of(OPEN_TRUNK), List.of(openForTrunk, pinForTrunk), null);
        RoutingOutcome wildcardPin = simulate(List.of(OPEN_TRUNK), List.of(pinWildcard, openForTrunk), null);

        assertEquals(DispatchMatch.Kind.PIN_PROMPT, sameGroup.dispatch().kind());
        assertEquals(List.of("SDR_pin", "SDR_open"), sameGroup.dispatch().candidateIds(), "2001 before 2101");
        assertEquals(LiveKitResponses.PIN_PROMPT.responses(), sameGroup.expectedResponses());
        assertEquals(DispatchMatch.Kind.MATCHED, wildcardPin.dispatch().kind());
        assertEquals("SDR_open", wildcardPin.dispatch().rule().getSipDispatchRuleId(),
                "a trunk-specific open rule beats a wildcard PIN rule");
    }

    @Test
    void conflictBetweenRulesThatWouldNotTakeTheCallStillFailsIt() {
        SIPDispatchRuleInfo a = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_a\",\"inboundNumbers\":[\"+49 (30) 111-222\"],"
                + "\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"a\"}}}");
        SIPDispatchRuleInfo b = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_b\",\"inboundNumbers\":[\"4930111222\"],"
                + "\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"b\"}}}");

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(AGENT_RULE.toBuilder().addTrunkIds("ST_open").build(), a, b), null);

        assertEquals(DispatchMatch.Kind.CONFLICT, outcome.dispatch().kind(), "the numbers are equal once normalized");
        assertEquals(List.of("SDR_a", "SDR_b"), outcome.dispatch().candidateIds());
        assertEquals(LiveKitResponses.DISPATCH_ERROR.responses(), outcome.expectedResponses());
        assertTrue(outcome.reasoning().stream().anyMatch(r -> r.startsWith("Neither conflicting rule")), outcome.reasoning().toString());
    }

    @Test
    void theDeploymentIsDecidedFromTheHostOrStated() {
        assertEquals(Deployment.CLOUD, RoutingOptions.forLiveKitHost("x.sip.livekit.cloud").deployment());
        assertEquals(Deployment.SELF_HOSTED, RoutingOptions.forLiveKitHost("sip.example.org").deployment());
        assertEquals(RoutingOptions.DEFAULT, RoutingOptions.forLiveKitHost("129.158.233.108"));
        assertTrue(RoutingOptions.DEFAULT.basis().contains("assumed"));
        assertEquals(Deployment.SELF_HOSTED, Deployment.fromOptionName("Self-Hosted"));
        assertEquals(Deployment.CLOUD, Deployment.fromOptionName("cloud"));
        assertThrows(IllegalArgumentException.class, () -> Deployment.fromOptionName("onprem"));
    }

    @Test
    void authChallengeRow() {
        RoutingOutcome outcome = simulate(List.of(AUTH_TRUNK), List.of(AGENT_RULE), null);

        assertEquals(AuthOutcome.CHALLENGE, outcome.auth());
        assertEquals(List.of("100 Processing", "407 Unauthorized"), outcome.expectedResponses());
        assertEquals(DispatchMatch.Kind.NOT_EVALUATED, outcome.dispatch().kind());
    }

    @Test
    void dispatchErrorRowConflictingRules() {
        SIPDispatchRuleInfo twin = AGENT_RULE.toBuilder().setSipDispatchRuleId("SDR_twin").build();

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(AGENT_RULE, twin), null);

        assertEquals(DispatchMatch.Kind.CONFLICT, outcome.dispatch().kind());
        assertEquals(List.of("SDR_agent", "SDR_twin"), outcome.dispatch().candidateIds());
        assertEquals("Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in "
                + "dispatch rule \"SDR_agent\" \"<blank name>\"", outcome.dispatch().error());
        assertEquals(List.of("100 Processing", "180 Ringing...", "503 Try again later"), outcome.expectedResponses());
    }

    @Test
    void aRuleListingOneCallerInTwoFormsConflictsWithItself() {
        // protocol sip.DispatchRuleValidator.Validate keys every entry in one map, the rule's own earlier ones included
        SIPDispatchRuleInfo twice = AGENT_RULE.toBuilder().addInboundNumbers("+4915112345678")
                .addInboundNumbers("4915112345678").build();

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(twice), null);

        assertEquals(DispatchMatch.Kind.CONFLICT, outcome.dispatch().kind());
        assertEquals(List.of("SDR_agent"), outcome.dispatch().candidateIds());
        assertEquals(List.of("100 Processing", "180 Ringing...", "503 Try again later"), outcome.expectedResponses());
        assertTrue(outcome.reasoning().stream().anyMatch(s -> s.startsWith("Dispatch rule SDR_agent conflicts with "
                + "itself")), outcome.reasoning().toString());
    }

    @Test
    void individualRoomsFollowEvaluateDispatchRule() {
        // no "_" before the caller without a prefix; no random part with noRandomness (a field the SDK lacks)
        SIPDispatchRuleInfo bare = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_bare\",\"rule\":"
                + "{\"dispatchRuleIndividual\":{}}}");
        assertEquals("+4915112345678_<random>", simulate(List.of(OPEN_TRUNK), List.of(bare), null).dispatch().roomName());

        LiveKitConfig fixed = new LiveKitConfig(List.of(OPEN_TRUNK), List.of(AGENT_RULE), List.of("t"), java.util.Map.of(),
                List.of(), false, false, java.util.Map.of("SDR_agent",
                "{\"rule\":{\"dispatchRuleIndividual\":{\"noRandomness\":true}}}"));
        assertEquals("call-_+4915112345678", new RoutingSimulator(fixed).simulate(LiveKitFixtures.invite(
                LiveKitFixtures.SEED_CALLED, "+4915112345678", null)).dispatch().roomName());
    }

    @Test
    void aFullTieGoesToTheRuleWithTheLowerIdWhateverTheFileOrder() {
        // same priority (1101: one filter each) and prefix, different conflict keys: LiveKit keeps the rule it lists
        // first, and a self-hosted server lists them by ID (livekit redisstore.go sortPage)
        SIPDispatchRuleInfo byCaller = AGENT_RULE.toBuilder().setSipDispatchRuleId("SDR_b").addInboundNumbers("+4915112345678")
                .build();
        LiveKitConfig config = new LiveKitConfig(List.of(OPEN_TRUNK), List.of(byCaller, AGENT_RULE.toBuilder()
                .setSipDispatchRuleId("SDR_a").build()), List.of("t"), java.util.Map.of("SDR_a",
                List.of(LiveKitFixtures.SEED_CALLED)));

        RoutingOutcome outcome = new RoutingSimulator(config).simulate(LiveKitFixtures.invite(LiveKitFixtures.SEED_CALLED,
                "+4915112345678", null));

        assertEquals("SDR_a", outcome.dispatch().rule().getSipDispatchRuleId());
        assertTrue(outcome.reasoning().stream().anyMatch(s -> s.contains("a self-hosted server lists rules by ID, so "
                + "SDR_a")), outcome.reasoning().toString());
    }

    @Test
    void noDispatchRuleRowHasNoFinalResponse() {
        SIPDispatchRuleInfo otherTrunk = AGENT_RULE.toBuilder().addTrunkIds("ST_other").build();

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(otherTrunk), null);

        assertEquals(DispatchMatch.Kind.NONE, outcome.dispatch().kind());
        assertEquals(List.of("100 Processing", "180 Ringing...", "(no final response)"), outcome.expectedResponses());
    }

    @Test
    void noAgentRowRingsThen486() {
        SIPDispatchRuleInfo noAgent = AGENT_RULE.toBuilder().clearRoomConfig().build();

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(noAgent), null);

        assertEquals(DispatchMatch.Kind.MATCHED, outcome.dispatch().kind());
        assertTrue(outcome.dispatch().agentNames().isEmpty());
        assertEquals(List.of("100 Processing", "180 Ringing...", "486 Rejected"), outcome.expectedResponses());
        assertTrue(String.join(" ", outcome.reasoning()).contains("3 minutes"));
    }

    @Test
    void successRowWithAgent() {
        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(AGENT_RULE), null);

        assertEquals(DispatchMatch.Kind.MATCHED, outcome.dispatch().kind());
        assertEquals("SDR_agent", outcome.dispatch().rule().getSipDispatchRuleId());
        assertEquals(List.of("my-telephony-agent"), outcome.dispatch().agentNames());
        assertEquals("call-_+4915112345678_<random>", outcome.dispatch().roomName());
        assertEquals(List.of("100 Processing", "180 Ringing...", "200 OK"), outcome.expectedResponses());
        assertTrue(String.join(" ", outcome.reasoning()).contains("It dispatches agent my-telephony-agent; "),
                outcome.reasoning().toString());
    }

    @Test
    void malformedInviteRowIs400WithoutProcessing() {
        InboundInvite noCallId = new InboundInvite(null, "4991874350352", "+49151", "h", "1.2.3.4", null, null);

        RoutingOutcome outcome = new RoutingSimulator(LiveKitFixtures.config(List.of(OPEN_TRUNK), List.of()))
                .simulate(noCallId);

        assertEquals(List.of("400 Bad request"), outcome.expectedResponses());
        assertTrue(outcome.reasoning().get(0).contains("Call-ID"));
    }

    @Test
    void seedCaseWithOnlyTheOpenTrunkRingsWithoutAgent() throws Exception {
        LiveKitConfig seed = LiveKitFixtures.seedConfig(dir);
        LiveKitConfig fixed = new LiveKitConfig(List.of(seed.trunk("ST_keiPmt6sJhJh")), seed.rules(), seed.sources());

        RoutingOutcome outcome = new RoutingSimulator(fixed).simulate(LiveKitFixtures.seedInvite());

        assertEquals(TrunkMatch.Kind.MATCHED, outcome.trunk().kind());
        assertEquals("SDR_HyMhj4T8greh", outcome.dispatch().rule().getSipDispatchRuleId());
        assertEquals(LiveKitResponses.NO_AGENT_TIMEOUT.responses(), outcome.expectedResponses());
    }

    @Test
    void trunkSpecificRuleBeatsWildcardAndPriorityOrders() {
        SIPDispatchRuleInfo wildcardWithCaller = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_w\","
                + "\"inboundNumbers\":[\"+4915112345678\"],\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"a\"}}}");
        SIPDispatchRuleInfo callee = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_c\",\"trunkIds\":[\"ST_open\"],"
                + "\"rule\":{\"dispatchRuleCallee\":{\"roomPrefix\":\"z\"}}}");
        SIPDispatchRuleInfo direct = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_d\",\"trunkIds\":[\"ST_open\"],"
                + "\"inboundNumbers\":[\"+4915112345678\"],\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"zz\"}}}");

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(wildcardWithCaller, callee, direct), null);

        assertEquals(List.of("SDR_d", "SDR_c"), outcome.dispatch().candidateIds());
        assertEquals("zz", outcome.dispatch().roomName());
    }

    @Test
    void priorityTiesGoToTheLowerRoomName() {
        SIPDispatchRuleInfo b = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_b\","
                + "\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"b\",\"pin\":\"1111\"}}}");
        SIPDispatchRuleInfo a = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_a\","
                + "\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"a\",\"pin\":\"2222\"}}}");

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(b, a), null);

        // Different PINs: no conflict, equal priority 2000, room "a" sorts first.
        assertEquals(List.of("SDR_a", "SDR_b"), outcome.dispatch().candidateIds());
        assertEquals(DispatchMatch.Kind.PIN_PROMPT, outcome.dispatch().kind());
    }

    @Test
    void twoOpenWildcardRulesConflict() {
        SIPDispatchRuleInfo a = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_a\","
                + "\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"a\"}}}");
        SIPDispatchRuleInfo c = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_c\","
                + "\"rule\":{\"dispatchRuleIndividual\":{\"roomPrefix\":\"c\"}}}");

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(a, c), null);

        assertEquals(DispatchMatch.Kind.CONFLICT, outcome.dispatch().kind());
        assertEquals(List.of("SDR_a", "SDR_c"), outcome.dispatch().candidateIds());
    }

    @Test
    void inboundNumbersHoldingTheDidNeverMatchAndSaySo() {
        SIPDispatchRuleInfo didAsCaller = AGENT_RULE.toBuilder().addInboundNumbers("+4991874350352").build();

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(didAsCaller), null);

        assertEquals(DispatchMatch.Kind.NONE, outcome.dispatch().kind());
        assertTrue(String.join(" ", outcome.reasoning()).contains("filters callers, not the DID"));
    }

    @Test
    void ruleCalledNumbersFilterExactly() {
        LiveKitConfig config = new LiveKitConfig(List.of(OPEN_TRUNK), List.of(AGENT_RULE), List.of("t"),
                java.util.Map.of("SDR_agent", List.of("+4991874350352")));

        RoutingOutcome outcome = new RoutingSimulator(config).simulate(LiveKitFixtures.seedInvite());

        assertEquals(DispatchMatch.Kind.NONE, outcome.dispatch().kind(), "4991874350352 is not exactly +4991874350352");
    }

    @Test
    void pinRuleWinsAndPrompts() {
        SIPDispatchRuleInfo pin = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_pin\",\"rule\":"
                + "{\"dispatchRuleDirect\":{\"roomName\":\"conf\",\"pin\":\"7070\"}}}");

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(AGENT_RULE, pin), null);

        assertEquals(DispatchMatch.Kind.PIN_PROMPT, outcome.dispatch().kind());
        assertEquals("conf", outcome.dispatch().roomName());
        assertEquals(LiveKitResponses.PIN_PROMPT.responses(), outcome.expectedResponses());
        assertFalse(String.join(" ", outcome.reasoning()).contains("7070"));
    }

    @Test
    void noTrunksUsesWildcardRulesOnly() {
        SIPDispatchRuleInfo specific = AGENT_RULE.toBuilder().setSipDispatchRuleId("SDR_s").addTrunkIds("ST_x").build();
        SIPDispatchRuleInfo callee = LiveKitFixtures.rule("{\"sipDispatchRuleId\":\"SDR_c\","
                + "\"rule\":{\"dispatchRuleCallee\":{\"roomPrefix\":\"in\",\"randomize\":true}}}");

        RoutingOutcome outcome = new RoutingSimulator(LiveKitFixtures.config(List.of(), List.of(specific, callee)),
                RoutingOptions.stated(Deployment.SELF_HOSTED)).simulate(LiveKitFixtures.invite(
                LiveKitFixtures.SEED_CALLED, "+4915112345678", null));
        RoutingOutcome cloud = simulate(List.of(), List.of(specific, callee), null);

        assertEquals(LiveKitResponses.NO_TRUNK_CLOUD.responses(), cloud.expectedResponses());
        assertEquals(TrunkMatch.Kind.NO_TRUNKS, outcome.trunk().kind());
        assertEquals("SDR_c", outcome.dispatch().rule().getSipDispatchRuleId());
        assertEquals("in_4991874350352_<random>", outcome.dispatch().roomName());
    }

    @Test
    void requestUriDifferingFromToIsExplained() {
        InboundInvite invite = new InboundInvite("c", "91874350352", "+49151", "h", "1.2.3.4", null, "4991874350352");

        RoutingOutcome outcome = new RoutingSimulator(LiveKitFixtures.config(List.of(OPEN_TRUNK), List.of()))
                .simulate(invite);

        assertEquals(TrunkMatch.Kind.NOT_FOUND, outcome.trunk().kind());
        String reasoning = String.join(" ", outcome.reasoning());
        assertTrue(reasoning.contains("although trunk ST_open lists the Request-URI number"), reasoning);
        assertTrue(reasoning.contains("The project has 1 inbound trunk but it does not accept the call;"), reasoning);
        assertNull(outcome.trunk().trunk());
    }

    @Test
    void ruleFieldsUnknownToTheSdkMakeTheChoiceUncertain() {
        SIPDispatchRuleInfo newer = AGENT_RULE.toBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet
                .newBuilder().addField(13, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                        .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("+4991874350352")).build())
                .build()).build();

        RoutingOutcome outcome = simulate(List.of(OPEN_TRUNK), List.of(newer), null);

        assertEquals(DispatchMatch.Kind.MATCHED, outcome.dispatch().kind());
        assertTrue(String.join(" ", outcome.reasoning()).contains("Rule SDR_agent carries settings this version of the "
                + "LiveKit SDK does not know") && String.join(" ", outcome.reasoning()).contains("not certain"),
                outcome.reasoning().toString());
    }

    @Test
    void challengeSaysTheCallFailsAfterThirtySeconds() {
        RoutingOutcome outcome = simulate(List.of(AUTH_TRUNK), List.of(AGENT_RULE), null);

        assertTrue(String.join(" ", outcome.reasoning()).contains("30 s"));
    }

    @Test
    void admissionHelpersAgreeWithTheSimulator() {
        SIPInboundTrunkInfo filtered = OPEN_TRUNK.toBuilder().addAllowedNumbers("+4930111")
                .addAllowedAddresses("10.0.0.0/8").addAllowedAddresses("bad entry").build();

        assertFalse(TrunkAdmission.callerAllowed(filtered, "+4915112345678"));
        assertTrue(TrunkAdmission.callerAllowed(filtered, "4930111"));
        assertFalse(TrunkAdmission.sourceAllowed(filtered, "89.184.187.200", "h"));
        assertTrue(TrunkAdmission.sourceAllowed(filtered, "10.1.2.3", "h"));
        assertTrue(TrunkAdmission.sourceAllowed(filtered, "", "h"), "unknown source accepted like LiveKit");
        assertEquals(List.of("10.0.0.0/8"), TrunkAdmission.usableAddresses(filtered));
        assertTrue(TrunkAdmission.isPrivateAddress("172.20.11.236"));
        assertFalse(TrunkAdmission.isPrivateAddress("89.184.187.124"));
        assertEquals("91874350352", LiveKitFixtures.seedInvite().withCalledNumber("91874350352").calledNumber());
    }

    @Test
    void aDefaultTrunkTakingTheCallIsNotSaidToBeTheOnlyWayWhenAFilteredTrunkListsTheNumber() {
        // section 2: a trunk listing the number but excluding the caller is skipped; the default trunk then takes
        // the call, which is not "no trunk lists the number"
        SIPInboundTrunkInfo filtered = OPEN_TRUNK.toBuilder().addAllowedNumbers("+4930111").build();
        SIPInboundTrunkInfo fallback = LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_default\"}");

        RoutingOutcome outcome = simulate(List.of(filtered, fallback), List.of(AGENT_RULE), null);

        assertEquals(TrunkMatch.Kind.DEFAULT, outcome.trunk().kind());
        String reasoning = String.join(" ", outcome.reasoning());
        assertFalse(reasoning.contains("No trunk lists the number"), reasoning);
        assertTrue(reasoning.contains("No trunk that lets the call in lists the number"), reasoning);
    }

    private static RoutingOutcome simulate(List<SIPInboundTrunkInfo> trunks, List<SIPDispatchRuleInfo> rules,
                                           String proxyAuthorization) {
        return new RoutingSimulator(LiveKitFixtures.config(trunks, rules)).simulate(
                LiveKitFixtures.invite(LiveKitFixtures.SEED_CALLED, "+4915112345678", proxyAuthorization));
    }
}
