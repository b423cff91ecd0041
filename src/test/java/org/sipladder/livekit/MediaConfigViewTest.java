package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trunk's and rule's {@code media} in the one-line summaries and the table rows shown to users. */
class MediaConfigViewTest {

    @TempDir
    Path dir;

    private LiveKitConfig load() throws LiveKitConfigException {
        return new ConfigFileLoader().load(LiveKitFixtures.write(dir, "config.json", """
                {"items": [
                  {"sipTrunkId": "ST_m", "numbers": ["+4930123456"], "media": {"onlyListedCodecs": true,
                   "codecs": [{"name": "G722", "rate": 8000}], "mediaTimeout": "5s",
                   "encryption": "SIP_MEDIA_ENCRYPT_REQUIRE"}},
                  {"sipTrunkId": "ST_plain", "numbers": ["+4930123457"]},
                  {"sipDispatchRuleId": "SDR_m", "trunkIds": ["ST_m"], "rule": {"dispatchRuleDirect": {"roomName": "r"}},
                   "media": {"codecs": [{"name": "AMR-WB"}], "media_timeout": "1.5s"}},
                  {"sipDispatchRuleId": "SDR_plain", "trunkIds": ["ST_plain"],
                   "rule": {"dispatchRuleDirect": {"roomName": "p"}}} ]}"""));
    }

    @Test
    void summariesNameTheMediaConfigWhenSetAndNothingWhenNot() throws Exception {
        LiveKitConfig config = load();
        String trunk = ConfigView.trunkSummary(config.trunk("ST_m"), config.media().ofTrunk(config.trunk("ST_m")));
        String rule = ConfigView.ruleSummary(config.rule("SDR_m"), config);

        assertTrue(trunk.endsWith(", media: codecs G722/8000 only (only_listed_codecs), media_timeout 5 s, "
                + "encryption SIP_MEDIA_ENCRYPT_REQUIRE"), trunk);
        assertTrue(rule.endsWith(", media: codecs AMR-WB added to the default set, media_timeout 1.5 s"), rule);
        assertFalse(ConfigView.trunkSummary(config.trunk("ST_plain"), config.media().ofTrunk(config.trunk("ST_plain")))
                .contains("media"));
        assertFalse(ConfigView.ruleSummary(config.rule("SDR_plain"), config)
                .contains("media"));
    }

    @Test
    void tableRowsCarryTheMediaConfigOrDefault() throws Exception {
        LiveKitConfig config = load();
        SecretScrubber secrets = SecretScrubber.of(config);

        assertEquals("codecs G722/8000 only (only_listed_codecs), media_timeout 5 s, encryption "
                + "SIP_MEDIA_ENCRYPT_REQUIRE", TrunkRow.of(config.trunk("ST_m"), config, secrets).media());
        assertEquals("default", TrunkRow.of(config.trunk("ST_plain"), config, secrets).media());
        assertEquals("codecs AMR-WB added to the default set, media_timeout 1.5 s",
                RuleRow.of(config.rule("SDR_m"), config, secrets).media());
        assertEquals("default", RuleRow.of(config.rule("SDR_plain"), config, secrets).media());
    }

    @Test
    void onlyListedWithoutCodecsIsShownAsSuch() {
        MediaConfig m = new MediaConfig(true, java.util.List.of(), null, -1);
        assertEquals("only_listed_codecs with no codecs", m.describe());
        assertEquals("", MediaConfig.NONE.describe());
    }
}
