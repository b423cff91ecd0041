package org.sipladder.diagnose;

import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/** Reads the parts of a dispatch rule that depend on its kind (direct, individual, callee). */
final class DispatchRules {

    private DispatchRules() {
    }

    static String pin(SIPDispatchRuleInfo info) {
        SIPDispatchRule rule = info.getRule();
        return switch (rule.getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> rule.getDispatchRuleDirect().getPin();
            case DISPATCH_RULE_INDIVIDUAL -> rule.getDispatchRuleIndividual().getPin();
            case DISPATCH_RULE_CALLEE -> rule.getDispatchRuleCallee().getPin();
            default -> "";
        };
    }

    /** "direct to room support", "individual rooms call-*"... */
    static String describe(SIPDispatchRuleInfo info) {
        SIPDispatchRule rule = info.getRule();
        String kind = switch (rule.getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> "direct to room " + rule.getDispatchRuleDirect().getRoomName();
            case DISPATCH_RULE_INDIVIDUAL -> "individual rooms " + rule.getDispatchRuleIndividual().getRoomPrefix() + "*";
            case DISPATCH_RULE_CALLEE -> "callee rooms " + rule.getDispatchRuleCallee().getRoomPrefix() + "*";
            default -> "no rule kind";
        };
        return info.getSipDispatchRuleId() + (info.getName().isEmpty() ? "" : " \"" + info.getName() + "\"") + ": " + kind
                + ", trunk ids " + Findings.quoted(info.getTrunkIdsList())
                + (info.getInboundNumbersCount() == 0 ? "" : ", inbound numbers " + Findings.quoted(info.getInboundNumbersList()))
                + ", agents " + Findings.quoted(AgentNames.of(info));
    }
}
