package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.Limits;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.DispatchConflicts;
import org.sipladder.livekit.DispatchMatch;

/** LK_RULE_CONFLICT: two dispatch rules claim the same calls, so LiveKit cannot choose and answers 503. */
final class RuleConflictCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_RULE_CONFLICT;

    private static final String WHY = "LiveKit groups dispatch rules by trunk, PIN, normalized inbound number and "
            + "normalized number. Two rules in the same group are a conflict: before filtering, LiveKit checks every "
            + "rule it lists for the call (the trunk's rules and the wildcard rules; all rules when no trunk matched), "
            + "so any call that lists both rings (100 Processing, 180 Ringing) and then fails with 503 Try again "
            + "later, even a call neither rule would have taken.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            DispatchMatch d = r.outcome().dispatch();
            if (d.kind() == DispatchMatch.Kind.CONFLICT) {
                List<String> shown = shown(d.candidateIds());
                findings.add(Findings.call(r.transaction(), CODE,
                        CODE.title(String.join(" and ", shown) + more(d.candidateIds(), shown)), WHY,
                        Findings.evidence(Findings.frames(r.transaction()), shown, conflictFacts(r)), fix(shown)));
            }
        }
        findings.addAll(configFindings(context));
        return findings;
    }

    /**
     * One finding per group of rules sharing a key: a thousand rules on one key are one finding that names the
     * first {@link Limits#IDS_PER_FINDING} and counts them all, not half a million pairs. At most
     * {@link Limits#FINDINGS_PER_CODE} groups are listed; one more finding counts the rest.
     */
    private static List<Finding> configFindings(DiagnosisContext context) {
        // several keys may hold the same rules (two rules on the same two trunks): one finding for them
        Map<List<String>, DispatchConflicts.Group> groups = new LinkedHashMap<>();
        for (DispatchConflicts.Group group : DispatchConflicts.groups(context.config().rules(), context.config())) {
            groups.putIfAbsent(group.ruleIds(), group);
        }
        List<Finding> findings = new ArrayList<>();
        for (DispatchConflicts.Group group : groups.values()) {
            if (findings.size() == Limits.FINDINGS_PER_CODE) {
                int rest = groups.size() - findings.size();
                findings.add(Findings.config(CODE, rest + " more groups of dispatch rules claim the "
                                + "same calls (not listed: at most " + Limits.FINDINGS_PER_CODE + " are)", WHY,
                        Findings.evidence(List.of(), List.of(), List.of(rest + " groups not listed")),
                        Findings.fix(List.of("Fix the groups listed above, then run the diagnosis again to see the "
                                + "rest."), List.of(LkCommand.listRules()), null)));
                break;
            }
            findings.add(groupFinding(group));
        }
        return findings;
    }

    private static Finding groupFinding(DispatchConflicts.Group group) {
        List<String> ids = group.ruleIds();
        List<String> shown = shown(ids);
        String title = ids.size() == 2 ? CODE.configTitle(String.join(" and ", ids))
                : ids.size() + " dispatch rules claim the same calls (" + group.describe() + "): "
                + String.join(", ", shown) + more(ids, shown);
        List<String> facts = new ArrayList<>();
        facts.add("They share: " + group.describe());
        group.rules().subList(0, shown.size()).forEach(rule -> facts.add(ConfigView.ruleSummary(rule)));
        if (ids.size() > shown.size()) {
            facts.add((ids.size() - shown.size()) + " more rules share it");
        }
        return Findings.config(CODE, title, WHY, Findings.evidence(List.of(), shown, facts), fix(shown));
    }

    private static List<String> shown(List<String> ids) {
        return ids.subList(0, Math.min(ids.size(), Limits.IDS_PER_FINDING));
    }

    private static String more(List<String> ids, List<String> shown) {
        return ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "";
    }

    private static List<String> conflictFacts(LiveKitRouting r) {
        List<String> facts = new ArrayList<>();
        facts.add("LiveKit's error: " + r.outcome().dispatch().error());
        r.outcome().reasoning().stream().filter(s -> s.startsWith("Neither conflicting rule")).forEach(facts::add);
        facts.add(r.summary());
        return facts;
    }

    private static Fix fix(List<String> ids) {
        return Findings.fix(List.of("Keep one rule per trunk (and PIN and caller list): delete the one you do not "
                        + "need (the command below deletes " + ids.get(ids.size() - 1) + "),",
                "or restrict one of them with trunk_ids or inbound_numbers so that each call matches exactly one rule."),
                List.of(LkCommand.deleteRule(ids.get(ids.size() - 1)), LkCommand.listRules()), null);
    }
}
