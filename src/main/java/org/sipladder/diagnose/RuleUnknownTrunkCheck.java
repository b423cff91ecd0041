package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/** LK_RULE_UNKNOWN_TRUNK: a dispatch rule names a trunk that does not exist, so it never matches through it. */
final class RuleUnknownTrunkCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_RULE_UNKNOWN_TRUNK;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        if (!context.checksConfig() || context.config().trunks().isEmpty()) {
            return List.of(); // without the trunk list, every id would look unknown
        }
        Set<String> known = context.config().trunks().stream().map(SIPInboundTrunkInfo::getSipTrunkId).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        for (SIPDispatchRuleInfo rule : context.config().rules()) {
            List<String> unknown = rule.getTrunkIdsList().stream().filter(id -> !known.contains(id)).toList();
            if (!unknown.isEmpty()) {
                findings.add(finding(rule, unknown, known));
            }
        }
        return findings;
    }

    private static Finding finding(SIPDispatchRuleInfo rule, List<String> unknown, Set<String> known) {
        String id = rule.getSipDispatchRuleId();
        List<String> valid = rule.getTrunkIdsList().stream().filter(known::contains).toList();
        List<String> ids = new ArrayList<>(List.of(id));
        ids.addAll(unknown);
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        if (valid.isEmpty() && known.size() == 1) {
            // one trunk to point it at: the exact command, before the one that deletes the rule
            String trunk = known.iterator().next();
            steps.add("If it should serve trunk " + trunk + ", the only inbound trunk, point it there: "
                    + LkCommand.setRuleTrunks(id, List.of(trunk)) + ".");
            steps.add("If the rule is left over from a deleted trunk, delete it.");
            commands.add(LkCommand.setRuleTrunks(id, List.of(trunk)));
            commands.add(LkCommand.deleteRule(id));
        } else if (valid.isEmpty()) {
            steps.add("If the rule is left over from a deleted trunk, delete it.");
            steps.add("If it should serve one of the existing trunks (" + String.join(", ", known.stream().sorted().toList())
                    + "), point it there instead: lk sip dispatch update --id " + id + " --trunks TRUNK_ID.");
            commands.add(LkCommand.deleteRule(id));
        } else {
            steps.add("Remove the missing trunk id from the rule, keeping " + String.join(", ", valid) + ".");
            commands.add(LkCommand.setRuleTrunks(id, valid));
        }
        commands.add(LkCommand.listRules());
        return Findings.config(CODE,
                CODE.configTitle(id, String.join(", ", unknown)),
                "A dispatch rule with trunk_ids only applies to calls that arrived on one of those trunks. "
                        + String.join(", ", unknown) + " is not among the loaded inbound trunks (deleted, or from "
                        + "another project), so no call reaches this rule through it. This is certain only when the "
                        + "trunk list you loaded is complete.",
                Findings.evidence(List.of(), ids, List.of(
                        id + (rule.getName().isEmpty() ? "" : " \"" + rule.getName() + "\"") + " trunk ids "
                                + Findings.quoted(rule.getTrunkIdsList()),
                        "Known inbound trunks: " + String.join(", ", known.stream().sorted().toList()))),
                Findings.fix(steps, commands, null));
    }
}
