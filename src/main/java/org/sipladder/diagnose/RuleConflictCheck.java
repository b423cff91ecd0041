package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
                findings.add(Findings.call(r.transaction(), CODE,
                        CODE.title(String.join(" and ", d.candidateIds())), WHY,
                        Findings.evidence(Findings.frames(r.transaction()), d.candidateIds(),
                                conflictFacts(r)),
                        fix(d.candidateIds())));
            }
        }
        Set<List<String>> reported = new HashSet<>();
        for (DispatchConflicts.Group group : DispatchConflicts.groups(context.config().rules(), context.config())) {
            List<String> ids = group.ruleIds();
            if (reported.add(ids)) {
                List<String> facts = new ArrayList<>();
                facts.add("They share: " + group.describe());
                group.rules().forEach(rule -> facts.add(ConfigView.ruleSummary(rule)));
                findings.add(Findings.config(CODE, CODE.configTitle(String.join(" and ", ids)), WHY,
                        Findings.evidence(List.of(), ids, facts), fix(ids)));
            }
        }
        return findings;
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
