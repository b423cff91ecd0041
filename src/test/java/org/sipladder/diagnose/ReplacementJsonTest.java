package org.sipladder.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.diagnose.FindingRulesTest.liveKitCall;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;

/**
 * The JSON a fix gives for `lk sip ... update --id ID FILE` replaces the whole object (livekit-cli sends it as the
 * update's Replace): the fields of the loaded JSON that the SDK's protobuf types do not know (a rule's numbers, an
 * individual rule's noRandomness, a trunk's authRealm) stay in it; the password and LiveKit's own timestamps do not.
 */
class ReplacementJsonTest {

    private static final String DID = "4991874350352";

    @TempDir
    Path dir;

    @Test
    void theRuleWithTheAgentAddedKeepsItsNumbersAndNoRandomness() throws IOException, LiveKitConfigException {
        LiveKitConfig config = load("""
                {"items":[{"sipTrunkId":"ST_a","numbers":["%s"],"createdAt":"2026-11-02T09:14:03Z"}]}""".formatted(DID), """
                {"items":[{"sipDispatchRuleId":"SDR_n","trunkIds":["ST_a"],"numbers":["%s"],
                  "rule":{"dispatchRuleIndividual":{"roomPrefix":"call-","noRandomness":true}},
                  "createdAt":"2026-11-02T09:14:03Z"}]}""".formatted(DID));

        Finding f = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "180 Ringing")),
                config).withCode(RuleNoAgentCheck.CODE).get(0);

        JsonObject rule = JsonParser.parseString(f.fix().json()).getAsJsonObject();
        assertEquals("[\"" + DID + "\"]", rule.get("numbers").toString(), f.fix().json());
        assertTrue(rule.getAsJsonObject("rule").getAsJsonObject("dispatchRuleIndividual").get("noRandomness")
                .getAsBoolean(), f.fix().json());
        assertTrue(rule.getAsJsonObject("roomConfig").toString().contains("agentName"), f.fix().json());
        assertFalse(rule.has("createdAt"), f.fix().json());
        assertFalse(rule.has("sipDispatchRuleId"), f.fix().json());
    }

    @Test
    void theTrunkWithAnotherAllowedAddressKeepsItsRealmAndNoPassword() throws IOException, LiveKitConfigException {
        LiveKitConfig config = load("""
                {"items":[{"sipTrunkId":"ST_a","numbers":["%s"],"allowedAddresses":["198.51.100.7"],
                  "authUsername":"u","authPassword":"Secr3t-pw","authRealm":"acme"}]}""".formatted(DID), """
                {"items":[{"sipDispatchRuleId":"SDR_a","trunkIds":["ST_a"],
                  "rule":{"dispatchRuleIndividual":{"roomPrefix":"call-"}},"roomConfig":{"agents":[{"agentName":"a"}]}}]}""");

        Finding f = DiagnosisEngine.standard().diagnose(List.of(liveKitCall(DID, "100 Processing", "404 No trunk found")),
                config).withCode(SourceNotAllowedCheck.CODE).get(0);

        JsonObject trunk = JsonParser.parseString(f.fix().json()).getAsJsonObject();
        assertEquals("acme", trunk.get("authRealm").getAsString(), f.fix().json());
        assertEquals("u", trunk.get("authUsername").getAsString(), f.fix().json());
        assertFalse(f.fix().json().contains("Secr3t-pw"), f.fix().json());
        assertTrue(f.fix().steps().stream().anyMatch(s -> s.contains("set --auth-pass again afterwards")
                && !s.contains("authRealm")), f.fix().steps().toString());
    }

    private LiveKitConfig load(String trunks, String rules) throws IOException, LiveKitConfigException {
        Path t = Files.writeString(dir.resolve("trunks.json"), trunks);
        Path r = Files.writeString(dir.resolve("rules.json"), rules);
        return new ConfigFileLoader().loadAll(List.of(t, r));
    }
}
