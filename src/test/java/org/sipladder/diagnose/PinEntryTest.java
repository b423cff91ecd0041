package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.TestConfig.config;
import static org.sipladder.diagnose.TestConfig.trunk;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleDirect;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.LiveKitConfig;

/**
 * A PIN rule won the call and LiveKit answered to prompt for the PIN: what the caller then keyed as RFC 4733 digits
 * toward LiveKit decides the call as LiveKit's code does (one attempt, '#' ends the PIN, a wrong PIN gets LiveKit's
 * BYE), and the finding says so without showing the configured PIN.
 */
class PinEntryTest {

    private static final String CALLED = "4991874350352";
    private static final String SBC_MEDIA = "203.0.113.10";
    private static final String SBC = SBC_MEDIA + ":40000";
    private static final String LK = MediaCase.LIVEKIT + ":30000";
    private static final String PIN = "4242";
    private static final int HASH = 11;
    /** The PIN rule for the trunk wins; a wildcard rule has another PIN, an open rule none. */
    private static final LiveKitConfig RULES = config(List.of(trunk("ST_a", CALLED)),
            List.of(TestConfig.rule("SDR_open", "agent", "ST_a"), FindingRulesTest.pinRule("SDR_pin", "ST_a"),
                    wildcardPinRule("SDR_vip", "777")));
    private static final LiveKitConfig NO_OPEN_RULE = config(List.of(trunk("ST_a", CALLED)),
            List.of(FindingRulesTest.pinRule("SDR_pin", "ST_a")));

    @TempDir
    Path dir;

    private static SIPDispatchRuleInfo.Builder wildcardPinRule(String id, String pin) {
        return TestConfig.rule(id, "agent").setRule(SIPDispatchRule.newBuilder().setDispatchRuleDirect(
                SIPDispatchRuleDirect.newBuilder().setRoomName("vip").setPin(pin)));
    }

