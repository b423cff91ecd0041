package org.sipladder.diagnose;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sipladder.livekit.DispatchMatch;

/**
 * What config checks learn from the captured calls, gathered call by call: a config check runs once, after the
 * calls, without them.
 *
 * @param rulesTakingCalls ids of the dispatch rules that took a captured call without dispatching an agent
 *                         (matched it with no agent, or asked for its PIN): the call's findings tell about them
 */
record CallsSeen(Set<String> rulesTakingCalls) {

    static CallsSeen of(List<LiveKitRouting> routings) {
        Set<String> rules = new HashSet<>();
        for (LiveKitRouting r : routings) {
            if (!r.simulated()) {
                continue;
            }
            DispatchMatch d = r.outcome().dispatch();
            if (d.kind() == DispatchMatch.Kind.PIN_PROMPT
                    || d.kind() == DispatchMatch.Kind.MATCHED && d.agentNames().isEmpty()) {
                rules.add(d.rule().getSipDispatchRuleId());
            }
        }
        // nearly always none: Set.copyOf copies even an empty set into a new HashSet first
        return new CallsSeen(rules.isEmpty() ? Set.of() : Set.copyOf(rules));
    }
}
