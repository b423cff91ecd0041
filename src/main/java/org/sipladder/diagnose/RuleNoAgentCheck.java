package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.livekit.CallLimits;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.ConfigView;

/** LK_RULE_NO_AGENT: a dispatch rule creates the room but dispatches no agent, so a named agent never joins. */
final class RuleNoAgentCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_RULE_NO_AGENT;

    private static final String WHY = why("the trunk's ringing timeout");

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            DispatchMatch d = r.outcome().dispatch();
            if (d.kind() == DispatchMatch.Kind.MATCHED && d.agentNames().isEmpty()) {
                // the matched trunk's own ringing_timeout (or a shorter max_call_duration) says when the 486 comes
                CallLimits limits = CallLimits.of(r.outcome().trunk().trunk());
                List<String> facts = new ArrayList<>(List.of("Room " + d.roomName(), "room_config.agents is empty"));
                String timing = RingingTimeout.fact(r.transaction(), limits, true);
                if (timing != null) {
                    facts.add(timing);
                }
                facts.add(r.summary());
                findings.add(Findings.call(r.transaction(), CODE,
                        CODE.title(d.rule().getSipDispatchRuleId()), why(limits.ringingLimit()),
                        Findings.evidence(Findings.frames(r.transaction()), List.of(d.rule().getSipDispatchRuleId()),
                                facts),
                        fix(context, d.rule())));
            }
        }
        if (!context.checksConfig()) {
            return findings;
        }
        // a rule a captured call reached is told about by that call's finding (this one, or LK_RULE_PIN_PROMPT)
        Set<String> takingCalls = context.seen().rulesTakingCalls();
        for (SIPDispatchRuleInfo rule : context.config().rules()) {
            if (ConfigView.agentNames(rule).isEmpty() && !takingCalls.contains(rule.getSipDispatchRuleId()) && reachable(context, rule)) {
                findings.add(Findings.config(CODE, CODE.configTitle(rule.getSipDispatchRuleId()), WHY,
                        Findings.evidence(List.of(), List.of(rule.getSipDispatchRuleId()), List.of(
                                rule.getSipDispatchRuleId() + (rule.getName().isEmpty() ? "" : " \"" + rule.getName() + "\"")
                                        + " trunk ids " + Findings.quoted(rule.getTrunkIdsList()) + ", no room_config.agents")),
                        fix(context, rule)).withSeverity(Severity.WARNING));
            }
        }
        return findings;
    }

    /** Why a rule without agents leaves the caller ringing, until {@code limit} ends it. */
    private static String why(String limit) {
        return "A dispatch rule's room_config.agents tells LiveKit which agent to send into the "
                + "room it creates for the call. An agent worker registered with an agent name only joins rooms that "
                + "dispatch it by that name, so with no agent listed the caller hears ringing (180 every second) until "
                + limit + ", then gets 486 Rejected. This is harmless only if your agent registers "
                + "without a name (automatic dispatch).";
    }

    /** A rule whose trunks are all unknown can take no call; LK_RULE_UNKNOWN_TRUNK already says so. */
    private static boolean reachable(DiagnosisContext context, SIPDispatchRuleInfo rule) {
        return rule.getTrunkIdsCount() == 0 || context.config().trunks().isEmpty()
                || rule.getTrunkIdsList().stream().anyMatch(id -> context.trunk(id).isPresent());
    }

    private static Fix fix(DiagnosisContext context, SIPDispatchRuleInfo rule) {
        String agent = AgentNames.suggestion(context.config());
        String id = rule.getSipDispatchRuleId();
        String file = id + ".json";
        List<String> steps = new ArrayList<>();
        steps.add("Save the JSON below as " + file + " and replace the rule with it: it is the same rule with agent \""
                + agent + "\" added to room_config.agents.");
        if (agent.equals(AgentNames.UNKNOWN)) {
            steps.add("Put in the agent_name your agent worker registers with (WorkerOptions agent_name).");
        } else {
            steps.add("\"" + agent + "\" is the agent another rule of this project dispatches; use the name your worker registers with.");
        }
        return Findings.fix(steps, List.of(LkCommand.replaceRule(id, file)), ConfigJson.rule(context.config(), AgentNames.withAgent(rule, agent)));
    }
}
