package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.Limits;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.RoutingSimulator;

/** LK_RULE_NO_KIND: a dispatch rule without a kind fails LiveKit's evaluation of every call that lists it (503). */
final class RuleNoKindCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_RULE_NO_KIND;

    private static final String WHY = "Before it filters the dispatch rules of a call, LiveKit validates every rule it "
            + "lists (the trunk's rules and the wildcard rules; all rules when no trunk matched), and a rule with no "
            + "kind (direct, individual or callee) fails that validation (protocol sip.GetPinAndRoom: unsupported SIP "
            + "Dispatch Rule). The whole evaluation fails, so any call that lists the rule rings (100 Processing, 180 "
            + "Ringing) and then gets 503 Try again later, even a call the rule would not have taken.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            DispatchMatch d = r.outcome().dispatch();
            if (d.kind() == DispatchMatch.Kind.NO_RULE_KIND) {
                String id = d.rule().getSipDispatchRuleId();
                findings.add(Findings.call(r.transaction(), CODE, CODE.title(id), WHY, Findings.evidence(
                        Findings.frames(r.transaction()), List.of(id), List.of("LiveKit's error: " + d.error(),
                                summary(context, d.rule()), r.summary())), fix(id)));
            }
        }
        if (context.checksConfig()) {
            for (SIPDispatchRuleInfo rule : context.config().rules()) {
                if (ConfigView.lacksKind(rule) && findings.size() < Limits.FINDINGS_PER_CODE) {
                    String id = rule.getSipDispatchRuleId();
                    findings.add(Findings.config(CODE, CODE.configTitle(id), WHY, Findings.evidence(List.of(),
                            List.of(id), List.of(summary(context, rule))), fix(id)));
                }
            }
        }
        return findings;
    }

    private static Fix fix(String id) {
        return Findings.fix(List.of("Rule " + id + " " + RoutingSimulator.NO_KIND + ".",
                        RoutingSimulator.NO_KIND_REMEDY),
                List.of(LkCommand.listRules(), LkCommand.deleteRule(id)), null);
    }

    private static String summary(DiagnosisContext context, SIPDispatchRuleInfo rule) {
        return ConfigView.ruleSummary(rule, context.config());
    }
}
