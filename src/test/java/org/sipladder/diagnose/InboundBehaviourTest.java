package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.liveKitCall;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sipladder.livekit.Deployment;
import org.sipladder.livekit.LiveKitConfig;

/** Self-hosted versus Cloud, the open-source 404s, silent drops and rule conflicts, as the corrected notes say. */
class InboundBehaviourTest {

    private static final String DID = "4991874350352";
    private static final String URI = "sip:" + DID + "@project-1z3kctsj.sip.livekit.cloud";
    private static final LiveKitConfig AUTH_CONFIG = config(List.of(trunk("ST_auth", DID)
            .setAuthUsername(OutboundCapture.USER).setAuthPassword("pw")), List.of(rule("SDR_a", "agent", "ST_auth")));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "404, Does not match any SIP Trunks, trunk lookup found no trunk",
        "404, Does not match Trunks or Dispatch Rules, No dispatch rule accepts",
        "404, No trunk found, No LiveKit inbound trunk accepts"})
    void liveKitsOwn404ReasonsAreRecognised(int status, String reason, String title) {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", status + " " + reason)),
                LiveKitConfig.empty());

        Finding f = d.withCode(LiveKitResponseCheck.CODE).get(0);
        assertTrue(f.title().contains(title), f.title());
        assertTrue(f.primary());
    }

    @Test
    void liveKitsBare400SaysWhatTheOfferLeaves() {
        // G.711 in plain RTP: not the codec; a trunk that requires SRTP, or an SDP LiveKit could not read
        Finding plain = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "400")), LiveKitConfig.empty()).withCode(LiveKitResponseCheck.CODE).get(0);
        assertTrue(plain.evidence().facts().stream().anyMatch(x -> x.startsWith("The offer (frame ")
                && x.endsWith("which LiveKit takes, so the codec is not the reason; it is plain RTP (no SRTP profile, no "
                + "a=crypto)")), plain.evidence().facts().toString());
        assertTrue(plain.fix().steps().get(0).startsWith("The offer has a codec LiveKit takes and is plain RTP: check "
                + "whether the trunk's media_encryption requires SRTP"), plain.fix().steps().toString());
        // G.729 only: the codec it is, and the usual step stays
        Diagnosis g729Call = DiagnosisEngine.standard().diagnose(List.of(FindingRulesTest.liveKitCallOffering(
                        SipTexts.sdp("10.0.0.5", "18 G729/8000"), "100 Processing", "180 Ringing", "400")),
                LiveKitConfig.empty());
        Finding g729 = g729Call.withCode(LiveKitResponseCheck.CODE).get(0);
        assertTrue(g729.evidence().facts().stream().anyMatch(x -> x.endsWith("has no audio codec LiveKit takes (G729)")),
                g729.evidence().facts().toString());
        // LiveKit's 400 is how the capture shows the missing codec, this call's primary cause: its fix is that one's
        Finding codec = g729Call.withCode(FindingCode.SIP_NO_COMMON_CODEC).get(0);
        assertTrue(codec.primary(), codec.toString());
        assertEquals(Severity.WARNING, g729.severity());
        assertTrue(g729.fix().steps().get(0).startsWith("Fix this call's primary cause first (SIP_NO_COMMON_CODEC"),
                g729.fix().steps().toString());
        assertTrue(codec.fix().steps().get(0).startsWith("Offer PCMA or PCMU"), codec.fix().steps().toString());
    }

    @Test
    void selfHostedNoTrunkIsNeverA503AndSaysWhatItAssumed() {
        LiveKitConfig cfg = config(List.of(trunk("ST_other", "+4930111111")), List.of(rule("SDR_a", "agent", "ST_other")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing")), cfg,
                new DiagnosisSettings(Deployment.SELF_HOSTED, null));

        assertTrue(d.withCode(NoTrunkMatchCheck.CODE).isEmpty());
        LiveKitRouting r = d.routings().get(0);
        assertFalse(r.outcome().expectedResponses().stream().anyMatch(s -> s.startsWith("503")));
        assertEquals(org.sipladder.livekit.Consistency.CONSISTENT, r.consistency());
        Finding noRule = d.primaryFor(r.flowId()).orElseThrow();
        assertEquals(NoRuleMatchCheck.CODE, noRule.code());
        assertEquals("No trunk accepts calls to " + DID + " and no dispatch rule without trunk_ids takes them",
                noRule.title());
        assertTrue(noRule.evidence().facts().stream().anyMatch(s -> s.contains("deployment was set to self-hosted")));
        assertTrue(noRule.evidence().facts().get(0).startsWith("No trunk matched (the only trunk does not accept the "
                + "call)"), noRule.evidence().facts().toString());
        // the rule waits for trunk ST_other, which does not list the number: the fix adds it there, keeping the others
        assertTrue(noRule.fix().steps().get(0).startsWith("Trunk ST_other's numbers [+4930111111] do not include the "
                + "called number " + DID + ": add it"), noRule.fix().steps().toString());
        assertEquals("lk sip inbound update --id ST_other --numbers +4930111111," + DID, noRule.fix().commands().get(0));
        assertTrue(noRule.fix().steps().get(1).startsWith("Do not add a dispatch rule without trunk_ids instead"),
                noRule.fix().steps().toString());
    }

    @Test
    void noTrunkMatchFixKeepsTheTrunksNumbersOrCreatesTheFirstTrunk() {
        // Cloud answers 404 No trunk found; the flag replaces the whole list, so the command repeats what the trunk has
        LiveKitConfig two = config(List.of(trunk("ST_a", "+4930111", "+4930222"), trunk("ST_b", "+4930333")),
                List.of(rule("SDR_a", "agent", "ST_a")));
        Finding f = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "404 No trunk found")),
                two).withCode(NoTrunkMatchCheck.CODE).get(0);
        assertEquals("lk sip inbound update --id ST_a --numbers +4930111,+4930222," + DID, f.fix().commands().get(0));

        // no inbound trunk at all: nothing to update, one to create
        LiveKitConfig none = config(List.of(), List.of(rule("SDR_any", "agent")));
        Finding n = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "404 No trunk found")),
                none).withCode(NoTrunkMatchCheck.CODE).get(0);
        assertEquals("lk sip inbound create --name \"Inbound " + DID + "\" --numbers " + DID, n.fix().commands().get(0));
        assertTrue(n.evidence().facts().contains("The project has no inbound trunk"), n.evidence().facts().toString());
        assertTrue(n.fix().steps().get(0).startsWith("Create an inbound trunk"), n.fix().steps().toString());

        // only a default trunk, which refuses this caller: the command gives it the called number alone, no comma
        LiveKitConfig closed = config(List.of(trunk("ST_d").addAllowedNumbers("+4930999")),
                List.of(rule("SDR_d", "agent", "ST_d")));
        Finding d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "404 No trunk found")),
                closed).withCode(NoTrunkMatchCheck.CODE).get(0);
        assertEquals("lk sip inbound update --id ST_d --numbers " + DID, d.fix().commands().get(0));
    }

    @Test
    void trunksThatShareANumberButNotTheirCallersConflictOnlyForCallersBothAllow() {
        // MatchTrunkDetailed: only a caller both trunks let in matches two; ValidateTrunksIter files the open trunk
        // under "" and the other under its allowed number, so LiveKit accepted these trunks
        LiveKitConfig cfg = config(List.of(trunk("ST_open", "+4930111"),
                trunk("ST_some", "4930111").addAllowedNumbers("+4930999")), List.of(rule("SDR_a", "agent")));
        Finding f = DiagnosisEngine.standard().diagnose(List.of(), cfg).findings().stream()
                .filter(x -> x.code() == TrunkConflictCheck.CODE && x.flowId() == null).findFirst().orElseThrow();

        assertEquals("Trunks ST_open and ST_some both claim +4930111: calls to it that both let in get 503 Try again "
                + "later", f.title());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("Only calls that every one of them lets in "
                + "match more than one trunk: ST_some takes only some callers")), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("trunks set apart only in part (one open to every caller)"), f.explanation());
    }

    @Test
    void rulesLoadedWithoutTheTrunksTheyNameLeaveTheRoutingUncheckedAndAskForTheTrunks() {
        // lk sip dispatch list --json alone: no trunk loaded, so "no trunk matched, 404" would be a guess
        LiveKitConfig rulesOnly = config(List.of(), List.of(rule("SDR_a", "agent", "ST_main")));
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "200 OK")), rulesOnly);

        LiveKitRouting r = d.routings().get(0);
        assertFalse(r.simulated());
        assertEquals(org.sipladder.livekit.Consistency.UNKNOWN, r.consistency());
        assertTrue(r.summary().startsWith("LiveKit's inbound trunks are not loaded"), r.summary());
        assertTrue(d.withCode(NoTrunkMatchCheck.CODE).isEmpty());
        Finding f = d.withCode(RuleUnknownTrunkCheck.CODE).get(0);
        assertEquals("The dispatch rules name inbound trunks that are not loaded (ST_main)", f.title());
        // wildcard rules alone may be a project without trunks (self-hosted): simulated as before
        LiveKitConfig wildcard = config(List.of(), List.of(rule("SDR_any", "agent")));
        assertTrue(DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "200 OK")), wildcard).routings().get(0).simulated());
    }

    @Test
    void conflictingRulesFixKeepsTheOneWithTheAgentAndASelfConflictIsNamedOnce() {
        // SDR_b, listed last, is the rule with the agent: deleting it would turn the 503 into ringing without one
        LiveKitConfig pair = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", null, "ST_a"),
                rule("SDR_b", "agent", "ST_a")));
        Finding f = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "503 Try again later")), pair).withCode(RuleConflictCheck.CODE).get(0);
        assertEquals("lk sip dispatch delete SDR_a", f.fix().commands().get(0));
        assertTrue(f.fix().steps().get(0).contains("deletes SDR_a, which dispatches no agent, and keeps SDR_b"),
                f.fix().steps().toString());

        // one rule listing the caller twice, as '+49...' and '49...': LiveKit's validator finds it conflicting itself
        LiveKitConfig self = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_twice", "agent", "ST_a")
                .addInboundNumbers("+493023125417").addInboundNumbers("493023125417")));
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "503 Try again later")), self);
        Finding call = d.withCode(RuleConflictCheck.CODE).stream().filter(x -> x.flowId() != null).findFirst()
                .orElseThrow(() -> new AssertionError(d.findings() + " " + d.routings().get(0).summary()));
        assertEquals("Dispatch rule SDR_twice conflicts with itself for this call", call.title());
        Finding config = DiagnosisEngine.standard().diagnose(List.of(), self).withCode(RuleConflictCheck.CODE).get(0);
        assertTrue(config.title().startsWith("Dispatch rule SDR_twice conflicts with itself ("), config.title());
        assertTrue(config.fix().json().contains("\"inboundNumbers\": [\"+493023125417\"]"), config.fix().json());
    }

    @Test
    void aNewInviteWithTheSameCallIdAndCSeqTakesOnlyTheAnswersToItsOwnBranch() {
        // after a 400, the sender tries again with the same Call-ID and CSeq but a new From tag and branch: a new
        // transaction (RFC 3261 17.1.3 matches responses by the top Via branch), answered on its own
        String first = SipTexts.invite("call-again", URI, "+493023125417", TestCall.JAMBONZ, SipTexts.SDP_G711);
        String again = first.replace("branch=z9hG4bK", "branch=z9hG4bKagain").replace(";tag=f", ";tag=g");
        var flow = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, first)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(first, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(first, 400, ""))
                .after(5).send(TestCall.JAMBONZ, TestCall.LIVEKIT, again)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(again, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(again, 486, "Rejected")).flow();

        List<InviteTransaction> invites = InviteTransaction.of(flow);

        assertEquals(2, invites.size());
        assertEquals(List.of(100, 400), invites.get(0).responses().stream().map(m -> m.message().status()).toList());
        assertEquals(List.of(100, 486), invites.get(1).responses().stream().map(m -> m.message().status()).toList());
    }

    @Test
    void aRejectionReplayedToARetryWithTheSameCallIdAndFromTagIsNoContradiction() {
        // the first INVITE names a number no trunk lists (404); the retry, same Call-ID and From tag, names the DID a
        // trunk lists, but LiveKit replays its 404 for a minute (section 5, "other tells")
        String wrong = "sip:4930999999@project-1z3kctsj.sip.livekit.cloud";
        String first = SipTexts.invite("call-retry", wrong, "+493023125417", TestCall.JAMBONZ, SipTexts.SDP_G711);
        String retry = SipTexts.invite("call-retry", URI, "+493023125417", TestCall.JAMBONZ, SipTexts.SDP_G711)
                .replace("CSeq: 1 INVITE", "CSeq: 2 INVITE").replace("branch=z9hG4bK", "branch=z9hG4bK2");
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")));
        for (int seconds : new int[] {5, 90}) {
            var flow = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, first)
                    .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(first, 100, "Processing"))
                    .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(first, 404, "No trunk found"))
                    .after(seconds).send(TestCall.JAMBONZ, TestCall.LIVEKIT, retry)
                    // replayed before any processing: no 100 (livekit/sip pkg/sip/inbound.go, processInvite)
                    .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(retry, 404, "No trunk found")).flow();

            LiveKitRouting second = DiagnosisEngine.standard().diagnose(List.of(flow), cfg).routings().get(1);

            if (seconds == 5) {
                assertEquals(org.sipladder.livekit.Consistency.CONSISTENT, second.consistency(), second.summary());
                assertTrue(second.summary().contains("consistent as a replay: LiveKit rejected the INVITE of frame"), second.summary());
            } else {
                // a minute later the replay is over: the answer contradicts the config
                assertEquals(org.sipladder.livekit.Consistency.INCONSISTENT, second.consistency(), second.summary());
            }
        }
    }

    @Test
    void theLiveKitUrlTellsTheDeploymentWhenTheRequestUriIsAnAddress() {
        String invite = SipTexts.invite("call-ip", "sip:" + DID + "@" + TestCall.LIVEKIT, "+493023125417", TestCall.JAMBONZ,
                SipTexts.SDP_G711);
        var flow = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing")).flow();
        LiveKitConfig cfg = config(List.of(trunk("ST_other", "+4930111111")), List.of());

        Diagnosis cloud = DiagnosisEngine.standard().diagnose(List.of(flow), cfg,
                new DiagnosisSettings(null, "wss://project-1z3kctsj.livekit.cloud"));
        Diagnosis own = DiagnosisEngine.standard().diagnose(List.of(flow), cfg,
                new DiagnosisSettings(null, "https://livekit.example.com:7880"));

        assertEquals(Deployment.CLOUD, cloud.routings().get(0).outcome().options().deployment());
        assertTrue(cloud.routings().get(0).outcome().assumption().contains("LiveKit URL host"));
        assertEquals(Deployment.SELF_HOSTED, own.routings().get(0).outcome().options().deployment());
    }

    @Test
    void liveKitAtAPrivateAddressIsSelfHosted() {
        String liveKit = "10.20.0.50";
        String invite = SipTexts.invite("call-private", "sip:" + DID + "@" + liveKit, "+493023125417", TestCall.JAMBONZ,
                SipTexts.SDP_G711);
        var flow = new TestCall().hop(TestCall.JAMBONZ, org.sipladder.flow.Role.JAMBONZ)
                .hop(liveKit, org.sipladder.flow.Role.LIVEKIT)
                .send(TestCall.JAMBONZ, liveKit, invite)
                .send(liveKit, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing")).flow();
        LiveKitConfig cfg = config(List.of(trunk("ST_other", "+4930111111")), List.of());

        LiveKitRouting r = DiagnosisEngine.standard().diagnose(List.of(flow), cfg).routings().get(0);

        assertEquals(Deployment.SELF_HOSTED, r.outcome().options().deployment());
        assertTrue(r.outcome().assumption().contains("LiveKit's address 10.20.0.50 is private, where LiveKit Cloud never "
                + "is"), r.outcome().assumption());
        assertFalse(r.outcome().expectedResponses().contains("404 No trunk found"), r.outcome().expectedResponses().toString());
        // a stated deployment still wins
        LiveKitRouting stated = DiagnosisEngine.standard().diagnose(List.of(flow), cfg,
                new DiagnosisSettings(Deployment.CLOUD, null)).routings().get(0);
        assertEquals(Deployment.CLOUD, stated.outcome().options().deployment());
    }

    @Test
    void answersOnlyASelfHostedServerGivesTellTheDeploymentWhenNothingElseDoes() {
        // an address in the Request-URI tells nothing; no trunk lists the number: Cloud would answer 404 No trunk
        // found, a self-hosted server goes on to the dispatch rules, finds none for no trunk and drops the call
        String invite = SipTexts.invite("call-public", "sip:" + DID + "@" + TestCall.LIVEKIT, "+493023125417",
                TestCall.JAMBONZ, SipTexts.SDP_G711);
        LiveKitConfig cfg = config(List.of(trunk("ST_other", "+4930111111")), List.of(rule("SDR_a", "agent", "ST_other")));
        var dropped = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 180, "Ringing")).flow();
        var refused = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 404, "No trunk found")).flow();

        LiveKitRouting selfHosted = DiagnosisEngine.standard().diagnose(List.of(dropped), cfg).routings().get(0);
        LiveKitRouting cloud = DiagnosisEngine.standard().diagnose(List.of(refused), cfg).routings().get(0);

        assertEquals(Deployment.SELF_HOSTED, selfHosted.outcome().options().deployment());
        assertEquals(org.sipladder.livekit.Consistency.CONSISTENT, selfHosted.consistency(), selfHosted.summary());
        assertTrue(selfHosted.outcome().assumption().contains("LiveKit's answers are a self-hosted server's"),
                selfHosted.outcome().assumption());
        assertEquals(Deployment.CLOUD, cloud.outcome().options().deployment());
        assertEquals(org.sipladder.livekit.Consistency.CONSISTENT, cloud.consistency(), cloud.summary());
        // answers neither explains stay with the assumption, and the contradiction is reported
        var answered = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 486, "Busy Here")).flow();
        LiveKitRouting neither = DiagnosisEngine.standard().diagnose(List.of(answered), cfg).routings().get(0);
        assertEquals(Deployment.CLOUD, neither.outcome().options().deployment());
        assertEquals(org.sipladder.livekit.Consistency.INCONSISTENT, neither.consistency(), neither.summary());
    }

    @Test
    void cloudsOwn404OverrulesASelfHostedGuessFromACustomDomain() {
        // a Request-URI name outside livekit.cloud suggests a self-hosted server, yet only LiveKit Cloud answers
        // 404 No trunk found (the open-source trunk lookup never reports NO_TRUNK_FOUND): its answer tells
        String invite = SipTexts.invite("call-custom", "sip:" + DID + "@sip.voice.example.com", "+493023125417",
                TestCall.JAMBONZ, SipTexts.SDP_G711);
        LiveKitConfig cfg = config(List.of(trunk("ST_other", "+4930111111")), List.of(rule("SDR_a", "agent", "ST_other")));
        var refused = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 404, "No trunk found")).flow();
        var dropped = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 180, "Ringing")).flow();

        Diagnosis cloud = DiagnosisEngine.standard().diagnose(List.of(refused), cfg);
        LiveKitRouting selfHosted = DiagnosisEngine.standard().diagnose(List.of(dropped), cfg).routings().get(0);

        LiveKitRouting r = cloud.routings().get(0);
        assertEquals(Deployment.CLOUD, r.outcome().options().deployment(), r.outcome().assumption());
        assertEquals(org.sipladder.livekit.Consistency.CONSISTENT, r.consistency(), r.summary());
        assertTrue(r.outcome().assumption().contains("sip.voice.example.com")
                && r.outcome().assumption().contains("404 No trunk found"), r.outcome().assumption());
        Finding primary = cloud.findings().stream().filter(Finding::primary).findFirst().orElseThrow();
        assertEquals(FindingCode.LK_NO_TRUNK_MATCH, primary.code(), primary.title());
        // the name still decides where LiveKit's answers agree with it
        assertEquals(Deployment.SELF_HOSTED, selfHosted.outcome().options().deployment());
        // and a stated deployment is never overruled
        LiveKitRouting stated = DiagnosisEngine.standard().diagnose(List.of(refused), cfg,
                new DiagnosisSettings(Deployment.SELF_HOSTED, null)).routings().get(0);
        assertEquals(Deployment.SELF_HOSTED, stated.outcome().options().deployment());
    }

    @Test
    void aDropTheConfigExplainsIsMatchedToIt() {
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_x", "agent", "ST_other")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing")), cfg);

        Finding drop = d.withCode(SilentDropCheck.CODE).get(0);
        assertTrue(drop.explanation().contains("DispatchNoRuleDrop"), drop.explanation());
        assertEquals(NoRuleMatchCheck.CODE, d.primaryFor(drop.flowId()).orElseThrow().code(), "the rule names the config");
    }

    @Test
    void aRetransmittedInviteTheConfigWouldAnswerSaysTheConfigDoesNotExplainIt() {
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(FindingRulesTest.retransmittedCall()), cfg);

        Finding drop = d.withCode(SilentDropCheck.CODE).get(0);
        assertTrue(drop.title().contains("retransmitted 2 times"), drop.title());
        assertTrue(drop.explanation().contains("AuthDrop"), drop.explanation());
    }

    @Test
    void credentialsOnACallIdLiveKitNeverChallengedAreBadCredentials() {
        // section 3: LiveKit checks the user name, then looks for its own 407 to this Call-ID, and only then the
        // digest: right credentials on a Call-ID it never challenged get 401 Bad credentials
        String fresh = OutboundCapture.withCredentials(SipTexts.invite("call-fresh", URI, "+493023125417",
                TestCall.JAMBONZ, SipTexts.SDP_G711), 1, "Proxy-Authorization", URI, "pw");
        var flow = TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, fresh)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(fresh, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(fresh, 401, "Bad credentials")).flow();

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH_CONFIG);

        LiveKitRouting r = d.routings().get(0);
        assertEquals(List.of("100 Processing", "401 Bad credentials"), r.outcome().expectedResponses());
        assertEquals(org.sipladder.livekit.Consistency.CONSISTENT, r.consistency());
        Finding failed = d.primaryFor(r.flowId()).orElseThrow();
        assertEquals(AuthFailedCheck.CODE, failed.code());
        assertTrue(failed.fix().steps().get(0).contains("407 for the same Call-ID"), failed.fix().steps().toString());
    }

    @Test
    void rightCredentialsAfterLiveKitsOwnChallengeAreAccepted() {
        var flow = challengedThenRetried("Proxy-Authorization", 100, "Processing");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH_CONFIG);

        assertEquals(List.of("100 Processing", "180 Ringing...", "200 OK"), d.routings().get(1).outcome().expectedResponses());
    }

    @Test
    void credentialsInAnAuthorizationHeaderAreNamedAsIgnored() {
        // section 1: LiveKit reads credentials from Proxy-Authorization only; a sender answering the 407 with an
        // Authorization header did send them, where LiveKit does not look, and is challenged again
        var flow = challengedThenRetried("Authorization", 407, "Unauthorized");

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(flow), AUTH_CONFIG);

        // one challenge left unanswered, however many times LiveKit repeated it: one finding listing every INVITE
        List<Finding> unanswered = d.withCode(AuthChallengeUnansweredCheck.CODE);
        assertEquals(1, unanswered.size(), unanswered.toString());
        Finding f = unanswered.get(0);
        assertTrue(f.title().contains("in Authorization, which LiveKit ignores"), f.title());
        assertTrue(f.fix().steps().get(0).contains("Proxy-Authorization"), f.fix().steps().toString());
        assertEquals(List.of(1L, 2L, 3L, 4L), f.evidence().frames());
        assertTrue(f.evidence().facts().stream().anyMatch(x -> x.startsWith("The sender retried (INVITE frame 3) with "
                + "credentials in an Authorization header, and LiveKit challenged it again with 407")
                && x.endsWith("reads credentials from Proxy-Authorization only")), f.evidence().facts().toString());
        assertEquals(List.of("100 Processing", "407 Unauthorized"), d.routings().get(1).outcome().expectedResponses());
    }

    /** LiveKit answers 407, the sender retries with the trunk's credentials in {@code header}, LiveKit answers that. */
    private static org.sipladder.flow.CallFlow challengedThenRetried(String header, int status, String reason) {
        String first = SipTexts.invite("call-challenged", URI, "+493023125417", TestCall.JAMBONZ, SipTexts.SDP_G711);
        String retry = OutboundCapture.withCredentials(first, 2, header, URI, "pw");
        return TestCall.carrierJambonzLiveKit().send(TestCall.JAMBONZ, TestCall.LIVEKIT, first)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(first, 407, "Unauthorized"))
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, retry)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(retry, status, reason)).flow();
    }

    @Test
    void aRuleWhoseNumbersMissTheCalledNumberIsNamedWithThatFilter() {
        // section 4: a rule's numbers are compared with the To user as exact strings (no normalization), so a rule
        // for "+49..." does not take a call to "49..."; the finding must name that filter, not only inbound_numbers
        LiveKitConfig cfg = new LiveKitConfig(List.of(trunk("ST_a", "+" + DID).build()),
                List.of(rule("SDR_plus", "agent", "ST_a").build()), List.of("t"),
                java.util.Map.of("SDR_plus", List.of("+" + DID)));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing")), cfg);

        Finding noRule = d.withCode(NoRuleMatchCheck.CODE).get(0);
        assertTrue(noRule.evidence().facts().stream().anyMatch(s -> s.startsWith("Rule SDR_plus skipped: the called "
                + "number \"" + DID + "\" is not exactly one of its numbers")), noRule.evidence().facts().toString());
        assertTrue(noRule.explanation().contains("numbers contain the called number"), noRule.explanation());
        // the rule holds the number in another spelling: the fix names that rule and its numbers, not a new rule
        assertTrue(noRule.fix().steps().get(0).startsWith("Dispatch rule SDR_plus would take this call, but its numbers "
                + "[+" + DID + "] hold the called number only as +" + DID), noRule.fix().steps().toString());
        assertEquals(List.of("lk sip dispatch update --id SDR_plus SDR_plus.json"), noRule.fix().commands());
    }

    @Test
    void rulesSharingOneKeyAreOneConfigFinding() {
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_1", "agent", "ST_a"),
                rule("SDR_2", "agent", "ST_a"), rule("SDR_3", "agent", "ST_a")));

        List<Finding> conflicts = DiagnosisEngine.standard().diagnose(List.of(), cfg).withCode(RuleConflictCheck.CODE);

        assertEquals(1, conflicts.size(), conflicts.toString());
        assertEquals(List.of("SDR_1", "SDR_2", "SDR_3"), conflicts.get(0).evidence().configIds());
    }

    @Test
    void rulesWithDifferentCalledNumbersDoNotConflict() {
        LiveKitConfig cfg = new LiveKitConfig(List.of(trunk("ST_a", DID).build()),
                List.of(rule("SDR_1", "agent", "ST_a").build(), rule("SDR_2", "agent", "ST_a").build()), List.of("t"),
                java.util.Map.of("SDR_1", List.of("+4930111"), "SDR_2", List.of("+4930222")));

        assertTrue(DiagnosisEngine.standard().diagnose(List.of(), cfg).withCode(RuleConflictCheck.CODE).isEmpty());
    }

    @Test
    void aConflictOfRulesThatWouldNotTakeTheCallIsNamedOnTheCall() {
        LiveKitConfig cfg = config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a"),
                rule("SDR_x", "agent").addInboundNumbers("+49 30 111"), rule("SDR_y", "agent").addInboundNumbers("+4930111")));

        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing",
                "503 Try again later")), cfg);

        Finding onCall = d.withCode(RuleConflictCheck.CODE).stream().filter(f -> f.flowId() != null).findFirst().orElseThrow();
        assertTrue(onCall.primary());
        assertTrue(onCall.evidence().facts().stream().anyMatch(s -> s.startsWith("Neither conflicting rule")),
                onCall.evidence().facts().toString());
    }

    /** Jambonz's INVITE to LiveKit, 100 Processing and 180 Ringing, then Jambonz's CANCEL {@code seconds} later. */
    private static org.sipladder.flow.CallFlow cancelledAfter(long seconds) {
        String invite = SipTexts.invite("rang", URI, "+493023125417", TestCall.JAMBONZ, SipTexts.SDP_G711);
        String cancel = SipTexts.cancel(invite);
        return TestCall.carrierJambonzLiveKit()
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, invite)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 180, "Ringing"))
                .after(seconds)
                .send(TestCall.JAMBONZ, TestCall.LIVEKIT, cancel)
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(cancel, 200, "OK"))
                .send(TestCall.LIVEKIT, TestCall.JAMBONZ, SipTexts.response(invite, 487, "Request Terminated")).flow();
    }

    @ParameterizedTest(name = "cancelled after {0} s")
    @CsvSource({"5, false, INFO", "60, true, WARNING"})
    void aCallerWhoHangsUpAfterAFewSecondsOfRingingIsNoMissingAgentButLongRingingIs(long seconds, boolean noAgent,
                                                                                   Severity severity) {
        Finding f = DiagnosisEngine.standard().diagnose(List.of(cancelledAfter(seconds)), LiveKitConfig.empty())
                .withCode(FindingCode.LK_RESPONSE_EXPLAINED).get(0);

        assertEquals(noAgent, f.explanation().contains("no agent was coming"), f.explanation());
        assertEquals(!noAgent, f.explanation().contains("It rang 5.0 s, less than an agent often takes to join"), f.explanation());
        assertEquals(noAgent, f.fix().steps().get(0).contains("room_config.agents"), f.fix().toString());
        assertEquals(severity, f.severity());
    }
}
