package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRowsTest {

    @TempDir
    Path dir;

    @Test
    void seedRowsShowWhatATableNeedsWithoutSecrets() throws Exception {
        LiveKitConfig config = LiveKitFixtures.seedConfig(dir);

        TrunkRow auth = TrunkRow.of(config.trunk("ST_GjeZjGQjrsvC"));
        TrunkRow open = TrunkRow.of(config.trunk("ST_keiPmt6sJhJh"));
        RuleRow stale = RuleRow.of(config.rule("SDR_3mqGtt8QNX2x"), config);
        RuleRow noAgent = RuleRow.of(config.rule("SDR_HyMhj4T8greh"), config);

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
        assertTrue(RuleRow.of(config.rule("SDR_ZyY3ewVGtwEd"), config).unknownTrunkIds(config).isEmpty());
    }
}
