package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.AuthOutcome;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.RoutingOutcome;
import org.sipladder.livekit.RoutingSimulator;
import org.sipladder.livekit.TrunkAdmission;

/**
 * What happens to a call if only one of several conflicting trunks is kept: the routing simulator is run on
 * the config without the others, so the suggested fix is the one that leads to an agent.
 *
 * @param kept        the trunk that stays
 * @param dropped     the trunks that lose the conflicting number
 * @param outcome     the simulated routing once the call is authenticated (when the kept trunk asks for it)
 * @param needsAuth   true when LiveKit would challenge the sender, which then has to authenticate
 */
record TrunkChoice(SIPInboundTrunkInfo kept, List<SIPInboundTrunkInfo> dropped, RoutingOutcome outcome,
                   boolean needsAuth) {

    /**
     * All choices, best first: an agent gets dispatched, then fewest extra changes, then a kept trunk that lets in
     * every caller and address the dropped ones let in (keeping a trunk set apart for a few callers takes the number
     * from everyone else), then config order.
     */
    static List<TrunkChoice> rank(LiveKitConfig config, List<SIPInboundTrunkInfo> conflicting, InboundInvite invite) {
        List<TrunkChoice> choices = new ArrayList<>();
        for (SIPInboundTrunkInfo keep : conflicting) {
            List<SIPInboundTrunkInfo> others = conflicting.stream().filter(t -> t != keep).toList();
            List<SIPInboundTrunkInfo> remaining = config.trunks().stream().filter(t -> !others.contains(t)).toList();
            RoutingOutcome outcome = new RoutingSimulator(without(config, others, null)).simulate(invite);
            boolean needsAuth = outcome.auth() == AuthOutcome.CHALLENGE;
            if (needsAuth) {
                // once the sender authenticates, routing goes on as if the trunk asked for nothing
                outcome = new RoutingSimulator(without(config, others, keep)).simulate(invite);
            }
            choices.add(new TrunkChoice(keep, others, outcome, needsAuth));
        }
        choices.sort(Comparator.comparingInt(TrunkChoice::changesNeeded).thenComparing(TrunkChoice::narrows));
        return choices;
    }

    /** The config without {@code dropped}, and with {@code open}'s credentials removed when it is not null. */
    private static LiveKitConfig without(LiveKitConfig config, List<SIPInboundTrunkInfo> dropped, SIPInboundTrunkInfo open) {
        List<SIPInboundTrunkInfo> trunks = config.trunks().stream().filter(t -> !dropped.contains(t))
                .map(t -> t == open ? t.toBuilder().clearAuthUsername().clearAuthPassword().build() : t).toList();
        return config.withTrunks(trunks);
    }

    boolean dispatchesAgent() {
        DispatchMatch d = outcome.dispatch();
        return d.kind() == DispatchMatch.Kind.MATCHED && !d.agentNames().isEmpty();
    }

    /**
     * True when a dropped trunk lets in callers (allowed_numbers) or addresses (allowed_addresses) the kept one does
     * not: once the number is off the dropped trunk, their calls to it find no trunk.
     */
    boolean narrows() {
        return dropped.stream().anyMatch(d -> !covers(kept.getAllowedNumbersList(), d.getAllowedNumbersList(), true)
                || !covers(TrunkAdmission.usableAddresses(kept), TrunkAdmission.usableAddresses(d), false));
    }

    /** True when the filter {@code wide} (empty: everything) lets in all that {@code narrow} does. */
    private static boolean covers(List<String> wide, List<String> narrow, boolean numbers) {
        if (wide.isEmpty()) {
            return true;
        }
        return !narrow.isEmpty() && narrow.stream().allMatch(n -> wide.stream().anyMatch(w -> numbers
                ? PhoneNumbers.sameNumber(w, n) : w.equalsIgnoreCase(n) || TrunkAdmission.entryContains(w, n)));
    }

    /** How many further changes this choice needs before an agent answers (fewer is better). */
    int changesNeeded() {
        return (dispatchesAgent() ? 0 : 2) + (needsAuth ? 1 : 0);
    }

    /** One sentence on what LiveKit then does with the call. */
    String consequence() {
        StringBuilder s = new StringBuilder("LiveKit then picks " + kept.getSipTrunkId());
        if (needsAuth) {
            s.append(", challenges with 407 (the trunk asks for user \"").append(kept.getAuthUsername())
                    .append("\" and a password, which is set)");
        }
        DispatchMatch d = outcome.dispatch();
        switch (d.kind()) {
            case MATCHED -> s.append(d.agentNames().isEmpty()
                    ? ", and dispatch rule " + d.rule().getSipDispatchRuleId() + " creates the room but dispatches no agent"
                    : ", and dispatch rule " + d.rule().getSipDispatchRuleId() + " dispatches agent "
                    + String.join(", ", d.agentNames()));
            case NONE -> s.append(", but no dispatch rule matches");
            case CONFLICT -> s.append(", but its dispatch rules conflict");
            case NO_RULE_KIND -> s.append(", but dispatch rule ").append(d.rule().getSipDispatchRuleId())
                    .append(" has no rule kind");
            case PIN_PROMPT -> s.append(", and prompts the caller for a PIN");
            case NOT_EVALUATED -> s.append("");
        }
        return s.append('.').toString();
    }
}
