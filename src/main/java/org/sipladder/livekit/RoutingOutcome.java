package org.sipladder.livekit;

import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * What LiveKit does with one INVITE: trunk, authentication, dispatch rule, the responses to expect, and the
 * reasoning behind them (including what the analyzer cannot know).
 *
 * @param trunk             trunk selection
 * @param auth              authentication outcome
 * @param dispatch          dispatch rule selection
 * @param expectedResponses responses LiveKit sends, in order, e.g. {@code ["100 Processing",
 *                          "503 Try again later"]}; an entry ending in "..." may repeat; {@code (no final
 *                          response)} means none follows (see {@link ResponseComparison})
 * @param reasoning         step-by-step sentences naming trunk and rule IDs
 * @param options           the deployment the simulation assumed, and why
 */
public record RoutingOutcome(TrunkMatch trunk, AuthOutcome auth, DispatchMatch dispatch,
                             List<String> expectedResponses, List<String> reasoning, RoutingOptions options) {

    public RoutingOutcome {
        expectedResponses = List.copyOf(expectedResponses);
        reasoning = List.copyOf(reasoning);
    }

    /**
     * This outcome with every text in it (responses, reasoning, skipped trunks, errors, IDs, room and agent names)
     * passed through {@code secrets}, for output; the trunk and rule objects are copies whose ID and name are
     * scrubbed too when they hold a secret (outputs print them, e.g. {@code diagnose --json}'s dispatchRuleId).
     */
    public RoutingOutcome scrubbed(SecretScrubber secrets) {
        TrunkMatch t = trunk;
        DispatchMatch d = dispatch;
        return new RoutingOutcome(
                new TrunkMatch(t.kind(), scrubbed(t.trunk(), secrets), secrets.scrub(t.candidateIds()),
                        secrets.scrub(t.error()), secrets.scrub(t.skipped())), auth,
                new DispatchMatch(d.kind(), scrubbed(d.rule(), secrets), secrets.scrub(d.candidateIds()),
                        secrets.scrub(d.roomName()), secrets.scrub(d.agentNames()), secrets.scrub(d.error())),
                secrets.scrub(expectedResponses), secrets.scrub(reasoning),
                new RoutingOptions(options.deployment(), secrets.scrub(options.basis())));
    }

    private static SIPInboundTrunkInfo scrubbed(SIPInboundTrunkInfo trunk, SecretScrubber secrets) {
        if (trunk == null) {
            return null;
        }
        String id = secrets.scrub(trunk.getSipTrunkId());
        String name = secrets.scrub(trunk.getName());
        return id.equals(trunk.getSipTrunkId()) && name.equals(trunk.getName()) ? trunk
                : trunk.toBuilder().setSipTrunkId(id).setName(name).build();
    }

    private static SIPDispatchRuleInfo scrubbed(SIPDispatchRuleInfo rule, SecretScrubber secrets) {
        if (rule == null) {
            return null;
        }
        String id = secrets.scrub(rule.getSipDispatchRuleId());
        String name = secrets.scrub(rule.getName());
        return id.equals(rule.getSipDispatchRuleId()) && name.equals(rule.getName()) ? rule
                : rule.toBuilder().setSipDispatchRuleId(id).setName(name).build();
    }

    /** One sentence: "Assumed LiveKit Cloud: <why>." */
    public String assumption() {
        return "Assumed " + options.deployment().description() + ": " + options.basis() + ".";
    }
}
