package org.sipladder.livekit;

import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * One dispatch rule as a table shows it; a PIN appears only as set or not.
 *
 * @param id             sip_dispatch_rule_id
 * @param name           name ("" when none)
 * @param kind           "direct", "individual", "callee" or "no rule kind"
 * @param room           room name (direct) or room prefix
 * @param pinSet         whether the rule asks for a PIN
 * @param trunkIds       trunk_ids (empty: a wildcard rule for every trunk)
 * @param inboundNumbers inbound_numbers: the callers it accepts (empty: any)
 * @param calledNumbers  numbers: the called numbers it accepts (empty: any)
 * @param agentNames     agents it dispatches
 */
public record RuleRow(String id, String name, String kind, String room, boolean pinSet, List<String> trunkIds,
                      List<String> inboundNumbers, List<String> calledNumbers, List<String> agentNames) {

    public RuleRow {
        trunkIds = List.copyOf(trunkIds);
        inboundNumbers = List.copyOf(inboundNumbers);
        calledNumbers = List.copyOf(calledNumbers);
        agentNames = List.copyOf(agentNames);
    }

    /** The row for a rule of this configuration. */
    public static RuleRow of(SIPDispatchRuleInfo rule, LiveKitConfig config) {
        return new RuleRow(rule.getSipDispatchRuleId(), rule.getName(), ConfigView.kind(rule),
                ConfigView.roomOrPrefix(rule), !ConfigView.pin(rule).isEmpty(), rule.getTrunkIdsList(),
                rule.getInboundNumbersList(), config.calledNumbersOf(rule), ConfigView.agentNames(rule));
    }

    /** Trunk IDs this rule names that the configuration does not have (the rule can never match on them). */
    public List<String> unknownTrunkIds(LiveKitConfig config) {
        return trunkIds.stream().filter(id -> config.trunk(id) == null).toList();
    }
}
