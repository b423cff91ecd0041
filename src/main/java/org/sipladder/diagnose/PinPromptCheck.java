package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRule;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.LiveKitResponses;

/**
 * LK_RULE_PIN_PROMPT: a PIN-protected dispatch rule won the call, so LiveKit answered at once to play a PIN prompt;
 * no room or agent exists until the caller enters the PIN.
 */
final class PinPromptCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_RULE_PIN_PROMPT;

    private static final String WHY = "PIN-protected and open dispatch rules compete by priority (lower wins: 0/1/2 "
            + "for direct/individual/callee rules with a PIN, 100/101/102 without, +1000 without inbound_numbers, "
            + "+1000 without numbers; rules naming the trunk beat wildcard rules). When a PIN rule wins, LiveKit "
            + "answers the call (200 OK) and asks for the PIN before any room or agent exists: an agent that never "
            + "joins is then the PIN prompt waiting, not a missing agent. A caller who sends # with no digits goes to "
            + "the open rules; a wrong PIN matches nothing. LiveKit reads the PIN as RFC 4733 digits up to the first #, "
            + "with no timeout and one attempt: a PIN that matches no rule (or over 16 digits) gets a wrong-PIN "
            + "message and LiveKit's BYE.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            DispatchMatch d = r.outcome().dispatch();
            // a PIN rule whose call requires SRTP the offer lacks never prompts: LiveKit refuses the offer first
            if (d.kind() != DispatchMatch.Kind.PIN_PROMPT
                    || r.outcome().expectedResponses().equals(LiveKitResponses.MEDIA_REJECTED.responses())) {
                continue;
            }
            String id = d.rule().getSipDispatchRuleId();
            List<String> facts = new ArrayList<>();
            facts.add("Winning rule " + ConfigView.ruleSummary(d.rule(), context.config()));
            facts.add("Candidates by priority: " + d.candidateIds());
            facts.add(r.summary());
            List<String> steps = new ArrayList<>(3);
            List<Long> frames = new ArrayList<>(Findings.frames(r.transaction()));
            LiveKitDtmf dtmf = LiveKitDtmf.of(context, r.transaction().flow());
            PinAttempt attempt = dtmf != null && dtmf.negotiated() ? PinAttempt.of(context, r, dtmf) : null;
            if (attempt != null) {
                facts.addAll(attempt.facts());
                frames.addAll(attempt.frames());
                if (attempt.step() != null) {
                    steps.add(attempt.step());
                }
            } else if (dtmf != null) {
                facts.add("No DTMF can reach LiveKit on this call: " + dtmf.gap() + ". The caller can never enter "
                        + "the PIN, so the call stays at the PIN prompt until someone hangs up.");
                steps.add("If the PIN is wanted, let DTMF reach LiveKit: offer a=rtpmap:<pt> telephone-event/8000 "
                        + "in the INVITE to LiveKit (in Jambonz, set the carrier's DTMF type to RFC 2833/4733).");
            }
            boolean openRule = context.config().rules().stream().anyMatch(rule -> ConfigView.pin(rule).isEmpty()
                    && rule.getRule().getRuleCase() != SIPDispatchRule.RuleCase.RULE_NOT_SET);
            steps.add("If callers should reach the agent directly, remove the PIN from rule " + id + (openRule
                    ? " or give the open rule a higher priority (restrict it with numbers or inbound_numbers, or name "
                    + "the trunk in its trunk_ids)." : " (the project has no rule without a PIN to take them instead)."));
            steps.add("If the PIN is wanted, the caller must enter it (DTMF) before an agent joins.");
            Finding finding = Findings.call(r.transaction(), CODE, CODE.title(id), WHY,
                    Findings.evidence(frames, d.candidateIds(), facts),
                    Findings.fix(steps, List.of(LkCommand.listRules()), null));
            findings.add(attempt == null ? finding : finding.withSeverity(attempt.severity()));
        }
        return findings;
    }

    /** The PIN rule that won the call {@code flow}, as a simulated routing saw it, or null when none did. */
    static String winningPinRule(DiagnosisContext context, CallFlow flow) {
        for (LiveKitRouting r : context.simulatedRoutings()) {
            DispatchMatch d = r.outcome().dispatch();
            if (d.kind() == DispatchMatch.Kind.PIN_PROMPT && r.flowId().equals(flow.id())) {
                return d.rule().getSipDispatchRuleId();
            }
        }
        return null;
    }
}
