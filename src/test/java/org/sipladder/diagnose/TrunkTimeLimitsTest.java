package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.CALLER;
import static org.sipladder.diagnose.FindingRulesTest.LK_URI;
import static org.sipladder.diagnose.TestCall.JAMBONZ;
import static org.sipladder.diagnose.TestCall.LIVEKIT;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.rule;
import static org.sipladder.diagnose.TestConfig.trunk;

import com.google.protobuf.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/**
 * The matched trunk's max_call_duration (LiveKit's BYE that long after the INVITE) and ringing_timeout (its 486
 * Rejected that long after the INVITE when no agent joined), as livekit/sip pkg/sip/inbound.go applies them.
 */
class TrunkTimeLimitsTest {

    private static final String DID = "4991874350352";

    @TempDir
    Path dir;

    @Test
    void liveKitsByeAtTheTrunksLimitIsTheLimitsAndNotAnExpiredSessionTimer() {
        // Session-Expires 90 without refresh, LiveKit's BYE 95.04 s after the INVITE
        CallFlow call = FindingRulesTest.afterAnswer(FindingRulesTest.Mid.TIMER_EXPIRED);

        Diagnosis limited = DiagnosisEngine.standard().diagnose(List.of(call), FindingRulesTest.limitedTrunk(95));
        Diagnosis unlimited = DiagnosisEngine.standard().diagnose(List.of(call), FindingRulesTest.limitedTrunk(0));

        Finding f = only(limited, FindingCode.LK_MAX_CALL_DURATION);
        assertTrue(limited.withCode(FindingCode.SIP_SESSION_TIMER_EXPIRED).isEmpty(), limited.findings().toString());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("LiveKit hung up at trunk ST_a's max_call_duration of 95 s", f.title());
        assertEquals(List.of("ST_a"), f.evidence().configIds());
        assertEquals(List.of(1L, 3L, 5L), f.evidence().frames());
        assertTrue(f.evidence().facts().get(0).endsWith("LiveKit sent BYE at frame 5, 95.0 s after the INVITE (95.0 s "
                + "after the answer)"), f.evidence().facts().toString());
        assertTrue(f.explanation().contains("not by the agent, the caller or the network"), f.explanation());
        assertEquals(List.of("lk sip inbound update --id ST_a trunk.json"), f.fix().commands());
        assertFalse(f.fix().json().contains("maxCallDuration") || f.fix().json().contains("sipTrunkId"), f.fix().json());
        assertTrue(f.fix().json().contains(DID), f.fix().json());
        // without a limit, or without any config, nothing is guessed: the session timer check keeps the BYE
        assertTrue(unlimited.withCode(FindingCode.LK_MAX_CALL_DURATION).isEmpty());
        assertEquals(1, unlimited.withCode(FindingCode.SIP_SESSION_TIMER_EXPIRED).size());
        assertTrue(DiagnosisEngine.standard().diagnose(List.of(call), LiveKitConfig.empty())
                .withCode(FindingCode.LK_MAX_CALL_DURATION).isEmpty());
    }

