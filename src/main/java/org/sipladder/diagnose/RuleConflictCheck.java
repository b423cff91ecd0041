package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.Limits;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.DispatchConflicts;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.PhoneNumbers;

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
                List<String> ids = d.candidateIds().stream().distinct().toList();
                List<String> shown = shown(ids);
                String title = ids.size() == 1 ? "Dispatch rule " + ids.get(0) + " conflicts with itself for this call"
                        : CODE.title(String.join(" and ", shown) + more(ids, shown));
                findings.add(Findings.call(r.transaction(), CODE, title, WHY,
                        Findings.evidence(Findings.frames(r.transaction()), shown, conflictFacts(r)),
                        fix(context.config(), shown)));
            }
        }
        if (context.checksConfig()) {
            findings.addAll(configFindings(context));
        }
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
            findings.add(groupFinding(context.config(), group));
        }
        return findings;
    }

    private static Finding groupFinding(LiveKitConfig config, DispatchConflicts.Group group) {
        // a rule that yields the key twice is in the group twice: it conflicts with itself
        List<String> ids = group.ruleIds().stream().distinct().toList();
        List<SIPDispatchRuleInfo> rules = group.rules().stream().distinct().toList();
        List<String> shown = shown(ids);
        List<String> facts = new ArrayList<>();
        facts.add((ids.size() == 1 ? "It yields twice: " : "They share: ") + group.describe());
        rules.subList(0, shown.size()).forEach(rule -> facts.add(ConfigView.ruleSummary(rule, config)));
        if (ids.size() > shown.size()) {
            facts.add((ids.size() - shown.size()) + " more rules share it");
        }
        if (ids.size() == 1) {
            return Findings.config(CODE, "Dispatch rule " + ids.get(0) + " conflicts with itself (" + group.describe()
                    + "): every call it is listed for gets 503 Try again later", WHY + SELF, Findings.evidence(List.of(),
                    ids, facts), selfFix(config, rules.get(0)));
        }
        String title = ids.size() == 2 ? CODE.configTitle(String.join(" and ", ids))
                : ids.size() + " dispatch rules claim the same calls (" + group.describe() + "): "
                + String.join(", ", shown) + more(ids, shown);
        if (ids.size() < group.ruleIds().size()) {
            facts.add("A rule among them also yields it twice (an entry listed twice, or in two forms that normalize alike)");
        }
        return Findings.config(CODE, title, WHY, Findings.evidence(List.of(), shown, facts), fix(config, shown));
    }

    /** Why a rule conflicts with itself (protocol sip.DispatchRuleValidator keys every rule's entries in one map). */
    private static final String SELF = " LiveKit checks every entry of a rule against the keys seen so far, its own "
            + "included: a rule whose trunk_ids, inbound_numbers or numbers hold one entry twice (or '+4930...' beside "
            + "'4930...', which normalize alike) conflicts with itself. LiveKit refuses to create such a rule today; "
            + "older rules can still have it.";

    /** Removes the rule's repeated entries: trunk ids and inbound numbers by their normalized form, first kept. */
    private static Fix selfFix(LiveKitConfig config, SIPDispatchRuleInfo rule) {
        String id = rule.getSipDispatchRuleId();
        SIPDispatchRuleInfo fixed = rule.toBuilder().clearTrunkIds().addAllTrunkIds(distinctNormalized(rule.getTrunkIdsList()))
                .clearInboundNumbers().addAllInboundNumbers(distinctNormalized(rule.getInboundNumbersList())).build();
        List<String> steps = new ArrayList<>();
        steps.add("Save the JSON below as " + id + ".json and replace the rule with it: the same rule with each trunk "
                + "id and caller listed once (numbers that differ only by '+', spaces or dashes are one entry).");
        List<String> called = config.calledNumbersOf(rule);
        if (distinctNormalized(called).size() < called.size()) {
            steps.add("Also list each called number once in its \"numbers\" field before saving: " + called + ".");
        }
        return Findings.fix(steps, List.of(LkCommand.replaceRule(id, id + ".json"), LkCommand.listRules()),
                ConfigJson.rule(config, fixed));
    }

    private static List<String> distinctNormalized(List<String> values) {
        List<String> kept = new ArrayList<>(values.size());
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (seen.add(PhoneNumbers.normalize(v))) {
                kept.add(v);
            }
        }
        return kept;
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

    /**
     * Deletes one of the rules: the last listed, unless it is the only one that dispatches an agent (then the last
     * without one): deleting it would turn the 503 into ringing with no agent.
     */
    private static Fix fix(LiveKitConfig config, List<String> ids) {
        String drop = ids.get(ids.size() - 1);
        String keep = null;
        boolean anyAgent = ids.stream().anyMatch(id -> dispatchesAgent(config, id));
        if (anyAgent && dispatchesAgent(config, drop)) {
            for (int i = ids.size() - 1; i >= 0; i--) {
                if (!dispatchesAgent(config, ids.get(i))) {
                    keep = drop;
                    drop = ids.get(i);
                    break;
                }
            }
        }
        String which = keep == null ? "the command below deletes " + drop
                : "the command below deletes " + drop + ", which dispatches no agent, and keeps " + keep + ", which does";
        List<String> steps = new ArrayList<>(3);
        steps.add("Keep one rule per trunk (and PIN and caller list): delete the one you do not need (" + which + "),");
        steps.add("or restrict one of them with trunk_ids or inbound_numbers so that each call matches exactly one rule.");
        String spelling = spelledApart(config, ids);
        if (spelling != null) {
            steps.add(spelling);
        }
        return Findings.fix(steps, List.of(LkCommand.deleteRule(drop), LkCommand.listRules()), null);
    }

    /**
     * A sentence when the listed rules hold the same caller or called number in different spellings, or null: LiveKit's
     * conflict check keys the rules by the normalized numbers (protocol sip.ValidateDispatchRulesIter:
     * NormalizeNumber of each inbound number and number), so such entries are one entry to it and respelling one
     * never ends the conflict.
     */
    private static String spelledApart(LiveKitConfig config, List<String> ids) {
        List<String> pairs = new ArrayList<>(2);
        for (int i = 0; i < ids.size() && pairs.size() < 2; i++) {
            for (int j = i + 1; j < ids.size() && pairs.size() < 2; j++) {
                SIPDispatchRuleInfo a = config.rule(ids.get(i));
                SIPDispatchRuleInfo b = config.rule(ids.get(j));
                if (a == null || b == null) {
                    continue;
                }
                addSpellings(pairs, "caller", a, a.getInboundNumbersList(), b, b.getInboundNumbersList());
                addSpellings(pairs, "called number", a, config.calledNumbersOf(a), b, config.calledNumbersOf(b));
            }
        }
        return pairs.isEmpty() ? null : String.join("; ", pairs) + ": LiveKit's conflict check normalizes numbers "
                + "(spaces, dashes and parentheses dropped, '+' added), so these are the same entry to it; writing one "
                + "of them another way does not end the conflict, only a different number, trunk or PIN does.";
    }

    private static void addSpellings(List<String> pairs, String what, SIPDispatchRuleInfo a, List<String> aNumbers,
                                     SIPDispatchRuleInfo b, List<String> bNumbers) {
        for (String x : aNumbers) {
            for (String y : bNumbers) {
                if (!x.equals(y) && PhoneNumbers.normalize(x).equals(PhoneNumbers.normalize(y)) && pairs.size() < 2) {
                    pairs.add("Rule " + a.getSipDispatchRuleId() + "'s " + what + " \"" + x + "\" and rule "
                            + b.getSipDispatchRuleId() + "'s \"" + y + "\" differ only in spelling");
                }
            }
        }
    }

    private static boolean dispatchesAgent(LiveKitConfig config, String ruleId) {
        SIPDispatchRuleInfo rule = config.rule(ruleId);
        return rule != null && !ConfigView.agentNames(rule).isEmpty();
    }
}
