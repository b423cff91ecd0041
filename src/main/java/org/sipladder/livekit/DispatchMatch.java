package org.sipladder.livekit;

import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * Which dispatch rule LiveKit picks for an accepted call (routing notes, section 4).
 *
 * @param kind         the outcome
 * @param rule         the chosen rule when {@code kind} is MATCHED or PIN_PROMPT, else null
 * @param candidateIds the rules that passed the filters, best first (for CONFLICT: the conflicting pair)
 * @param roomName     the room the call joins: a name for direct rules, a pattern such as
 *                     {@code call-_<caller>_<random>} for the others; null when no rule was chosen
 * @param agentNames   agents the rule dispatches through {@code room_config.agents}
 * @param error        LiveKit's error text (with a word on what it means where its words mislead), or null
 */
public record DispatchMatch(Kind kind, SIPDispatchRuleInfo rule, List<String> candidateIds, String roomName,
                            List<String> agentNames, String error) {

    /** How dispatch rule selection ended. */
    public enum Kind {
        /** A rule was chosen; the caller joins its room. */
        MATCHED,
        /** No rule matched: LiveKit drops the call without a final response. */
        NONE,
        /** Two rules have the same trunk, PIN and numbers: LiveKit fails the call. */
        CONFLICT,
        /**
         * A listed rule has no rule kind (direct, individual or callee): LiveKit's validation of the listed rules
         * fails the whole evaluation, and the call fails; {@code candidateIds} names that rule.
         */
        NO_RULE_KIND,
        /** The chosen rule has a PIN: LiveKit answers and asks the caller for it. */
        PIN_PROMPT,
        /** Not reached because trunk selection or authentication stopped the call. */
        NOT_EVALUATED
    }

    public DispatchMatch {
        candidateIds = List.copyOf(candidateIds);
        agentNames = List.copyOf(agentNames);
    }

    static DispatchMatch notEvaluated() {
        return new DispatchMatch(Kind.NOT_EVALUATED, null, List.of(), null, List.of(), null);
    }
}