    @Test
    void onlyAByeWithinAFewSecondsOfTheLimitIsTheLimits() {
        // LiveKit's BYE 95.04 s after the INVITE: 93 s is more than two seconds before it, 97 s more than one after
        CallFlow call = FindingRulesTest.afterAnswer(FindingRulesTest.Mid.TIMER_EXPIRED);
        for (long seconds : new long[] {93, 97}) {
            Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(call), FindingRulesTest.limitedTrunk(seconds));
            assertTrue(d.withCode(FindingCode.LK_MAX_CALL_DURATION).isEmpty(), seconds + " s: " + d.findings());
        }
    }

    @Test
    void theLimitCountsFromTheInviteSoTheRingingCounts() {
        // rings 20 s, then talks 40 s: LiveKit's deadline was set when the INVITE came
        String invite = SipTexts.invite("call-mid", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711);
        String bye = FindingRulesTest.inDialog("BYE", 2, LIVEKIT, "");
        CallFlow call = TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 180, "Ringing")).after(20)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>",
                        SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, FindingRulesTest.inDialog("ACK", 1, JAMBONZ, "")).after(40)
                .send(LIVEKIT, JAMBONZ, bye).send(JAMBONZ, LIVEKIT, SipTexts.response(bye, 200, "OK")).flow();

        Finding f = only(DiagnosisEngine.standard().diagnose(List.of(call), FindingRulesTest.limitedTrunk(60)),
                FindingCode.LK_MAX_CALL_DURATION);
        assertTrue(f.evidence().facts().get(0).contains("60.0 s after the INVITE (40.0 s after the answer)"),
                f.evidence().facts().toString());
        assertTrue(DiagnosisEngine.standard().diagnose(List.of(call), FindingRulesTest.limitedTrunk(40))
                .withCode(FindingCode.LK_MAX_CALL_DURATION).isEmpty());
    }

    /** LiveKit's own cap: 24 h from the INVITE whatever the trunk says, with or without a config. */
    @Test
    void liveKitsByeTwentyFourHoursAfterTheInviteIsItsOwnCap() {
        CallFlow day = longCall(24 * 3600 - 10, 10);
        for (LiveKitConfig config : List.of(LiveKitConfig.empty(), FindingRulesTest.limitedTrunk(0))) {
            Finding f = only(DiagnosisEngine.standard().diagnose(List.of(day), config),
                    FindingCode.LK_MAX_CALL_DURATION);
            assertEquals("LiveKit hung up at its own cap of 24 h", f.title());
            assertTrue(f.evidence().facts().get(0).contains("86400.0 s after the INVITE (24.0 h"),
                    f.evidence().facts().toString());
            assertTrue(f.explanation().contains("can only lower it"), f.explanation());
        }
        assertTrue(String.join(" ", only(DiagnosisEngine.standard().diagnose(List.of(day),
                FindingRulesTest.limitedTrunk(0)), FindingCode.LK_MAX_CALL_DURATION).evidence().facts())
                .contains("Trunk ST_a sets no max_call_duration below it"));
        // an hour short of it: LiveKit hung up for another reason
        assertTrue(DiagnosisEngine.standard().diagnose(List.of(longCall(23 * 3600 - 10, 10)), LiveKitConfig.empty())
                .withCode(FindingCode.LK_MAX_CALL_DURATION).isEmpty());
    }

    /** LiveKit answers after {@code ringing} s and sends BYE {@code talk} s after its answer. */
    private static CallFlow longCall(int talk, int ringing) {
        String invite = SipTexts.invite("call-mid", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711);
        String bye = FindingRulesTest.inDialog("BYE", 2, LIVEKIT, "");
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 180, "Ringing")).after(ringing)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 200, "OK", "Contact: <sip:" + LIVEKIT + ":5060>",
                        SipTexts.sdp(LIVEKIT, "8 PCMA/8000")))
                .send(JAMBONZ, LIVEKIT, FindingRulesTest.inDialog("ACK", 1, JAMBONZ, "")).after(talk)
                .send(LIVEKIT, JAMBONZ, bye).send(JAMBONZ, LIVEKIT, SipTexts.response(bye, 200, "OK")).flow();
    }

    @Test
    void aMediaTimeoutThatEndsWithTheLimitIsToldOnceAsTheLimit() throws Exception {
        // Jambonz's RTP stops 15 s before LiveKit's BYE, which comes at the trunk's limit of 60 s
        MediaCase call = MediaCase.jambonzToLiveKit("203.0.113.10", 40000, MediaCase.LIVEKIT, 30000)
                .rtp("203.0.113.10:40000", MediaCase.LIVEKIT + ":30000", 0.4, 2250, 0x1111, Set.of())
                .rtp(MediaCase.LIVEKIT + ":30000", "203.0.113.10:40000", 0.41, 2995, 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, 60.3);

        Diagnosis limited = call.diagnose(dir, limitedConfig(60));
        Diagnosis unlimited = call.diagnose(dir, limitedConfig(0));

        only(limited, FindingCode.LK_MAX_CALL_DURATION);
        assertTrue(limited.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).isEmpty(), limited.findings().toString());
        assertEquals(1, unlimited.withCode(FindingCode.MEDIA_TIMEOUT_HANGUP).size(), unlimited.findings().toString());
        assertTrue(unlimited.withCode(FindingCode.LK_MAX_CALL_DURATION).isEmpty());
    }

    @Test
    void aByeFromTheCallerAtTheLimitIsNotLiveKits() throws Exception {
        MediaCase call = MediaCase.jambonzToLiveKit("203.0.113.10", 40000, MediaCase.LIVEKIT, 30000)
                .bye(MediaCase.JAMBONZ, 60.3);

        assertTrue(call.diagnose(dir, limitedConfig(60)).withCode(FindingCode.LK_MAX_CALL_DURATION).isEmpty());
    }

    @Test
    void noAgentRingsUntilTheTrunksOwnRingingTimeoutAndTheCaptureAgrees() {
        Finding f = only(diagnoseNoAgent(45, trunk("ST_a", DID).setRingingTimeout(seconds(45))), FindingCode.LK_RULE_NO_AGENT);

        assertTrue(f.explanation().contains("ringing (180 every second) until trunk ST_a's ringing_timeout of 45 s, "
                + "then gets 486 Rejected"), f.explanation());
        assertTrue(f.evidence().facts().contains("LiveKit's 486 Rejected came 45.0 s after the INVITE (frame 4): as "
                + "trunk ST_a's ringing_timeout of 45 s predicts"), f.evidence().facts().toString());
    }

    @Test
    void withoutARingingTimeoutTheDefaultOfThreeMinutesIsNamed() {
        Finding f = only(diagnoseNoAgent(180, trunk("ST_a", DID)), FindingCode.LK_RULE_NO_AGENT);

        assertTrue(f.explanation().contains("until LiveKit's default ringing timeout of 3 min (trunk ST_a sets no "
                + "ringing_timeout)"), f.explanation());
        assertTrue(f.evidence().facts().contains("LiveKit's 486 Rejected came 180.0 s after the INVITE (frame 4): as "
                + "LiveKit's default ringing timeout of 3 min (trunk ST_a sets no ringing_timeout) predicts"),
                f.evidence().facts().toString());
    }

    @Test
    void aCaptureWhose486ComesAtTheDefaultSaysTheTrunkDifferedThen() {
        Finding f = only(diagnoseNoAgent(180, trunk("ST_a", DID).setRingingTimeout(seconds(45))), FindingCode.LK_RULE_NO_AGENT);

        String timing = f.evidence().facts().stream().filter(s -> s.startsWith("LiveKit's 486")).findFirst().orElseThrow();
        assertTrue(timing.contains("180.0 s after the INVITE (frame 4), not at about 45 s as trunk ST_a's "
                + "ringing_timeout of 45 s predicts: that is LiveKit's default"), timing);
    }

    @Test
    void aShorterMaxCallDurationEndsTheRinging() {
        Diagnosis d = diagnoseNoAgent(20, trunk("ST_a", DID).setMaxCallDuration(seconds(20)));
        Finding f = only(d, FindingCode.LK_RULE_NO_AGENT);

        String reasoning = String.join(" ", d.routings().get(0).outcome().reasoning());
        assertTrue(reasoning.contains("rings until trunk ST_a's max_call_duration of 20 s, shorter than its default "
                + "ringing timeout of 3 min and answers 486 Rejected"), reasoning);

        assertTrue(f.evidence().facts().contains("LiveKit's 486 Rejected came 20.0 s after the INVITE (frame 4): as "
                + "trunk ST_a's max_call_duration of 20 s, shorter than its default ringing timeout of 3 min predicts"),
                f.evidence().facts().toString());
    }

    @Test
    void withoutConfigA486AwayFromTheDefaultPointsAtTheTrunksOwnTimeout() {
        Diagnosis d = DiagnosisEngine.standard().diagnose(List.of(ringingUntil486(30)), LiveKitConfig.empty());

        Finding f = only(d, FindingCode.LK_RESPONSE_EXPLAINED);
        assertEquals("LiveKit's 486 Rejected came 30.0 s after the INVITE (frame 4), not at LiveKit's default ringing "
                + "timeout of 3 min: the trunk probably sets its own ringing_timeout (about 30 s), or the call ended "
                + "for another reason", f.evidence().facts().get(0));
    }

    @Test
    void a486LongBeforeTheRingingTimeoutLeadsWithTheFailuresBeforeTheAnswer() {
        // the rule dispatches no agent, but LiveKit's 486 came 2 s in: not the 3 minutes of ringing that predicts
        Diagnosis d = diagnoseNoAgent(2, trunk("ST_a", DID));
        Finding primary = d.primaryFor(d.routings().get(0).transaction().flow().id()).orElseThrow();
        assertEquals(FindingCode.LK_RESPONSE_EXPLAINED, primary.code(), d.findings().toString());
        assertEquals("LiveKit ended the call before its ringing timeout (486 Rejected)", primary.title());
        assertTrue(primary.explanation().startsWith(RingingTimeout.EARLY_FAILURES), primary.explanation());
        assertEquals(RingingTimeout.EARLY_STEP, primary.fix().steps().get(0));
        assertTrue(primary.evidence().facts().get(0).contains("2.0 s after the INVITE (frame 4), before LiveKit's "
                + "default ringing timeout of 3 min (trunk ST_a sets no ringing_timeout) would end the ringing: not the "
                + "ringing timeout"), primary.evidence().facts().toString());
        Finding noAgent = only(d, FindingCode.LK_RULE_NO_AGENT);
        assertEquals(Severity.WARNING, noAgent.severity());
        assertEquals("Dispatch rule SDR_a dispatches no agent, but LiveKit ended this call first with 486 Rejected",
                noAgent.title());
        assertTrue(noAgent.explanation().contains("so something else ended this call first (see "
                + "LK_RESPONSE_EXPLAINED)"), noAgent.explanation());
        // a rule that dispatches an agent: no "no agent joined" title either
        Diagnosis withAgent = DiagnosisEngine.standard().diagnose(List.of(ringingUntil486(2)),
                config(List.of(trunk("ST_a", DID)), List.of(rule("SDR_a", "agent", "ST_a"))));
        Finding f = only(withAgent, FindingCode.LK_RESPONSE_EXPLAINED);
        assertEquals("LiveKit ended the call before its ringing timeout (486 Rejected)", f.title());
        assertTrue(f.explanation().endsWith("(the dispatch rule SDR_a dispatches agent)."), f.explanation());
    }

    private static Diagnosis diagnoseNoAgent(long ringSeconds, SIPInboundTrunkInfo.Builder trunk) {
        return DiagnosisEngine.standard().diagnose(List.of(ringingUntil486(ringSeconds)),
                config(List.of(trunk), List.of(rule("SDR_a", null, "ST_a"))));
    }

    /** Jambonz's INVITE to LiveKit, 100 Processing, 180 Ringing, and 486 Rejected {@code seconds} after the INVITE. */
    static CallFlow ringingUntil486(long seconds) {
        String invite = SipTexts.invite("call-ring", LK_URI, CALLER, JAMBONZ, SipTexts.SDP_G711);
        // the three messages before the 486 take 10 ms each
        return TestCall.carrierJambonzLiveKit().send(JAMBONZ, LIVEKIT, invite)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 100, "Processing"))
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 180, "Ringing")).after(seconds)
                .send(LIVEKIT, JAMBONZ, SipTexts.response(invite, 486, "Rejected")).flow();
    }

    private static LiveKitConfig limitedConfig(long maxCallSeconds) {
        return config(List.of(trunk("ST_a", DID).setMaxCallDuration(seconds(maxCallSeconds))),
                List.of(rule("SDR_a", "agent", "ST_a")));
    }

    private static Duration seconds(long seconds) {
        return Duration.newBuilder().setSeconds(seconds).build();
    }

    private static Finding only(Diagnosis d, FindingCode code) {
        List<Finding> found = d.withCode(code);
        assertEquals(1, found.size(), d.findings().toString());
        return found.get(0);
    }
}
