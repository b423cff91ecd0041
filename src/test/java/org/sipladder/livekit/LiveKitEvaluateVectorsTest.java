package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import livekit.LivekitSip.SIPMediaEncryption;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LiveKit's own tables for what the chosen rule makes of the call (livekit/protocol {@code sip/sip_test.go}
 * TestEvaluateDispatchRule, TestEvaluateDispatchRuleMediaConfig, TestEvaluateDispatchRule_RespectsRuleMediaTimeout;
 * code under test sip.go EvaluateDispatchRule and livekit/sip.go SIPMediaConfig.Merge, UpgradeWith, MergeValue) as
 * inputs to our loader and simulator.
 *
 * <p>One deliberate difference: for a PIN rule LiveKit's REQUEST_PIN response has no room name (the room is named
 * only on the evaluation after the PIN); our PIN_PROMPT carries the room the caller will join after the PIN, which
 * LiveKit names the same way then. Participant identity, name and attributes (the HidePhoneNumber half of
 * TestEvaluateDispatchRule/Direct) are not modelled: they do not change routing or the wire outcome.
 */
class LiveKitEvaluateVectorsTest {

    /** TestEvaluateDispatchRule's request. */
    private static final String CALLER = "+15551234567";
    private static final String CALLEE = "+3333";
    private static final String PREFIX = "testPrefix";

    @TempDir
    Path dir;

    static Stream<Arguments> evaluateCases() {
        return Stream.of(
                // TestEvaluateDispatchRule/Direct: RoomName "room" (with and without HidePhoneNumber)
                Arguments.of("Direct", "'dispatchRuleDirect':{'roomName':'room'}", false, "MATCHED", "room"),
                Arguments.of("Direct, hidden number", "'dispatchRuleDirect':{'roomName':'room'}", true, "MATCHED",
                        "room"),
                // TestEvaluateDispatchRule/Individual/minimal: newIndividualDispatch("", "", false): the caller
                Arguments.of("Individual/minimal", individual("", "", true), false, "MATCHED", CALLER),
                // TestEvaluateDispatchRule/Individual/only prefix
                Arguments.of("Individual/only prefix", individual(PREFIX, "", true), false, "MATCHED",
                        PREFIX + "_" + CALLER),
                // TestEvaluateDispatchRule/Individual/only randomize: ^caller_[a-zA-Z0-9]+$
                Arguments.of("Individual/only randomize", individual("", "", false), false, "MATCHED",
                        CALLER + "_" + RoomNames.RANDOM),
                // TestEvaluateDispatchRule/Individual/only pin: REQUEST_PIN
                Arguments.of("Individual/only pin", individual("", "123", true), false, "PIN_PROMPT", CALLER),
                // TestEvaluateDispatchRule/Individual/prefix and randomize: ^prefix_caller_[a-zA-Z0-9]+$
                Arguments.of("Individual/prefix and randomize", individual(PREFIX, "", false), false, "MATCHED",
                        PREFIX + "_" + CALLER + "_" + RoomNames.RANDOM),
                // TestEvaluateDispatchRule/Individual/prefix and pin: REQUEST_PIN
                Arguments.of("Individual/prefix and pin", individual(PREFIX, "123", true), false, "PIN_PROMPT",
                        PREFIX + "_" + CALLER),
                // TestEvaluateDispatchRule/Individual/randomize and pin: REQUEST_PIN
                Arguments.of("Individual/randomize and pin", individual("", "123", false), false, "PIN_PROMPT",
                        CALLER + "_" + RoomNames.RANDOM),
                // TestEvaluateDispatchRule/Individual/all options: REQUEST_PIN
                Arguments.of("Individual/all options", individual(PREFIX, "123", false), false, "PIN_PROMPT",
                        PREFIX + "_" + CALLER + "_" + RoomNames.RANDOM)
        );
    }

    private static String individual(String prefix, String pin, boolean noRandomness) {
        return "'dispatchRuleIndividual':{'roomPrefix':'" + prefix + "','pin':'" + pin + "','noRandomness':"
                + noRandomness + "}";
    }

    @ParameterizedTest(name = "TestEvaluateDispatchRule/{0}")
    @MethodSource("evaluateCases")
    void namesTheRoomLiveKitNames(String name, String kind, boolean hide, String result, String room) throws Exception {
        LiveKitConfig config = load(List.of("{'sipTrunkId':'trunk'}"), List.of("{'sipDispatchRuleId':'rule','rule':{"
                + kind + "}" + (hide ? ",'hidePhoneNumber':true" : "") + "}"));
        InboundInvite invite = new InboundInvite("call-id", CALLEE, CALLER, "sip.example.com", "1.1.1.1", null, CALLEE);

        RoutingOutcome outcome = new RoutingSimulator(config, RoutingOptions.stated(Deployment.SELF_HOSTED))
                .simulate(invite);

        assertEquals("trunk", outcome.trunk().trunk().getSipTrunkId());
        assertEquals(DispatchMatch.Kind.valueOf(result), outcome.dispatch().kind(), outcome.reasoning().toString());
        assertEquals("rule", outcome.dispatch().rule().getSipDispatchRuleId());
        assertEquals(room, outcome.dispatch().roomName());
    }

