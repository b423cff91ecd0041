package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.Limits;

/** LK_RULE_UNKNOWN_TRUNK: a dispatch rule names a trunk that does not exist, so it never matches through it. */
final class RuleUnknownTrunkCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_RULE_UNKNOWN_TRUNK;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        if (!context.checksConfig()) {
            return List.of();
        }
        if (context.config().trunksMissing()) {
            return List.of(trunksNotLoaded(context.config().rules()));
        }
        if (context.config().trunks().isEmpty()) {
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

    /**
     * The rules name trunks but no trunk is loaded: the calls' routing is not simulated (it would send every call
     * through "no trunk"), and the user is asked for the trunk list.
     */
    private static Finding trunksNotLoaded(List<SIPDispatchRuleInfo> rules) {
        Set<String> named = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        for (SIPDispatchRuleInfo rule : rules) {
            if (rule.getTrunkIdsCount() > 0) {
                named.addAll(rule.getTrunkIdsList());
                ids.add(rule.getSipDispatchRuleId());
            }
        }
        List<String> trunks = List.copyOf(named);
        List<String> shown = trunks.subList(0, Math.min(trunks.size(), Limits.IDS_PER_FINDING));
        String list = String.join(", ", shown) + (trunks.size() > shown.size() ? " and "
                + (trunks.size() - shown.size()) + " more" : "");
        return Findings.config(CODE, "The dispatch rules name inbound trunks that are not loaded (" + list + ")",
                "LiveKit picks the inbound trunk first and then only the dispatch rules for that trunk (or without "
                        + "trunk_ids). Dispatch rules were loaded without any inbound trunk, so which trunk and rule "
                        + "take a call cannot be told: the calls' LiveKit routing is not checked.",
                Findings.evidence(List.of(), ids.subList(0, Math.min(ids.size(), Limits.IDS_PER_FINDING)),
                        List.of("Trunk ids named by the rules: " + list, "Inbound trunks loaded: none")),
                Findings.fix(List.of("Load the inbound trunks too: lk sip inbound list --json > trunks.json, then "
                        + "--livekit-config trunks.json beside the rules."), List.of("lk sip inbound list --json"), null));
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
