package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed trunk password never shows up in any text this package produces. */
class SecretRedactionTest {

    @TempDir
    Path dir;

    @Test
    void passwordAppearsInNoTextOutput() throws Exception {
        LiveKitConfig config = LiveKitFixtures.seedConfig(dir);
        SIPInboundTrunkInfo authTrunk = config.trunk("ST_GjeZjGQjrsvC");
        LiveKitConfig onlyAuth = new LiveKitConfig(List.of(authTrunk), config.rules(), config.sources());
        List<String> texts = new ArrayList<>();
        texts.add(config.toString());
        config.trunks().forEach(t -> texts.add(ConfigView.trunkSummary(t, config.media().ofTrunk(t))));
        config.rules().forEach(r -> texts.add(ConfigView.ruleSummary(r, config)));
        texts.add(ConfigView.redacted(authTrunk).toString());
        for (InboundInvite invite : List.of(LiveKitFixtures.seedInvite(), LiveKitFixtures.invite(
                LiveKitFixtures.SEED_CALLED, "+49151", "Digest username=\"jambonz\", realm=\"LiveKit\", nonce=\"n\", "
                        + "uri=\"sip:4991874350352@x\", response=\"00\""))) {
            for (LiveKitConfig c : List.of(config, onlyAuth)) {
                RoutingOutcome outcome = new RoutingSimulator(c).simulate(invite);
                texts.add(outcome.toString());
                texts.add(outcome.trunk().toString());
                texts.addAll(outcome.reasoning());
            }
        }

        for (String text : texts) {
            assertFalse(text.contains(LiveKitFixtures.SEED_PASSWORD), text);
        }
        assertEquals("set", ConfigView.authPassword(authTrunk));
        assertEquals("not set", ConfigView.authPassword(config.trunk("ST_keiPmt6sJhJh")));
    }

    @Test
    void loaderErrorsDoNotEchoThePassword() {
        Path file = LiveKitFixtures.write(dir, "t.json", "[{\"sipTrunkId\":\"ST_x\",\"authPassword\":{\"v\":\""
                + LiveKitFixtures.SEED_PASSWORD + "\"}}]");

        LiveKitConfigException e = assertThrows(LiveKitConfigException.class, () -> new ConfigFileLoader().load(file));

        assertFalse(e.getMessage().contains(LiveKitFixtures.SEED_PASSWORD), e.getMessage());
    }
}
