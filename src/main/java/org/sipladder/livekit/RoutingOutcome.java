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
 * @param media             the call's media config (trunk's merged with rule's, {@link CallMedia}), or null when no
 *                          rule took the call
 */
public record RoutingOutcome(TrunkMatch trunk, AuthOutcome auth, DispatchMatch dispatch,
                             List<String> expectedResponses, List<String> reasoning, RoutingOptions options,
                             CallMedia media) {

    public RoutingOutcome {
        expectedResponses = List.copyOf(expectedResponses);
        reasoning = List.copyOf(reasoning);
    }

    /** An outcome without a rule that took the call, so without a media config. */
    public RoutingOutcome(TrunkMatch trunk, AuthOutcome auth, DispatchMatch dispatch, List<String> expectedResponses,
                          List<String> reasoning, RoutingOptions options) {
        this(trunk, auth, dispatch, expectedResponses, reasoning, options, null);
    }

    /**
     * This outcome with every text in it (responses, reasoning, skipped trunks, errors, IDs, room and agent names)
     * passed through {@code secrets}, for output; the trunk and rule objects are copies whose ID and name are
     * scrubbed too when they hold a secret (outputs print them, e.g. {@code diagnose --json}'s dispatchRuleId).
     */
    public RoutingOutcome scrubbed(SecretScrubber secrets) {
        TrunkMatch t = trunk;
        DispatchMatch d = dispatch;
        // a scrubber gives back the very text or list it was given when nothing in it is a secret: then this
        // outcome is its own scrubbed form (with a config, every call's INVITE is simulated and scrubbed)
        List<String> why = secrets.scrub(reasoning);
        // the sentences about skipped trunks are reasoning lines as well, the same texts: searched once
        List<String> skipped = why == reasoning && inReasoning(t.skipped()) ? t.skipped() : secrets.scrub(t.skipped());
        SIPInboundTrunkInfo trunkInfo = scrubbed(t.trunk(), secrets);
        List<String> trunkIds = secrets.scrub(t.candidateIds());
        String trunkError = secrets.scrub(t.error());
        SIPDispatchRuleInfo rule = scrubbed(d.rule(), secrets);
        List<String> ruleIds = secrets.scrub(d.candidateIds());
        String room = secrets.scrub(d.roomName());
        List<String> agents = secrets.scrub(d.agentNames());
        String ruleError = secrets.scrub(d.error());
        List<String> expected = secrets.scrub(expectedResponses);
        String basis = secrets.scrub(options.basis());
        if (why == reasoning && skipped == t.skipped() && trunkInfo == t.trunk() && trunkIds == t.candidateIds()
                && trunkError == t.error() && rule == d.rule() && ruleIds == d.candidateIds() && room == d.roomName()
                && agents == d.agentNames() && ruleError == d.error() && expected == expectedResponses
                && basis == options.basis()) {
            return this;
        }
        return new RoutingOutcome(new TrunkMatch(t.kind(), trunkInfo, trunkIds, trunkError, skipped), auth,
                new DispatchMatch(d.kind(), rule, ruleIds, room, agents, ruleError), expected, why,
                options.withBasis(basis), media);
    }

    /** True when each of {@code texts} is one of the reasoning lines (the same object). */
    private boolean inReasoning(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            boolean found = false;
            for (int k = 0; k < reasoning.size() && !found; k++) {
                found = reasoning.get(k) == texts.get(i);
            }
            if (!found) {
                return false;
            }
        }
        return true;
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
