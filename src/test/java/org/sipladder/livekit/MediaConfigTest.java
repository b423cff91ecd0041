package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.nio.file.Path;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPMediaEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trunk's and rule's {@code media} (SIPMediaConfig), which the SDK does not know, read and applied as LiveKit does. */
class MediaConfigTest {

    private static final String CALLED = "+4930123456";
    private static final String RULE = "{\"sipDispatchRuleId\":\"SDR_a\",\"trunkIds\":[\"ST_a\"],"
            + "\"rule\":{\"dispatchRuleDirect\":{\"roomName\":\"r\"}},"
            + "\"roomConfig\":{\"agents\":[{\"agentName\":\"agent\"}]}%s}";

    @TempDir
    Path dir;

    private LiveKitConfig load(String trunkMedia, String ruleMedia) throws LiveKitConfigException {
        String trunk = "{\"sipTrunkId\":\"ST_a\",\"numbers\":[\"" + CALLED + "\"]" + trunkMedia + "}";
        return new ConfigFileLoader().load(LiveKitFixtures.write(dir, "config.json",
                "{\"items\":[" + trunk + "," + RULE.formatted(ruleMedia) + "]}"));
    }

    private static InboundInvite offering(String... codecs) {
        return LiveKitFixtures.invite(CALLED, "+4915112345678", null).withOfferCodecs(List.of(codecs));
    }

    @Test
    void aTrunkListingOnlyG722RefusesAG711OfferWith400AndSaysWhichItemDoes() throws Exception {
        LiveKitConfig config = load(",\"media\":{\"onlyListedCodecs\":true,\"codecs\":[{\"name\":\"G722\","
                + "\"rate\":8000}]}", "");
        RoutingOutcome outcome = new RoutingSimulator(config).simulate(offering("0 PCMU/8000", "8 PCMA/8000"));
        assertEquals(LiveKitResponses.MEDIA_REJECTED.responses(), outcome.expectedResponses());
        assertTrue(String.join(" ", outcome.reasoning()).contains("trunk ST_a's media lists only G722/8000"),
                outcome.reasoning().toString());
        assertEquals(LiveKitResponses.SUCCESS.responses(),
                new RoutingSimulator(config).simulate(offering("9 G722/8000")).expectedResponses());
    }

    @Test
    void theRulesCodecsWinOverTheTrunksInSnakeCase() throws Exception {
        LiveKitConfig config = load(",\"media\":{\"only_listed_codecs\":true,\"codecs\":[{\"name\":\"G722\"}]}",
                ",\"media\":{\"only_listed_codecs\":true,\"codecs\":[{\"name\":\"PCMU\"}]}");
        CallMedia media = CallMedia.of(config, config.trunks().get(0), config.rules().get(0));
        assertEquals(List.of("PCMU/8000"), media.acceptedCodecs());
        assertEquals("SDR_a", media.codecsId());
        assertEquals(LiveKitResponses.SUCCESS.responses(),
                new RoutingSimulator(config).simulate(offering("0 PCMU/8000")).expectedResponses());
    }

    @Test
    void listedCodecsAddToTheDefaultSetWithoutOnlyListed() throws Exception {
        LiveKitConfig config = load(",\"media\":{\"codecs\":[{\"name\":\"AMR-WB\"}]}", "");
        CallMedia media = CallMedia.of(config, config.trunks().get(0), config.rules().get(0));
        assertEquals(List.of("PCMU/8000", "PCMA/8000", "G722/8000", "AMR-WB/16000"), media.acceptedCodecs());
        assertEquals(LiveKitResponses.MEDIA_REJECTED.responses(),
                new RoutingSimulator(config).simulate(offering("18 G729/8000")).expectedResponses());
    }

    @Test
    void onlyListedWithoutCodecsFailsTheCallWith500() throws Exception {
        LiveKitConfig config = load(",\"media\":{\"onlyListedCodecs\":true}", "");
        RoutingOutcome outcome = new RoutingSimulator(config).simulate(offering("0 PCMU/8000"));
        assertEquals(LiveKitResponses.SERVER_ERROR.responses(), outcome.expectedResponses());
        LiveKitConfig noRate = load(",\"media\":{\"codecs\":[{\"name\":\"opus\"}]}", "");
        assertEquals(LiveKitResponses.SERVER_ERROR.responses(),
                new RoutingSimulator(noRate).simulate(offering("0 PCMU/8000")).expectedResponses());
    }

    @Test
    void mediaEncryptionRequiredRefusesAPlainOffer() throws Exception {
        LiveKitConfig config = load(",\"media\":{\"encryption\":\"SIP_MEDIA_ENCRYPT_REQUIRE\"}", "");
        RoutingOutcome outcome = new RoutingSimulator(config).simulate(offering("0 PCMU/8000")
                .withOfferEncrypted(false));
        assertEquals(LiveKitResponses.MEDIA_REJECTED.responses(), outcome.expectedResponses());
        assertEquals("trunk ST_a's media.encryption is SIP_MEDIA_ENCRYPT_REQUIRE", outcome.media().encryption()
                .describe());
        // the rule's DISABLE does not undo the trunk's REQUIRE (SIPMediaEncryption.MergeValue)
        LiveKitConfig disabled = load(",\"media\":{\"encryption\":\"SIP_MEDIA_ENCRYPT_REQUIRE\"}",
                ",\"media\":{\"encryption\":\"SIP_MEDIA_ENCRYPT_DISABLE\"}");
        assertTrue(CallMedia.of(disabled, disabled.trunks().get(0), disabled.rules().get(0)).encryption().required());
    }

