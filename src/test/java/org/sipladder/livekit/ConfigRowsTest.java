package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRowsTest {

    @TempDir
    Path dir;

    @Test
    void seedRowsShowWhatATableNeedsWithoutSecrets() throws Exception {
        LiveKitConfig config = LiveKitFixtures.seedConfig(dir);

        TrunkRow auth = TrunkRow.of(config.trunk("ST_GjeZjGQjrsvC"), config, SecretScrubber.of(config));
        TrunkRow open = TrunkRow.of(config.trunk("ST_keiPmt6sJhJh"), config, SecretScrubber.of(config));
        RuleRow stale = RuleRow.of(config.rule("SDR_3mqGtt8QNX2x"), config, SecretScrubber.of(config));
        RuleRow noAgent = RuleRow.of(config.rule("SDR_HyMhj4T8greh"), config, SecretScrubber.of(config));

        assertEquals("set", auth.authPassword());
        assertEquals("not set", open.authPassword());
        assertEquals("default (3 min)", auth.ringingTimeout());
        assertFalse(auth.isDefault());
        assertFalse(auth.toString().contains(LiveKitFixtures.SEED_PASSWORD));
        assertEquals("direct", stale.kind());
        assertEquals("support", stale.room());
        assertEquals(List.of("ST_4pLhTkQ9xWmV"), stale.unknownTrunkIds(config));
        assertTrue(noAgent.agentNames().isEmpty());
        assertEquals("individual", noAgent.kind());
        assertEquals("call-", noAgent.room());
        assertTrue(RuleRow.of(config.rule("SDR_ZyY3ewVGtwEd"), config, SecretScrubber.of(config)).unknownTrunkIds(config).isEmpty());
    }

    @Test
    void aNameOrUserNameThatIsAPasswordIsHiddenInTheRows() {
        String password = "Pw-as-name-4410";
        SIPInboundTrunkInfo trunk = SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_n").setName(password)
                .setAuthUsername(password).setAuthPassword(password).addNumbers("+15550001111").build();
        SIPDispatchRuleInfo rule = SIPDispatchRuleInfo.newBuilder().setSipDispatchRuleId("SDR_n").setName(password)
                .addTrunkIds("ST_n").build();
        LiveKitConfig config = new LiveKitConfig(List.of(trunk), List.of(rule), List.of("t.json"));

        TrunkRow trunkRow = TrunkRow.of(trunk, config, SecretScrubber.of(config));
        RuleRow ruleRow = RuleRow.of(rule, config, SecretScrubber.of(config));

        assertEquals(SecretScrubber.MASK, trunkRow.name());
        assertEquals(SecretScrubber.MASK, trunkRow.authUsername());
        assertEquals(SecretScrubber.MASK, ruleRow.name());
        assertEquals("ST_n", trunkRow.id());
    }
}