    /** Jambonz calls LiveKit, which answers; Jambonz keys {@code events} (one a second from 1.4 s); then a BYE. */
    private Finding pinFinding(LiveKitConfig config, int[] events, String byeFrom, double byeAt) throws Exception {
        List<Finding> found = pinDiagnosis(config, events, byeFrom, byeAt).withCode(FindingCode.LK_RULE_PIN_PROMPT);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    /** The diagnosis of {@link #pinFinding}'s call. */
    private Diagnosis pinDiagnosis(LiveKitConfig config, int[] events, String byeFrom, double byeAt) throws Exception {
        String sdp = LiveKitDtmfTest.sdp(SBC_MEDIA, 40000, "telephone-event/8000");
        MediaCase call = MediaCase.jambonzToLiveKit(sdp, LiveKitDtmfTest.sdp(MediaCase.LIVEKIT, 30000,
                        "telephone-event/8000"))
                .rtpWithDtmf(SBC, LK, 0.4, 50 * (events.length + 2), 0x1111, events, true)
                .rtp(LK, SBC, 0.41, 50 * (events.length + 2), 0x2222, Set.of())
                .bye(byeFrom, byeAt);
        return call.diagnose(dir, config);
    }

    private static String facts(Finding f) {
        return String.join("\n", f.evidence().facts());
    }

    /** Nothing the finding says shows the configured PIN. */
    private static void pinHidden(Finding f) {
        String all = f.title() + f.explanation() + facts(f) + f.fix().steps();
        assertFalse(all.contains(PIN), all);
    }

    @Test
    void theRightPinEndedWithHashTakesTheCallToTheWinningRulesRoom() throws Exception {
        Finding f = pinFinding(RULES, new int[] {4, 2, 4, 2, HASH}, MediaCase.JAMBONZ, 30);

        assertTrue(facts(f).contains("digits 4242#") && facts(f).contains("4 digits before # match the PIN of rule "
                + "SDR_pin") && facts(f).contains("room conf"), facts(f));
        assertEquals(Severity.INFO, f.severity());
    }

    @Test
    void anotherRulesPinSendsTheCallToThatRule() throws Exception {
        Finding f = pinFinding(RULES, new int[] {7, 7, 7, HASH}, MediaCase.JAMBONZ, 30);

        assertTrue(facts(f).contains("match not rule SDR_pin's PIN but rule SDR_vip's")
                && facts(f).contains("room vip"), facts(f));
        assertEquals(Severity.WARNING, f.severity());
        pinHidden(f);
    }

    @Test
    void aWrongPinEndsWithLiveKitsByeAndTheConfiguredPinIsNeverShown() throws Exception {
        Finding f = pinFinding(RULES, new int[] {1, 2, 3, 9, HASH}, MediaCase.LIVEKIT, 7.2);

        assertTrue(facts(f).contains("digits 1239#") && facts(f).contains("match the PIN of no rule")
                && facts(f).contains("SDR_pin's PIN has 4 digits") && facts(f).contains("wrong-PIN message"), facts(f));
        assertTrue(facts(f).contains("LiveKit sent the BYE") && facts(f).contains("6.9 s after the 200 OK"), facts(f));
        assertEquals(Severity.ERROR, f.severity(), f.explanation());
        assertTrue(f.fix().steps().get(0).contains("4 digits"), f.fix().steps().toString());
        pinHidden(f);
    }

    /** A refused PIN fails the call (answered, but the caller never reached a room), with the PIN as its cause. */
    @Test
    void aRefusedPinCountsTheCallFailedAndIsItsPrimaryCause() throws Exception {
        Diagnosis wrong = pinDiagnosis(RULES, new int[] {1, 2, 3, 9, HASH}, MediaCase.LIVEKIT, 7.2);
        Finding pin = wrong.withCode(FindingCode.LK_RULE_PIN_PROMPT).get(0);
        assertTrue(wrong.failedAfterAnswer(pin.flowId()), wrong.findings().toString());
        assertEquals(FindingCode.LK_RULE_PIN_PROMPT, wrong.primaryFor(pin.flowId()).orElseThrow().code());
        assertEquals("LiveKit refused the caller's PIN",
                Diagnosis.failureAfterAnswer(wrong.findings().stream().filter(f -> pin.flowId().equals(f.flowId()))
                        .toList()));

        Diagnosis right = pinDiagnosis(RULES, new int[] {4, 2, 4, 2, HASH}, MediaCase.JAMBONZ, 30);
        String id = right.withCode(FindingCode.LK_RULE_PIN_PROMPT).get(0).flowId();
        assertFalse(right.failedAfterAnswer(id), right.findings().toString());
        assertTrue(right.primaryFor(id).isEmpty());
    }

    @Test
    void hashAloneGoesToTheOpenRuleOrIsRefusedWhenThereIsNone() throws Exception {
        Finding open = pinFinding(RULES, new int[] {HASH}, MediaCase.JAMBONZ, 30);
        assertTrue(facts(open).contains("# alone asks for the rules without a PIN")
                && facts(open).contains("rule SDR_open's room call-"), facts(open));
        assertEquals(Severity.INFO, open.severity());

        Finding none = pinFinding(NO_OPEN_RULE, new int[] {HASH}, MediaCase.LIVEKIT, 3);
        assertTrue(facts(none).contains("none takes this call") && facts(none).contains("LiveKit sent the BYE"),
                facts(none));
        assertEquals(Severity.ERROR, none.severity());
    }

    @Test
    void noDigitsLeavesTheCallAtThePromptUntilSomeoneHangsUp() throws Exception {
        Finding f = pinFinding(RULES, new int[] {}, MediaCase.JAMBONZ, 12.3);

        assertTrue(facts(f).contains("carried no DTMF digit") && facts(f).contains("no PIN timeout"), facts(f));
        assertTrue(facts(f).contains(MediaCase.JAMBONZ + " (not LiveKit) sent the BYE")
                && facts(f).contains("12.0 s after the 200 OK"), facts(f));
        assertEquals(Severity.WARNING, f.severity());
    }

    @Test
    void atThePromptTheCallsMediaTimeoutIsTheRulesWhenItSetsOne() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("config.json"), "{\"items\": ["
                + "{\"sipTrunkId\": \"ST_a\", \"numbers\": [\"" + CALLED + "\"]}, {\"sipDispatchRuleId\": \"SDR_pin\", "
                + "\"trunkIds\": [\"ST_a\"], \"rule\": {\"dispatchRuleDirect\": {\"roomName\": \"conf\", \"pin\": \""
                + PIN + "\"}}, \"media\": {\"mediaTimeout\": \"40s\"}}]}");
        Finding f = pinFinding(new org.sipladder.livekit.ConfigFileLoader().load(file), new int[] {}, MediaCase.JAMBONZ,
                12.3);
        assertTrue(facts(f).contains("stops for its media timeout (40 s: dispatch rule SDR_pin's media.media_timeout "
                + "is 40 s)"), facts(f));
        pinHidden(f);
        // without a media_timeout, the words every other LiveKit timeout text uses (CallMedia.laterTimeoutText)
        String byDefault = facts(pinFinding(RULES, new int[] {}, MediaCase.JAMBONZ, 12.3));
        assertTrue(byDefault.contains("stops for its media timeout (15 s: no trunk or rule sets media.media_timeout "
                + "(LiveKit's default: 15 s))"), byDefault);
        assertFalse(byDefault.contains("15 s by default"), byDefault);
    }

    @Test
    void aPromptTheCallerNeverSentRtpToEndsAtLiveKitsInitialMediaTimeout() throws Exception {
        // sip media_port.go timeoutLoop: until the first RTP packet arrives the initial timeout (30 s,
        // media_timeout_initial) counts from the answer; the later one (15 s) only once RTP has flowed
        String sdp = LiveKitDtmfTest.sdp(SBC_MEDIA, 40000, "telephone-event/8000");
        Diagnosis d = MediaCase.jambonzToLiveKit(sdp, LiveKitDtmfTest.sdp(MediaCase.LIVEKIT, 30000,
                        "telephone-event/8000"))
                .rtp(LK, SBC, 0.41, 1500, 0x2222, Set.of())
                .bye(MediaCase.LIVEKIT, 31).diagnose(dir, RULES);
        Finding f = d.withCode(FindingCode.LK_RULE_PIN_PROMPT).get(0);

        assertTrue(facts(f).contains("LiveKit sent the BYE"), facts(f));
        assertFalse(facts(f).contains("stops for its media timeout (15 s"), facts(f));
        assertTrue(facts(f).contains("30 s") && facts(f).contains("media_timeout_initial"), facts(f));
    }

    @Test
    void digitsWithoutHashAreNeverChecked() throws Exception {
        Finding f = pinFinding(RULES, new int[] {4, 2, 4, 2}, MediaCase.JAMBONZ, 20);

        assertTrue(facts(f).contains("digits 4242 and no #"), facts(f));
        assertTrue(f.fix().steps().get(0).contains("end the PIN with #"), f.fix().steps().toString());
        assertEquals(Severity.WARNING, f.severity());
    }

    @Test
    void aSeventeenthDigitBeforeHashIsRefusedUnchecked() {
        PinEntry entry = PinEntry.read("12345678901234567#", List.of());
        assertTrue(entry.tooLong());
        assertFalse(entry.terminated());
        assertEquals("1234567890123456#", PinEntry.read("1234567890123456#9", List.of()).sent().substring(0, 17));
        assertTrue(PinEntry.read("1234567890123456#", List.of()).terminated(), "16 digits are still read");
    }
}