    /**
     * An encryption value of a newer LiveKit (legacy field or media.encryption) is not taken for the default: the
     * simulation does not predict the refusal or acceptance that hangs on it, and says why.
     */
    @Test
    void anEncryptionThisVersionDoesNotKnowIsNotJudged() throws Exception {
        for (String trunkMedia : List.of(",\"mediaEncryption\":\"SIP_MEDIA_ENCRYPT_BOGUS\"",
                ",\"media\":{\"encryption\":\"SIP_MEDIA_ENCRYPT_BOGUS\"}")) {
            LiveKitConfig config = load(trunkMedia, "");
            RoutingOutcome outcome = new RoutingSimulator(config).simulate(offering("0 PCMU/8000")
                    .withOfferEncrypted(false));
            CallEncryption encryption = outcome.media().encryption();
            assertTrue(encryption.unknown(), trunkMedia);
            assertFalse(encryption.required(), trunkMedia);
            assertTrue(encryption.describe().startsWith("trunk ST_a's media"), encryption.describe());
            assertTrue(encryption.describe().endsWith(" is a value this version of SIP Ladder does not know, so "
                    + "whether LiveKit requires, allows or ignores SRTP for the call is not known"),
                    encryption.describe());
            assertTrue(outcome.reasoning().stream().anyMatch(r -> r.contains("does not know")), outcome.reasoning()
                    .toString());
        }
    }

    @Test
    void mediaTimeoutReadsProtobufDurationsAndTheRulesWins() throws Exception {
        LiveKitConfig config = load(",\"media\":{\"mediaTimeout\":\"1.5s\"}", "");
        CallMedia media = CallMedia.of(config, config.trunks().get(0), config.rules().get(0));
        assertEquals(1_500_000, media.laterTimeoutMicros());
        assertEquals("trunk ST_a's media.media_timeout is 1.5 s", media.describeTimeout());
        LiveKitConfig both = load(",\"media\":{\"mediaTimeout\":\"5s\"}", ",\"media\":{\"media_timeout\":\"40s\"}");
        assertEquals(40_000_000, CallMedia.of(both, both.trunks().get(0), both.rules().get(0)).laterTimeoutMicros());
    }

    @Test
    void withoutMediaEverythingIsLiveKitsDefault() throws Exception {
        LiveKitConfig config = load("", "");
        CallMedia media = CallMedia.of(config, config.trunks().get(0), config.rules().get(0));
        assertFalse(media.codecsConfigured());
        assertFalse(config.media().any());
        assertEquals(CallMedia.DEFAULT_TIMEOUT_MICROS, media.laterTimeoutMicros());
        assertNull(media.configError());
        // no codec set in the config: LiveKit's default set (PCMU, PCMA, G722) refuses a G.729 offer all the same
        RoutingOutcome g729 = new RoutingSimulator(config).simulate(offering("18 G729/8000", "101 telephone-event/8000"));
        assertEquals(LiveKitResponses.MEDIA_REJECTED.responses(), g729.expectedResponses());
        assertTrue(String.join(" ", g729.reasoning()).contains("LiveKit's default set"), g729.reasoning().toString());
        assertEquals(LiveKitResponses.SUCCESS.responses(),
                new RoutingSimulator(config).simulate(offering("18 G729/8000", "8 PCMA/8000")).expectedResponses());
        // AMR-WB is in LiveKit's codecs but off by default, and a server's codecs setting may turn it on: not judged
        assertEquals(LiveKitResponses.SUCCESS.responses(),
                new RoutingSimulator(config).simulate(offering("96 AMR-WB/16000")).expectedResponses());
    }

    @Test
    void aMediaConfigThatIsNotOneNamesTheFileAndTheItem() {
        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> load(",\"media\":{\"mediaTimeout\":\"15 seconds\"}", ""));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("ST_a")
                && e.getMessage().contains("\"15s\""), e.getMessage());
    }

    @Test
    void theApisMediaIsReadFromTheProtobufsUnknownFields() {
        // SIPMediaConfig{only_listed_codecs: true, codecs: [{name: "G722", rate: 8000}], encryption: REQUIRE,
        // media_timeout: {seconds: 5}} as LiveKit's server sends it, field 20 of SIPInboundTrunkInfo
        ByteString codec = ByteString.copyFrom(new byte[] {10, 4, 'G', '7', '2', '2', 16, (byte) 0xC0, 0x3E});
        ByteString timeout = ByteString.copyFrom(new byte[] {8, 5});
        ByteString media = ByteString.copyFrom(new byte[] {8, 1}).concat(ByteString.copyFrom(new byte[] {18,
                (byte) codec.size()})).concat(codec).concat(ByteString.copyFrom(new byte[] {24, 2, 34,
                (byte) timeout.size()})).concat(timeout);
        SIPInboundTrunkInfo trunk = LiveKitFixtures.trunk("{\"sipTrunkId\":\"ST_a\",\"numbers\":[\"" + CALLED + "\"]}")
                .toBuilder().setUnknownFields(UnknownFieldSet.newBuilder().addField(20, UnknownFieldSet.Field
                        .newBuilder().addLengthDelimited(media).build()).build()).build();
        LiveKitConfig config = new LiveKitConfig(List.of(trunk), List.of(LiveKitFixtures.rule(RULE.formatted(""))),
                List.of("LiveKit API"), java.util.Map.of(), List.of(), true);
        CallMedia callMedia = CallMedia.of(config, trunk, config.rules().get(0));
        assertEquals(List.of("G722/8000"), callMedia.acceptedCodecs());
        assertEquals(5_000_000, callMedia.laterTimeoutMicros());
        assertEquals(SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE, callMedia.encryption().value());
        assertEquals(LiveKitResponses.MEDIA_REJECTED.responses(),
                new RoutingSimulator(config).simulate(offering("8 PCMA/8000")).expectedResponses());
    }
}
