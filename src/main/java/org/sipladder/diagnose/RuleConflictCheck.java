package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.ConfigView;

/** LK_RULE_CONFLICT: two dispatch rules claim the same calls, so LiveKit cannot choose and answers 503. */
final class RuleConflictCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_RULE_CONFLICT;

    private static final String WHY = "LiveKit groups dispatch rules by trunk, PIN, normalized inbound number and "
            + "number. Two rules in the same group are a conflict: the call rings (100 Processing, 180 Ringing) "
            + "and then fails with 503 Try again later when LiveKit evaluates the rules.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            DispatchMatch d = r.outcome().dispatch();
            if (d.kind() == DispatchMatch.Kind.CONFLICT) {
                findings.add(Findings.call(r.transaction(), CODE,
                        CODE.title(String.join(" and ", d.candidateIds())), WHY,
                        Findings.evidence(Findings.frames(r.transaction()), d.candidateIds(),
                                List.of("LiveKit's error: " + d.error(), r.summary())),
                        fix(d.candidateIds())));
            }
        }
        List<SIPDispatchRuleInfo> rules = context.config().rules();
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                if (conflict(rules.get(i), rules.get(j))) {
                    List<String> ids = List.of(rules.get(i).getSipDispatchRuleId(), rules.get(j).getSipDispatchRuleId());
                    findings.add(Findings.config(CODE, CODE.configTitle(String.join(" and ", ids)), WHY,
                            Findings.evidence(List.of(), ids, List.of(ConfigView.ruleSummary(rules.get(i)),
                                    ConfigView.ruleSummary(rules.get(j)))),
                            fix(ids)));
                }
            }
        }
        return findings;
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
