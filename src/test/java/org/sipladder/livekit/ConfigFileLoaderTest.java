package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileLoaderTest {

    @TempDir
    Path dir;

    private final ConfigFileLoader loader = new ConfigFileLoader();

    @Test
    void readsTheSeedExportsAsLkPrintsThem() throws Exception {
        LiveKitConfig config = LiveKitFixtures.seedConfig(dir);

        assertEquals(List.of("ST_GjeZjGQjrsvC", "ST_keiPmt6sJhJh"),
                config.trunks().stream().map(SIPInboundTrunkInfo::getSipTrunkId).toList());
        assertEquals(List.of("SDR_ZyY3ewVGtwEd", "SDR_HyMhj4T8greh", "SDR_3mqGtt8QNX2x"),
                config.rules().stream().map(SIPDispatchRuleInfo::getSipDispatchRuleId).toList());
        SIPInboundTrunkInfo auth = config.trunk("ST_GjeZjGQjrsvC");
        assertEquals(List.of("+4991874350352"), auth.getNumbersList());
        assertEquals("jambonz", auth.getAuthUsername());
        assertEquals(List.of("my-telephony-agent"), ConfigView.agentNames(config.rule("SDR_ZyY3ewVGtwEd")));
        assertEquals("support", config.rule("SDR_3mqGtt8QNX2x").getRule().getDispatchRuleDirect().getRoomName());
        assertEquals(2, config.sources().size());
    }

    @Test
    void readsSnakeCaseBareArray() throws Exception {
        Path file = LiveKitFixtures.write(dir, "t.json", """
                [ {"sip_trunk_id": "ST_a", "numbers": ["+1555"], "allowed_addresses": ["10.0.0.0/8"],
                   "auth_username": "u", "some_future_field": {"x": 1}} ]""");

        SIPInboundTrunkInfo trunk = loader.load(file).trunks().get(0);

        assertEquals("ST_a", trunk.getSipTrunkId());
        assertEquals(List.of("10.0.0.0/8"), trunk.getAllowedAddressesList());
        assertEquals("u", trunk.getAuthUsername());
    }

    /**
     * A value a newer LiveKit has and this SDK's enum does not (protobuf's JSON parser, told to ignore unknown fields,
     * drops it silently, and the field reads as its default): the trunk holds it as UNRECOGNIZED, the file gets one
     * warning naming every such value, and a replacement JSON printed for a fix writes it back as it was.
     */
    @Test
    void anUnknownEnumValueIsHeldAsUnrecognizedAndWarnedOncePerFile() throws Exception {
        Path file = LiveKitFixtures.write(dir, "future.json", """
                {"items": [
                  {"sipTrunkId": "ST_a", "numbers": ["+1555"], "mediaEncryption": "SIP_MEDIA_ENCRYPT_BOGUS"},
                  {"sipTrunkId": "ST_b", "numbers": ["+1666"], "media_encryption": "SIP_MEDIA_ENCRYPT_REQUIRE"},
                  {"sipDispatchRuleId": "SDR_x", "mediaEncryption": "SIP_MEDIA_ENCRYPT_LATER",
                   "rule": {"dispatchRuleIndividual": {"roomPrefix": "c"}}}
                ]}""");

        LiveKitConfig config = loader.load(file);

        SIPInboundTrunkInfo a = config.trunk("ST_a");
        assertEquals(livekit.LivekitSip.SIPMediaEncryption.UNRECOGNIZED, a.getMediaEncryption());
        assertEquals(livekit.LivekitSip.SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE,
                config.trunk("ST_b").getMediaEncryption());
        assertEquals(livekit.LivekitSip.SIPMediaEncryption.UNRECOGNIZED,
                config.rule("SDR_x").getMediaEncryption());
        assertEquals(List.of(file + ": warning: values this version of SIP Ladder does not know (from a newer "
                + "LiveKit?): trunk ST_a mediaEncryption \"SIP_MEDIA_ENCRYPT_BOGUS\", dispatch rule SDR_x "
                + "mediaEncryption \"SIP_MEDIA_ENCRYPT_LATER\"; the diagnosis does not judge what they set"),
                config.warnings());
        String printed = com.google.protobuf.util.JsonFormat.printer().print(a);
        String restored = UnknownJsonFields.restore(printed, config.unknownFields().get("ST_a"),
                SIPInboundTrunkInfo.getDescriptor());
        assertTrue(restored.contains("\"mediaEncryption\": \"SIP_MEDIA_ENCRYPT_BOGUS\""), restored);
    }

    @Test
    void knownValuesGiveNoWarningAndWarningsOfTwoFilesAreKeptApart() throws Exception {
        Path known = LiveKitFixtures.write(dir, "known.json", """
                [{"sipTrunkId": "ST_a", "numbers": ["+1555"], "mediaEncryption": "SIP_MEDIA_ENCRYPT_ALLOW",
                  "krispEnabled": true}]""");
        Path future = LiveKitFixtures.write(dir, "future.json", """
                [{"sipDispatchRuleId": "SDR_x", "mediaEncryption": 7,
                  "rule": {"dispatchRuleDirect": {"roomName": "r"}}}]""");

        assertEquals(List.of(), loader.load(known).warnings());
        Path media = LiveKitFixtures.write(dir, "media.json", """
                [{"sipTrunkId": "ST_m", "numbers": ["+1777"], "media": {"encryption": "SIP_MEDIA_ENCRYPT_SOON"}}]""");
        assertEquals(List.of(media + ": warning: a value this version of SIP Ladder does not know (from a newer "
                + "LiveKit?): trunk ST_m media.encryption \"SIP_MEDIA_ENCRYPT_SOON\"; the diagnosis does not judge "
                + "what it sets"), loader.load(media).warnings());
        LiveKitConfig both = loader.loadAll(List.of(known, future));

        assertEquals(List.of(future + ": warning: a value this version of SIP Ladder does not know (from a newer "
                + "LiveKit?): dispatch rule SDR_x mediaEncryption 7; the diagnosis does not judge what it sets"),
                both.warnings());
    }

    /**
     * A key twice in one object: Gson keeps the last without a word, so which trunk ID was meant is a guess; lk reads
     * its request files with protojson, which refuses such JSON ("duplicate field"), and so does LiveKit's API.
     */
    @Test
    void aKeyTwiceInOneObjectIsRefusedNamingItAndTheLine() throws Exception {
        Path file = LiveKitFixtures.write(dir, "dup.json", """
                {"items": [
                  {"sipTrunkId": "ST_a", "numbers": ["+1555"]},
                  {"sipTrunkId": "ST_b",
                   "numbers": ["+1666"], "sipTrunkId": "ST_c"}
                ]}""");

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(file));

        assertEquals(file + ", line 4: \"sipTrunkId\" appears twice in one object, which lk and LiveKit refuse "
                + "(duplicate field); keep one.", e.getMessage());
        Path nested = LiveKitFixtures.write(dir, "nested.json", """
                [{"sipDispatchRuleId": "SDR_x",
                  "rule": {"dispatchRuleDirect": {"roomName": "a", "roomName": "b"}}}]""");
        LiveKitConfigException n = assertThrows(LiveKitConfigException.class, () -> loader.load(nested));
        assertTrue(n.getMessage().startsWith(nested + ", line 2: \"roomName\" appears twice"), n.getMessage());
    }

    @Test
    void aCreateSipParticipantRequestIsNotReadAsADefaultInboundTrunk() throws Exception {
        // the JSON of 'lk sip participant create' names its outbound trunk as sip_trunk_id; read as an inbound trunk
        // it was a default trunk (no numbers) that took every inbound call in the routing simulation
        Path request = LiveKitFixtures.write(dir, "participant.json", """
                {"sip_trunk_id": "ST_out", "sip_call_to": "+4930123456", "room_name": "outbound-1",
                 "participant_identity": "callee", "ringing_timeout": "30s", "wait_until_answered": true}""");
        Path both = LiveKitFixtures.write(dir, "both.json", """
                [{"sipTrunkId": "ST_in", "numbers": ["+4930555"]},
                 {"sipTrunkId": "ST_out", "sipCallTo": "+4930123456", "roomName": "outbound-1"}]""");

        LiveKitConfig alone = loader.load(request);
        LiveKitConfig mixed = loader.load(both);

        assertEquals(0, alone.trunks().size());
        assertFalse(alone.trunksMissing());
        assertEquals(List.of("ST_in"), mixed.trunks().stream().map(SIPInboundTrunkInfo::getSipTrunkId).toList());
    }

    @Test
    void aCreateSipParticipantRequestIsKeptWithItsValuesAsProtojsonReadsThem() throws Exception {
        // the JSON 'lk sip participant create FILE' reads (protojson: snake_case or lowerCamelCase), alone or several
        Path snake = LiveKitFixtures.write(dir, "participant.json", """
                {"sip_trunk_id": "ST_out", "sip_call_to": "+4930123456", "room_name": "outbound-1",
                 "sip_number": "+15105550100", "ringing_timeout": "30s", "max_call_duration": "600s",
                 "headers": {"X-Campaign": "c7"}, "wait_until_answered": true,
                 "media_encryption": "SIP_MEDIA_ENCRYPT_REQUIRE", "to_user_override": "4930123456"}""");
        Path camel = LiveKitFixtures.write(dir, "requests.json", """
                [{"sipTrunkId": "ST_out", "sipCallTo": "+4930111", "roomName": "r1", "ringingTimeout": "12.5s"},
                 {"trunk": {"hostname": "sip.example", "authUsername": "u", "authPassword": "Inline-pw-9"},
                  "sipNumber": "+1555", "sipCallTo": "+4930222", "roomName": "r2", "participantIdentity": "p2"}]""");

        LiveKitConfig one = loader.load(snake);
        LiveKitConfig two = loader.load(camel);

        assertEquals(1, one.participantRequests().size());
        ParticipantRequest r = one.participantRequests().get(0);
        assertEquals("+4930123456", r.request().getSipCallTo());
        assertEquals("+15105550100", r.request().getSipNumber());
        assertEquals(java.time.Duration.ofSeconds(30), r.ringingTimeout());
        assertEquals(java.time.Duration.ofSeconds(600), r.maxCallDuration());
        assertEquals("c7", r.request().getHeadersMap().get("X-Campaign"));
        assertTrue(r.request().getWaitUntilAnswered());
        assertEquals(livekit.LivekitSip.SIPMediaEncryption.SIP_MEDIA_ENCRYPT_REQUIRE, r.request().getMediaEncryption());
        assertEquals("4930123456", r.toUserOverride());
        assertEquals(snake + ", line 1", r.source());
        assertEquals(List.of("+4930111", "+4930222"),
                two.participantRequests().stream().map(p -> p.request().getSipCallTo()).toList());
        assertEquals(java.time.Duration.ofMillis(12_500), two.participantRequests().get(0).ringingTimeout());
        assertEquals("sip.example", two.participantRequests().get(1).request().getTrunk().getHostname());
        assertTrue(two.trunks().isEmpty() && two.outboundTrunks().isEmpty());
        assertEquals(2, one.merge(two).merge(loader.load(camel)).participantRequests().size() - 1,
                "the same file loaded twice adds its requests once");
        assertEquals(SecretScrubber.MASK, SecretScrubber.of(two).scrub("Inline-pw-9"));
    }

    @Test
    void aRequestWithAMediaConfigThatIsNotLiveKitsIsRefusedWhenLoaded() throws Exception {
        Path bad = LiveKitFixtures.write(dir, "participant.json", """
                {"sip_trunk_id": "ST_out", "sip_call_to": "+4930123456", "room_name": "r",
                 "media": {"codecs": [{"name": "PCMU", "rate": "fast"}]}}""");

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(bad));

        assertTrue(e.getMessage().startsWith(bad + ", line 1 (ST_out) has a media config that is not LiveKit's "
                + "SIPMediaConfig"), e.getMessage());
    }

    @Test
    void aRequestWithAnUnreadableRingingTimeoutNamesTheField() throws Exception {
        Path bad = LiveKitFixtures.write(dir, "participant.json", """
                {"sip_trunk_id": "ST_out", "sip_call_to": "+4930123456", "room_name": "r", "ringing_timeout": "30"}""");

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(bad));

        assertTrue(e.getMessage().contains("ringing_timeout \"30\", which is no duration"), e.getMessage());
    }

    @Test
    void readsASingleObject() throws Exception {
        Path file = LiveKitFixtures.write(dir, "r.json", """
                {"sipDispatchRuleId": "SDR_x", "rule": {"dispatchRuleCallee": {"roomPrefix": "c", "randomize": true}}}""");

        LiveKitConfig config = loader.load(file);

        assertEquals(0, config.trunks().size());
        assertTrue(config.rules().get(0).getRule().getDispatchRuleCallee().getRandomize());
    }

    @Test
    void recognisesBothKindsInOneFile() throws Exception {
        Path containers = LiveKitFixtures.write(dir, "both.json", """
                {"trunks": [{"sipTrunkId": "ST_a", "numbers": ["1"]}],
                 "rules": [{"sipDispatchRuleId": "SDR_a", "rule": {"dispatchRuleDirect": {"roomName": "r"}}}]}""");
        Path mixed = LiveKitFixtures.write(dir, "mixed.json", """
                {"items": [{"trunk_ids": ["ST_b"], "rule": {"dispatch_rule_individual": {"room_prefix": "p"}}},
                           {"numbers": ["2"], "authUsername": "u"}]}""");

        LiveKitConfig a = loader.load(containers);
        LiveKitConfig b = loader.load(mixed);

        assertEquals(1, a.trunks().size());
        assertEquals(1, a.rules().size());
        assertEquals(List.of("ST_b"), b.rules().get(0).getTrunkIdsList());
        assertEquals(List.of("2"), b.trunks().get(0).getNumbersList());
    }

    @Test
    void readsTwoExportsAppendedToOneFile() throws Exception {
        Path file = LiveKitFixtures.write(dir, "both.json", LiveKitFixtures.resource("seed-inbound-trunks.json")
                + "\n" + LiveKitFixtures.resource("seed-dispatch-rules.json"));

        LiveKitConfig config = loader.load(file);

        assertEquals(2, config.trunks().size());
        assertEquals(3, config.rules().size());
    }

    @Test
    void keepsTheCalledNumbersOfRulesThatTheSdkTypeLacks() throws Exception {
        Path file = LiveKitFixtures.write(dir, "r.json", """
                {"items": [{"sipDispatchRuleId": "SDR_n", "numbers": ["+1555"],
                            "rule": {"dispatchRuleDirect": {"roomName": "r"}}}]}""");

        LiveKitConfig config = loader.load(file);

        assertEquals(List.of("+1555"), config.calledNumbersOf(config.rule("SDR_n")));
    }

    @Test
    void readsOutboundTrunksAsLkSipOutboundListPrintsThem() throws Exception {
        Path file = LiveKitFixtures.write(dir, "outbound.json", """
                {"items": [{"sipTrunkId": "ST_out", "name": "Jambonz outbound", "address": "sip.jambonz.example:5060",
                            "transport": "SIP_TRANSPORT_TCP", "numbers": ["+15105550100"], "authUsername": "lk-out",
                            "authPassword": "hunter2-secret", "headers": {"X-Tenant": "acme"},
                            "destinationCountry": "US"}]}""");
        Path inbound = LiveKitFixtures.write(dir, "in.json", LiveKitFixtures.resource("seed-inbound-trunks.json"));

        LiveKitConfig config = loader.loadAll(List.of(file, inbound));

        assertEquals(2, config.trunks().size(), "inbound trunks beside the outbound export");
        assertEquals(1, config.outboundTrunks().size());
        var trunk = config.outboundTrunk("ST_out");
        assertEquals("sip.jambonz.example:5060", trunk.getAddress());
        assertEquals(livekit.LivekitSip.SIPTransport.SIP_TRANSPORT_TCP, trunk.getTransport());
        assertEquals(List.of("+15105550100"), trunk.getNumbersList());
        assertEquals("acme", trunk.getHeadersMap().get("X-Tenant"));
        assertFalse(config.toString().contains("hunter2-secret"));
        assertEquals("(secret not shown)", SecretScrubber.of(config).scrub("hunter2-secret"),
                "outbound passwords are scrubbed like inbound ones");
    }

    @Test
    void emptyExportIsAnEmptyConfigThatWasRead() throws Exception {
        // {} is what `lk sip inbound list --json` prints for a project without trunks (protobuf JSON leaves the
        // empty list out); {"items": []} and [] say the same
        for (String text : List.of("{\"items\": []}", "{}", "[]", "{ }\n")) {
            Path file = LiveKitFixtures.write(dir, "e.json", text);
            LiveKitConfig config = loader.load(file);
            assertTrue(config.trunks().isEmpty() && config.rules().isEmpty() && config.outboundTrunks().isEmpty(), text);
            assertFalse(config.isEmpty(), "a file was read: " + text);
            assertEquals(List.of(file.toString()), config.sources());
            // which list it was is not known: no inbound routing is simulated from it alone
            assertFalse(config.hasInbound(), text);
        }
        LiveKitConfigException e = assertThrows(LiveKitConfigException.class,
                () -> loader.load(LiveKitFixtures.write(dir, "x.json", "{\"name\": 3}")));
        assertTrue(e.getMessage().contains("holds no trunks or dispatch rules"), e.getMessage());
    }

    @Test
    void itemsThatAreNoListAreAnErrorNotAnEmptyListing() throws Exception {
        // {"items": "..."} was read as {"items": []}: no trunks, no error, and every call then diagnosed against a
        // project without trunks
        for (String items : List.of("\"nope\"", "3", "true")) {
            Path file = LiveKitFixtures.write(dir, "i.json", "{\"items\": " + items + "}");
            LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(file), items);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("items " + items + " where a list of trunks or dispatch rules belongs"),
                    e.getMessage());
        }
    }

    @Test
    void anEmptyInboundListBesideRulesMeansTheProjectHasNoInboundTrunk() throws Exception {
        Path trunks = LiveKitFixtures.write(dir, "t.json", "{}");
        Path rules = LiveKitFixtures.write(dir, "r.json", LiveKitFixtures.resource("seed-dispatch-rules.json"));

        LiveKitConfig config = loader.loadAll(List.of(trunks, rules));

        assertTrue(config.hasInbound());
        assertEquals(0, config.trunks().size());
        assertEquals(List.of(trunks.toString(), rules.toString()), config.sources());
    }

    @Test
    void loadingTheSameExportTwiceDoesNotDuplicateTrunks() throws Exception {
        Path file = LiveKitFixtures.write(dir, "t.json", LiveKitFixtures.resource("seed-inbound-trunks.json"));

        LiveKitConfig config = loader.loadAll(List.of(file, file));

        assertEquals(2, config.trunks().size());
        assertEquals(1, config.sources().size());
    }

    @Test
    void invalidJsonNamesFileAndLine() {
        Path file = LiveKitFixtures.write(dir, "broken.json", "{\n  \"items\": [\n    {\"sipTrunkId\": \"ST_a\",,}\n");

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void wrongFieldTypeNamesFileLineAndIdButNotThePassword() {
        Path file = LiveKitFixtures.write(dir, "t.json", """
                {"items": [
                  {"sipTrunkId": "ST_ok", "numbers": ["1"]},
                  {"sipTrunkId": "ST_bad", "authPassword": "hunter2-secret", "numbers": {"not": "a list"}}
                ]}""");

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(file));

        assertTrue(e.getMessage().contains("line 3 (ST_bad)"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2-secret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"sipTrunkId\": \"ST_l\", \"inboundAddresses\": [\"1.2.3.4\"], \"kind\": \"TRUNK_INBOUND\"}]",
            "{\"rooms\": [{\"name\": \"x\"}]}",
            "[1, 2]",
            "\"just a string\"",
            "   ",
    })
    void wrongContentIsAClearError(String json) {
        Path file = LiveKitFixtures.write(dir, "wrong.json", json);

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("lk sip"), e.getMessage());
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("nope.json");

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> loader.load(file));

        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
