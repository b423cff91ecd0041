package org.sipladder.livekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleDirect;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.Test;
import org.sipladder.testkit.RandomText;

/**
 * One simulator serves every INVITE of a diagnosis (its config-only texts and tables are made once): it must answer
 * each INVITE exactly as a simulator made for that INVITE alone, whatever came before.
 */
class SimulatorReuseTest {

    private static final String[] NUMBERS = {"4991874350352", "+4991874350352", "+49 (918) 743-50352", "91874350352",
        "004991874350352", "4930123456", "+4930123456", "", "+", "tel-7\"x", "a\\b", "+49-30-1234"};

    @Test
    void aSharedSimulatorAnswersAsAFreshOne() {
        Random random = new Random(18);
        for (int c = 0; c < 60; c++) {
            LiveKitConfig config = randomConfig(random);
            for (RoutingOptions options : List.of(RoutingOptions.DEFAULT, RoutingOptions.stated(Deployment.SELF_HOSTED),
                    RoutingOptions.forLiveKitHost("lk.example.com"))) {
                RoutingSimulator shared = new RoutingSimulator(config, options);
                for (int i = 0; i < 40; i++) {
                    InboundInvite invite = randomInvite(random);
                    assertEquals(new RoutingSimulator(config, options).simulate(invite), shared.simulate(invite),
                            config + " " + invite);
                }
            }
        }
    }

    /**
     * LiveKitRoutings simulates an INVITE from a private address again as if sent through a NAT only when the simulator
     * reads the source address: without a usable allowed_addresses entry the NAT must change nothing at all.
     */
    @Test
    void aNatChangesNoOutcomeUnlessATrunkRestrictsAddresses() {
        Random random = new Random(29);
        int unread = 0;
        for (int c = 0; c < 200; c++) {
            LiveKitConfig config = randomConfig(random);
            RoutingSimulator simulator = new RoutingSimulator(config);
            boolean restricts = config.trunks().stream().anyMatch(t -> !t.getAllowedAddressesList().isEmpty());
            assertEquals(restricts, simulator.readsSourceAddress(), config.toString());
            if (restricts) {
                continue;
            }
            unread++;
            for (int i = 0; i < 20; i++) {
                InboundInvite invite = randomInvite(random);
                RoutingOutcome outcome = simulator.simulate(invite);
                assertEquals(outcome, simulator.simulate(invite.behindNat()), config + " " + invite);
                assertEquals(outcome, simulator.simulate(invite.behindUnlistedNat()), config + " " + invite);
            }
        }
        assertTrue(unread > 20, "configs without allowed_addresses drawn: " + unread);
        SIPInboundTrunkInfo malformedOnly = SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_m")
                .addAllowedAddresses("10.0.0.1, 10.0.0.2").build();
        assertFalse(new RoutingSimulator(new LiveKitConfig(List.of(malformedOnly), List.of(), List.of("m")))
                .readsSourceAddress(), "an entry LiveKit ignores restricts nothing");
    }

    @Test
    void quotingEscapesAsGoDoes() {
        Random random = new Random(7);
        String alphabet = "09+ -\"\\a";
        for (int n = 0; n < 20_000; n++) {
            String text = RandomText.drawn(random, alphabet, 8);
            assertEquals("\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", TrunkSelector.quote(text), text);
        }
        assertEquals("\"\"", TrunkSelector.quote(null));
    }

    private static LiveKitConfig randomConfig(Random random) {
        List<SIPInboundTrunkInfo> trunks = new ArrayList<>();
        for (int t = random.nextInt(5); t > 0; t--) {
            SIPInboundTrunkInfo.Builder b = SIPInboundTrunkInfo.newBuilder().setSipTrunkId("ST_" + t)
                    .setName(random.nextBoolean() ? "" : "trunk " + t);
            for (int n = random.nextInt(3); n > 0; n--) {
                b.addNumbers(pick(random));
            }
            if (random.nextInt(4) == 0) {
                b.addAllowedNumbers(pick(random));
            }
            if (random.nextInt(4) == 0) {
                b.addAllowedAddresses(random.nextBoolean() ? "89.184.0.0/16" : "10.0.0.0/8");
            }
            if (random.nextInt(4) == 0) {
                b.setAuthUsername("u").setAuthPassword("p");
            }
            trunks.add(b.build());
        }
        List<SIPDispatchRuleInfo> rules = new ArrayList<>();
        for (int r = random.nextInt(3); r > 0; r--) {
            SIPDispatchRuleInfo.Builder b = SIPDispatchRuleInfo.newBuilder().setSipDispatchRuleId("SDR_" + r)
                    .setRule(SIPDispatchRule.newBuilder().setDispatchRuleDirect(
                            SIPDispatchRuleDirect.newBuilder().setRoomName("room" + r)));
            if (random.nextBoolean() && !trunks.isEmpty()) {
                b.addTrunkIds(trunks.get(random.nextInt(trunks.size())).getSipTrunkId());
            }
            rules.add(b.build());
        }
        return new LiveKitConfig(trunks, rules, List.of("random"));
    }

    private static InboundInvite randomInvite(Random random) {
        String called = random.nextInt(10) == 0 ? null : pick(random);
        String calling = random.nextInt(10) == 0 ? null : pick(random);
        return new InboundInvite(random.nextInt(10) == 0 ? " " : "call-" + random.nextInt(5), called, calling,
                "sbc.example.com", random.nextBoolean() ? "89.184.187.200" : "172.20.11.236", null,
                random.nextBoolean() ? called : pick(random));
    }

    private static String pick(Random random) {
        return NUMBERS[random.nextInt(NUMBERS.length)];
    }
}
