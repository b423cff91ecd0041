package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.SIPDispatchRule.RuleCase;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * Dispatch rules LiveKit sees as conflicting (routing notes, section 4): two rules with the same PIN, trunk (or
 * both none), normalized {@code inbound_numbers} entry (or both none) and normalized {@code numbers} entry (or both
 * none). The check runs over every listed rule before any filtering.
 */
public final class DispatchConflicts {

    private DispatchConflicts() {
    }

    /**
     * Rules sharing one conflict key.
     *
     * @param pin           the PIN ("" for none)
     * @param trunkId       the trunk ("" for a wildcard rule)
     * @param inboundNumber the normalized calling number ("" for any)
     * @param number        the normalized called number ("" for any)
     * @param rules         two or more rules, in listing order
     */
    public record Group(String pin, String trunkId, String inboundNumber, String number, List<SIPDispatchRuleInfo> rules) {

        public List<String> ruleIds() {
            return rules.stream().map(SIPDispatchRuleInfo::getSipDispatchRuleId).toList();
        }

        /** What the rules share, for people. */
        public String describe() {
            return "trunk " + orAny(trunkId, "(wildcard)") + ", PIN " + (pin.isEmpty() ? "none" : "set")
                    + ", caller " + orAny(inboundNumber, "any") + ", called number " + orAny(number, "any");
        }

        private static String orAny(String value, String any) {
            return value.isEmpty() ? any : value;
        }
    }

    /** Every key that two or more of {@code rules} share, in the order LiveKit would find them. */
    public static List<Group> groups(List<SIPDispatchRuleInfo> rules, LiveKitConfig config) {
        Map<List<String>, List<SIPDispatchRuleInfo>> byKey = new LinkedHashMap<>();
        for (SIPDispatchRuleInfo rule : rules) {
            for (List<String> key : keys(rule, config)) {
                // a rule that yields one key twice (an entry listed twice, or in two forms that normalize alike) is
                // in the group twice: LiveKit's validator finds it conflicting with itself
                byKey.computeIfAbsent(key, k -> new ArrayList<>(2)).add(rule);
            }
        }
        List<Group> groups = new ArrayList<>();
        byKey.forEach((key, same) -> {
            if (same.size() > 1) {
                groups.add(new Group(key.get(0), key.get(1), key.get(2), key.get(3), List.copyOf(same)));
            }
        });
        return groups;
    }

    /**
     * The pair LiveKit reports first while it validates the listed rules in order (protocol {@code sip}
     * {@code DispatchRuleValidator.Validate}): the earlier rule, then the one that collided with it, the same rule twice
     * when it collided with itself (LiveKit does not tell a rule's own earlier key from another's); null for none.
     */
    public static List<String> firstPair(List<SIPDispatchRuleInfo> rules, LiveKitConfig config) {
        Map<List<String>, SIPDispatchRuleInfo> byKey = new java.util.HashMap<>();
        for (SIPDispatchRuleInfo rule : rules) {
            for (List<String> key : keys(rule, config)) {
                SIPDispatchRuleInfo earlier = byKey.putIfAbsent(key, rule);
                if (earlier != null) {
                    return List.of(earlier.getSipDispatchRuleId(), rule.getSipDispatchRuleId());
                }
            }
        }
        return null;
    }

    private static List<List<String>> keys(SIPDispatchRuleInfo rule, LiveKitConfig config) {
        if (rule.getRule().getRuleCase() == RuleCase.RULE_NOT_SET) {
            return List.of();
        }
        List<List<String>> keys = new ArrayList<>();
        String pin = ConfigView.pin(rule);
        for (String trunk : orBlank(rule.getTrunkIdsList())) {
            for (String inbound : orBlank(rule.getInboundNumbersList())) {
                for (String number : orBlank(config.calledNumbersOf(rule))) {
                    keys.add(List.of(pin, trunk, PhoneNumbers.normalize(inbound), PhoneNumbers.normalize(number)));
                }
            }
        }
        return keys;
    }

    private static List<String> orBlank(List<String> values) {
        return values.isEmpty() ? List.of("") : values;
    }
}
