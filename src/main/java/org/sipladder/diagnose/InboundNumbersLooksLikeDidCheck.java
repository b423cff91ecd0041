package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.LiveKitConfig;

/** LK_INBOUND_NUMBERS_LOOKS_LIKE_DID: a rule's inbound_numbers holds a trunk's own number, not a caller's. */
final class InboundNumbersLooksLikeDidCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_INBOUND_NUMBERS_LOOKS_LIKE_DID;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        if (!context.checksConfig()) {
            return findings;
        }
        for (SIPDispatchRuleInfo rule : context.config().rules()) {
            for (String number : rule.getInboundNumbersList()) {
                List<SIPInboundTrunkInfo> listing = context.config().trunksListing(number);
                if (!listing.isEmpty()) {
                    findings.add(finding(context.config(), rule, number, listing.get(0)));
                }
            }
        }
        return findings;
    }

    private static Finding finding(LiveKitConfig config, SIPDispatchRuleInfo rule, String number,
                                   SIPInboundTrunkInfo trunk) {
        String id = rule.getSipDispatchRuleId();
        return Findings.config(CODE,
                CODE.configTitle(id, number),
                "A dispatch rule's inbound_numbers are compared with the caller's number (From user), as exact "
                        + "strings. " + number + " is the number trunk " + trunk.getSipTrunkId() + " receives calls on, "
                        + "so the rule only matches when someone calls from that very number: in practice never. To "
                        + "route by the called number, use the trunk (trunk_ids) instead.",
                Findings.evidence(List.of(), List.of(id, trunk.getSipTrunkId()), List.of(
                        ConfigView.ruleSummary(rule, config),
                        trunk.getSipTrunkId() + " numbers " + Findings.quoted(trunk.getNumbersList()))),
                fixWithout(config, List.of(), rule, List.of(number), trunk.getSipTrunkId()));
    }

    /**
     * The steps, command and JSON that replace {@code rule} by the same rule without {@code numbers} in its
     * inbound_numbers and limited to trunk {@code trunkId}, after the {@code before} steps.
     */
    static Fix fixWithout(LiveKitConfig config, List<String> before, SIPDispatchRuleInfo rule, List<String> numbers,
                          String trunkId) {
        String id = rule.getSipDispatchRuleId();
        SIPDispatchRuleInfo.Builder fixed = rule.toBuilder().clearInboundNumbers()
                .addAllInboundNumbers(rule.getInboundNumbersList().stream().filter(n -> !numbers.contains(n)).toList());
        if (!rule.getTrunkIdsList().contains(trunkId)) {
            fixed.addTrunkIds(trunkId);
        }
        List<String> steps = new ArrayList<>(before);
        steps.add("Save the JSON below as " + id + ".json (the rule without " + String.join(", ", numbers)
                + " in inbound_numbers, limited to trunk " + trunkId + ") and replace the rule with it.");
        return Findings.fix(steps, List.of(LkCommand.replaceRule(id, id + ".json")), ConfigJson.rule(config, fixed.build()));
    }
}
