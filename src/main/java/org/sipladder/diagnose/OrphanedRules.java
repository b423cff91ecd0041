package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import org.sipladder.livekit.DispatchConflicts;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.RoutingSimulator;

/**
 * What becomes of the dispatch rules that name trunks a fix deletes: LiveKit deletes a trunk without touching its
 * rules, so a rule naming only deleted trunks would never match again (LK_RULE_UNKNOWN_TRUNK). Such a rule is pointed
 * at the kept trunk when that neither conflicts with the kept trunk's rules (same trunk, PIN, caller and called
 * number: LiveKit's conflict check, which its update does not run against the rule's new trunk) nor takes the call
 * from the rule that would take it, unless that rule dispatches no agent and this one does; else it is deleted. A
 * rule that also names other trunks only loses the deleted ones.
 *
 * @param steps    one sentence per rule, for people
 * @param commands the lk commands, to run after the deletes
 */
record OrphanedRules(List<String> steps, List<String> commands) {

    /**
     * The follow-ups for deleting {@code deleted} from {@code config} and keeping {@code keptId} (null: none),
     * weighed for {@code call}, a call the kept trunk takes.
     */
    static OrphanedRules of(LiveKitConfig config, List<String> deleted, String keptId, InboundInvite call) {
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        LiveKitConfig after = config.withTrunks(config.trunks().stream()
                .filter(t -> !deleted.contains(t.getSipTrunkId())).toList());
        for (SIPDispatchRuleInfo rule : config.rules()) {
            List<String> named = rule.getTrunkIdsList();
            if (named.stream().noneMatch(deleted::contains)) {
                continue;
            }
            String id = rule.getSipDispatchRuleId();
            List<String> rest = named.stream().filter(t -> !deleted.contains(t)).toList();
            if (!rest.isEmpty()) {
                commands.add(LkCommand.setRuleTrunks(id, rest));
                steps.add("Take the deleted trunk off dispatch rule " + id + ", which keeps " + String.join(", ", rest) + ".");
                after = replaced(after, rule.toBuilder().clearTrunkIds().addAllTrunkIds(rest).build());
                continue;
            }
            SIPDispatchRuleInfo moved = keptId == null ? null
                    : rule.toBuilder().clearTrunkIds().addTrunkIds(keptId).build();
            String why = moved == null ? null : refusedMove(after, rule, moved, call);
            if (moved != null && why == null) {
                commands.add(LkCommand.setRuleTrunks(id, List.of(keptId)));
                steps.add("Point dispatch rule " + id + ", which named only the deleted trunk, at " + keptId + ".");
                after = replaced(after, moved);
            } else {
                commands.add(LkCommand.deleteRule(id));
                steps.add("Delete dispatch rule " + id + ": it named only the deleted trunk"
                        + (why == null ? "." : ", and on " + keptId + " it " + why + "."));
                after = after.withRules(after.rules().stream()
                        .filter(r -> !r.getSipDispatchRuleId().equals(id)).toList());
            }
        }
        return new OrphanedRules(List.copyOf(steps), List.copyOf(commands));
    }

    /** Why {@code moved} must not replace {@code rule} in {@code config}, or null when it may. */
    private static String refusedMove(LiveKitConfig config, SIPDispatchRuleInfo rule, SIPDispatchRuleInfo moved,
                                      InboundInvite call) {
        LiveKitConfig with = replaced(config, moved);
        String id = rule.getSipDispatchRuleId();
        for (DispatchConflicts.Group group : DispatchConflicts.groups(with.rules(), with)) {
            List<String> ids = group.ruleIds();
            if (ids.contains(id)) {
                String other = ids.stream().filter(r -> !r.equals(id)).findFirst().orElse(id);
                return "would conflict with " + other + " (" + group.describe() + ")";
            }
        }
        LiveKitConfig without = config.withRules(config.rules().stream()
                .filter(r -> !r.getSipDispatchRuleId().equals(id)).toList());
        DispatchMatch before = new RoutingSimulator(without).simulate(call).dispatch();
        DispatchMatch now = new RoutingSimulator(with).simulate(call).dispatch();
        boolean stole = now.rule() != null && now.rule().getSipDispatchRuleId().equals(id);
        if (!stole || before.rule() == null) {
            return null;
        }
        boolean beforeAgent = before.kind() == DispatchMatch.Kind.MATCHED && !before.agentNames().isEmpty();
        boolean nowAgent = now.kind() == DispatchMatch.Kind.MATCHED && !now.agentNames().isEmpty();
        return beforeAgent || !nowAgent ? "would take its calls from " + before.rule().getSipDispatchRuleId() : null;
    }

    private static LiveKitConfig replaced(LiveKitConfig config, SIPDispatchRuleInfo rule) {
        return config.withRules(config.rules().stream().map(r -> r.getSipDispatchRuleId()
                .equals(rule.getSipDispatchRuleId()) ? rule : r).toList());
    }
}
