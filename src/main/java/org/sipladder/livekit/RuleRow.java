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
 * @param media          its media config ({@link MediaConfig#describe()}), or "default"
 */
public record RuleRow(String id, String name, String kind, String room, boolean pinSet, List<String> trunkIds,
                      List<String> inboundNumbers, List<String> calledNumbers, List<String> agentNames,
                      String media) {

    public RuleRow {
        trunkIds = List.copyOf(trunkIds);
        inboundNumbers = List.copyOf(inboundNumbers);
        calledNumbers = List.copyOf(calledNumbers);
        agentNames = List.copyOf(agentNames);
    }

    /** The row for a rule of this configuration, every text passed through {@code secrets}. */
    public static RuleRow of(SIPDispatchRuleInfo rule, LiveKitConfig config, SecretScrubber secrets) {
        return new RuleRow(secrets.scrub(rule.getSipDispatchRuleId()), secrets.scrub(rule.getName()),
                ConfigView.kind(rule), secrets.scrub(ConfigView.roomOrPrefix(rule)), !ConfigView.pin(rule).isEmpty(),
                secrets.scrub(rule.getTrunkIdsList()), secrets.scrub(rule.getInboundNumbersList()),
                secrets.scrub(config.calledNumbersOf(rule)), secrets.scrub(ConfigView.agentNames(rule)),
                secrets.scrub(ConfigView.mediaCell(config.media().ofRule(rule))));
    }

    /** Trunk IDs this rule names that the configuration does not have (the rule can never match on them). */
    public List<String> unknownTrunkIds(LiveKitConfig config) {
        return trunkIds.stream().filter(id -> config.trunk(id) == null).toList();
    }
}
