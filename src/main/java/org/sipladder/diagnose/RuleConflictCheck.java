package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.Limits;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.ConfigView;

/** LK_RULE_CONFLICT: two dispatch rules claim the same calls, so LiveKit cannot choose and answers 503. */
final class RuleConflictCheck implements FindingRule {

    static final String CODE = "LK_RULE_CONFLICT";
    private static final String KEY_SEPARATOR = "\u0000";

    private static final String WHY = "LiveKit groups dispatch rules by trunk, PIN, normalized inbound number and "
            + "number. Two rules in the same group are a conflict: the call rings (100 Processing, 180 Ringing) "
            + "and then fails with 503 Try again later when LiveKit evaluates the rules.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            DispatchMatch d = r.outcome().dispatch();
            if (d.kind() == DispatchMatch.Kind.CONFLICT) {
                List<String> ids = d.candidateIds();
                List<String> shown = ids.subList(0, Math.min(ids.size(), Limits.IDS_PER_FINDING));
                String more = ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "";
                findings.add(Findings.call(r.transaction(), CODE, Severity.ERROR,
                        "Dispatch rules " + String.join(" and ", shown) + more + " conflict for this call", WHY,
                        Findings.evidence(Findings.frames(r.transaction()), shown,
                                List.of("LiveKit's error: " + d.error(), r.summary())),
                        fix(shown)));
            }
        }
        findings.addAll(configFindings(context.config().rules()));
        return findings;
    }

    /**
     * The config's conflicting rules, one finding per group of rules that share a key (trunk or none, caller
     * number or none, PIN): a thousand rules on one key are one finding that counts them, not half a million
     * pairs. At most {@link Limits#FINDINGS_PER_CODE} groups are listed; one more finding counts the rest.
     */
    static List<Finding> configFindings(List<SIPDispatchRuleInfo> rules) {
        Map<String, List<SIPDispatchRuleInfo>> byKey = new LinkedHashMap<>();
        for (SIPDispatchRuleInfo rule : rules) {
            for (String key : keys(rule)) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(rule);
            }
        }
        // several keys may hold the same rules (two rules on the same two trunks): one finding for them
        Map<List<String>, String> groups = new LinkedHashMap<>();
        byKey.forEach((key, group) -> {
            if (group.size() > 1) {
                groups.putIfAbsent(group.stream().map(SIPDispatchRuleInfo::getSipDispatchRuleId).toList(), key);
            }
        });
        List<Finding> findings = new ArrayList<>();
        Map<String, SIPDispatchRuleInfo> byId = new LinkedHashMap<>();
        rules.forEach(r -> byId.putIfAbsent(r.getSipDispatchRuleId(), r));
        for (Map.Entry<List<String>, String> group : groups.entrySet()) {
            if (findings.size() == Limits.FINDINGS_PER_CODE) {
                int rest = groups.size() - findings.size();
                findings.add(Findings.config(CODE, Severity.ERROR, rest + " more groups of dispatch rules claim the "
                                + "same calls (not listed: at most " + Limits.FINDINGS_PER_CODE + " are)", WHY,
                        Findings.evidence(List.of(), List.of(), List.of(rest + " groups not listed")),
                        Findings.fix(List.of("Fix the groups listed above, then run the diagnosis again to see the "
                                + "rest."), List.of(LkCommand.listRules()), null)));
                break;
            }
            findings.add(groupFinding(group.getKey(), group.getValue(), byId));
        }
        return findings;
    }

    private static Finding groupFinding(List<String> ids, String key, Map<String, SIPDispatchRuleInfo> byId) {
        List<String> shown = ids.subList(0, Math.min(ids.size(), Limits.IDS_PER_FINDING));
        String title = ids.size() == 2 ? "Dispatch rules " + String.join(" and ", ids) + " claim the same calls"
                : ids.size() + " dispatch rules claim the same calls (" + describe(key) + "): "
                + String.join(", ", shown) + (ids.size() > shown.size() ? " and " + (ids.size() - shown.size())
                + " more" : "");
        List<String> facts = new ArrayList<>();
        shown.forEach(id -> facts.add(ConfigView.ruleSummary(byId.get(id))));
        if (ids.size() > shown.size()) {
            facts.add("and " + (ids.size() - shown.size()) + " more rules on the same key");
        }
        return Findings.config(CODE, Severity.ERROR, title, WHY, Findings.evidence(List.of(), shown, facts), fix(shown));
    }

    /** The keys LiveKit groups a rule under: each trunk (or none) with each normalized caller (or none), and PIN. */
    private static List<String> keys(SIPDispatchRuleInfo rule) {
        List<String> trunks = rule.getTrunkIdsCount() == 0 ? List.of("") : rule.getTrunkIdsList();
        List<String> callers = rule.getInboundNumbersCount() == 0 ? List.of("")
                : rule.getInboundNumbersList().stream().map(PhoneNumbers::normalize).distinct().toList();
        String pin = ConfigView.pin(rule);
        List<String> keys = new ArrayList<>(trunks.size() * callers.size());
        for (String trunk : new LinkedHashSet<>(trunks)) {
            for (String caller : callers) {
                keys.add(trunk + KEY_SEPARATOR + caller + KEY_SEPARATOR + pin);
            }
        }
        return keys;
    }

    private static String describe(String key) {
        String[] parts = key.split(KEY_SEPARATOR, -1);
        return (parts[0].isEmpty() ? "any trunk" : "trunk " + parts[0]) + ", "
                + (parts[1].isEmpty() ? "any caller" : "caller " + parts[1]) + ", "
                + (parts[2].isEmpty() ? "no PIN" : "the same PIN");
    }

    static boolean conflict(SIPDispatchRuleInfo a, SIPDispatchRuleInfo b) {
        boolean sameTrunks = a.getTrunkIdsCount() == 0 && b.getTrunkIdsCount() == 0
                || a.getTrunkIdsList().stream().anyMatch(b.getTrunkIdsList()::contains);
        boolean sameCallers = a.getInboundNumbersCount() == 0 && b.getInboundNumbersCount() == 0
                || a.getInboundNumbersList().stream().anyMatch(x -> b.getInboundNumbersList().stream()
                        .anyMatch(y -> PhoneNumbers.normalize(x).equals(PhoneNumbers.normalize(y))));
        return sameTrunks && sameCallers && ConfigView.pin(a).equals(ConfigView.pin(b));
    }

    private static Fix fix(List<String> ids) {
        return Findings.fix(List.of("Keep one rule per trunk (and PIN and caller list): delete the one you do not "
                        + "need (the command below deletes " + ids.get(ids.size() - 1) + "),",
                "or restrict one of them with trunk_ids or inbound_numbers so that each call matches exactly one rule."),
                List.of(LkCommand.deleteRule(ids.get(ids.size() - 1)), LkCommand.listRules()), null);
    }
}
