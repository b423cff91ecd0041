package org.sipladder.ui.findings;

import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.livekit.ConfigView;

/**
 * One dispatch rule in the config view.
 *
 * @param id           rule ID
 * @param name         rule name
 * @param kind         direct, individual or callee
 * @param room         room name or prefix
 * @param trunks       trunk IDs it applies to, or "any (wildcard rule)"
 * @param agents       agents it dispatches, or "none"
 * @param matchedCalls calls of the capture this rule handled (or would, per the simulator)
 */
public record RuleRow(String id, String name, String kind, String room, String trunks, String agents,
                      String matchedCalls) {

    static RuleRow of(SIPDispatchRuleInfo rule, List<String> calls) {
        return new RuleRow(rule.getSipDispatchRuleId(), rule.getName(), ConfigView.kind(rule),
                ConfigView.roomOrPrefix(rule), TrunkRow.joinedOr(rule.getTrunkIdsList(), "any (wildcard rule)"),
                TrunkRow.joinedOr(ConfigView.agentNames(rule), "none"), String.join(", ", calls));
    }
}