    /**
     * TestEvaluateDispatchRuleMediaConfig and TestEvaluateDispatchRule_RespectsRuleMediaTimeout: the trunk's and the
     * rule's media (legacy media_encryption or media) merged, the encryption and media timeout LiveKit applies.
     */
    static Stream<Arguments> mediaCases() {
        String require = "SIP_MEDIA_ENCRYPT_REQUIRE";
        String allow = "SIP_MEDIA_ENCRYPT_ALLOW";
        return Stream.of(
                // TestEvaluateDispatchRuleMediaConfig/empty: encryption unset (Deref: DISABLE), no timeout
                Arguments.of("empty", "", "", "SIP_MEDIA_ENCRYPT_DISABLE", -1L),
                // TestEvaluateDispatchRuleMediaConfig/trunk only legacy
                Arguments.of("trunk only legacy", legacy(require), "", require, -1L),
                // TestEvaluateDispatchRuleMediaConfig/dispatch only legacy
                Arguments.of("dispatch only legacy", "", legacy(require), require, -1L),
                // TestEvaluateDispatchRuleMediaConfig/trunk only media
                Arguments.of("trunk only media", media("10s", require), "", require, 10_000_000L),
                // TestEvaluateDispatchRuleMediaConfig/dispatch only media
                Arguments.of("dispatch only media", "", media("10s", require), require, 10_000_000L),
                // TestEvaluateDispatchRuleMediaConfig/both legacy: the rule's wins
                Arguments.of("both legacy", legacy(require), legacy(allow), allow, -1L),
                // TestEvaluateDispatchRuleMediaConfig/both media: the rule's encryption and timeout win
                Arguments.of("both media", media("15s", require), media("10s", allow), allow, 10_000_000L),
                // TestEvaluateDispatchRuleMediaConfig/trunk legacy and dispatch media
                Arguments.of("trunk legacy and dispatch media", legacy(require), media("10s", allow), allow,
                        10_000_000L),
                // TestEvaluateDispatchRuleMediaConfig/trunk media and dispatch legacy: the trunk's timeout stays
                Arguments.of("trunk media and dispatch legacy", media("10s", require), legacy(allow), allow,
                        10_000_000L),
                // TestEvaluateDispatchRule_RespectsRuleMediaTimeout: the rule's 5 minutes
                Arguments.of("RespectsRuleMediaTimeout", "", ",'media':{'mediaTimeout':'300s'}",
                        "SIP_MEDIA_ENCRYPT_DISABLE", 300_000_000L)
        );
    }

    private static String legacy(String encryption) {
        return ",'mediaEncryption':'" + encryption + "'";
    }

    private static String media(String timeout, String encryption) {
        return ",'media':{'mediaTimeout':'" + timeout + "','encryption':'" + encryption + "'}";
    }

    @ParameterizedTest(name = "TestEvaluateDispatchRuleMediaConfig/{0}")
    @MethodSource("mediaCases")
    void mergesMediaAsLiveKitDoes(String name, String trunkMedia, String ruleMedia, String encryption,
                                  long timeoutMicros) throws Exception {
        LiveKitConfig config = load(List.of("{'sipTrunkId':'trunk'" + trunkMedia + "}"),
                List.of("{'sipDispatchRuleId':'rule','rule':{'dispatchRuleDirect':{'roomName':'room'}}" + ruleMedia
                        + "}"));
        InboundInvite invite = new InboundInvite("call-id", "+3333", "+11112222", "sip.example.com", "1.1.1.1", null,
                "+3333");

        RoutingOutcome outcome = new RoutingSimulator(config, RoutingOptions.stated(Deployment.SELF_HOSTED))
                .simulate(invite);

        CallMedia media = outcome.media();
        assertEquals(SIPMediaEncryption.valueOf(encryption), media.encryption().value(), media.encryption().describe());
        assertEquals(timeoutMicros, media.merged().mediaTimeoutMicros());
    }

    private LiveKitConfig load(List<String> trunks, List<String> rules) throws LiveKitConfigException {
        List<Path> files = new ArrayList<>();
        files.add(LiveKitFixtures.write(dir, "trunks.json", items(trunks)));
        files.add(LiveKitFixtures.write(dir, "rules.json", items(rules)));
        return new ConfigFileLoader().loadAll(files);
    }

    private static String items(List<String> objects) {
        return "{\"items\":[" + String.join(",", objects).replace('\'', '"') + "]}";
    }
}
