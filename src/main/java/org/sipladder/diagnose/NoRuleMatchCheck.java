package org.sipladder.diagnose;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;
import livekit.LivekitRoom.RoomConfiguration;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitSip.CreateSIPDispatchRuleRequest;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleIndividual;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.DispatchMatch;
import org.sipladder.livekit.ConfigView;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.PhoneNumbers;

/** LK_NO_RULE_MATCH: the trunk matched but no dispatch rule takes the call, so LiveKit never answers it. */
final class NoRuleMatchCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_NO_RULE_MATCH;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        // asked for every call, which rarely has one: a loop, no stream
        List<LiveKitRouting> routings = context.simulatedRoutings();
        List<Finding> found = List.of();
        for (int i = 0; i < routings.size(); i++) {
            LiveKitRouting r = routings.get(i);
            if (r.outcome().dispatch().kind() == DispatchMatch.Kind.NONE) {
                if (found.isEmpty()) {
                    found = new ArrayList<>(1);
                }
                found.add(finding(context, r));
            }
        }
        return found;
    }

    private static Finding finding(DiagnosisContext context, LiveKitRouting r) {
        SIPInboundTrunkInfo trunk = r.outcome().trunk().trunk();
        String trunkId = trunk == null ? null : trunk.getSipTrunkId();
        List<String> facts = new ArrayList<>();
        int trunks = context.config().trunks().size();
        facts.add(trunkId == null ? "No trunk matched (" + (trunks == 0 ? "no trunks configured"
                : trunks == 1 ? "the only trunk does not accept the call"
                : "none of " + trunks + " trunks accepts the call") + "); the open-source server "
                + "goes on without a trunk, so only rules without trunk_ids could apply" : "Matched trunk " + trunkId);
        facts.add(r.outcome().assumption());
        facts.add("Caller (From user) " + r.invite().callingNumber() + ", called (To user) " + r.invite().calledNumber());
        context.config().rules().forEach(rule -> facts.add("Not taken: " + ConfigView.ruleSummary(rule, context.config())));
        // the simulator's sentence per rule it filtered out says which filter (trunk, callers, called number) did it
        for (String step : r.outcome().reasoning()) {
            if (step.startsWith("Rule ") && step.contains(" skipped: ")) {
                facts.add(step);
            }
        }
        facts.add(r.summary());
        List<String> ids = new ArrayList<>();
        if (trunkId != null) {
            ids.add(trunkId);
        }
        context.config().rules().forEach(rule -> ids.add(rule.getSipDispatchRuleId()));
        List<SIPDispatchRuleInfo> stranded = trunkId == null ? List.of() : stranded(context.config(), r.invite());
        SIPDispatchRuleInfo calledAsCaller = trunkId == null || !stranded.isEmpty() ? null
                : calledAsCaller(context.config(), r.invite(), trunkId);
        SIPDispatchRuleInfo respelled = !stranded.isEmpty() || calledAsCaller != null ? null
                : calledSpelledOtherwise(context.config(), r.invite(), trunkId);
        SIPDispatchRuleInfo waiting = trunkId == null && respelled == null
                ? waitingForTrunk(context.config(), r.invite(), null) : null;
        return Findings.call(r.transaction(), CODE,
                // without a trunk only rules without trunk_ids could take it: the title names both misses
                trunkId == null ? "No trunk accepts calls to " + r.invite().calledNumber() + " and no dispatch rule "
                        + "without trunk_ids takes them" : CODE.title("trunk " + trunkId),
                "After choosing the trunk, LiveKit keeps the dispatch rules whose trunk_ids contain it (or that have "
                        + "no trunk_ids), whose inbound_numbers contain the caller (From user) and whose numbers contain "
                        + "the called number (To user), both compared as exact strings without normalization "
                        + "(+4930... and 4930... differ). When none is left, the open-source server 'drops' the call: "
                        + "it sends no final response, so the caller sees 100 and ringing, then nothing until it gives up.",
                Findings.evidence(Findings.frames(r.transaction()), ids, facts),
                !stranded.isEmpty() ? repointFix(stranded, trunkId)
                        : calledAsCaller != null ? callerFilterFix(context.config(), calledAsCaller, r.invite(), trunkId)
                        : respelled != null ? calledSpellingFix(context.config(), respelled, r.invite())
                        : waiting != null ? trunkFirstFix(context, r, waiting)
                        : createFix(context, trunkId));
    }

    /**
     * Frees the rule that only its inbound_numbers keep from the call, because they hold the called number: a
     * new rule beside it would leave the mistake in place and match the same calls.
     */
    private static Fix callerFilterFix(LiveKitConfig config, SIPDispatchRuleInfo rule, InboundInvite invite,
                                       String trunkId) {
        return InboundNumbersLooksLikeDidCheck.fixWithout(config, List.of("Dispatch rule " + ConfigView.label(rule)
                        + " would take this call, but its inbound_numbers " + Findings.quoted(rule.getInboundNumbersList())
                        + " hold the called number " + invite.calledNumber() + ": LiveKit compares inbound_numbers with "
                        + "the caller (From user, here " + invite.callingNumber() + "), so the rule takes only calls "
                        + "from that number."), rule, rule.getInboundNumbersList(), trunkId);
    }

    /**
     * The first rule that applies to the matched trunk and the called number and whose inbound_numbers, every one of
     * them the called number in some spelling, are all that keep the call out: users put their own number there for
     * the called-number filter ({@code numbers}) or the trunk.
     */
    private static SIPDispatchRuleInfo calledAsCaller(LiveKitConfig config, InboundInvite invite, String trunkId) {
        String called = invite.calledNumber();
        for (SIPDispatchRuleInfo rule : config.rules()) {
            List<String> inbound = rule.getInboundNumbersList();
            if (!inbound.isEmpty() && called != null
                    && (rule.getTrunkIdsList().isEmpty() || rule.getTrunkIdsList().contains(trunkId))
                    && !LiveKitConfig.callerAdmitted(rule, invite.callingNumber())
                    && config.calledAdmitted(rule, called)
                    && inbound.stream().allMatch(n -> PhoneNumbers.sameNumber(n, called))) {
                return rule;
            }
        }
        return null;
    }

    /**
     * The first rule LiveKit lists for the call (naming {@code trunkId}, or without trunk_ids) whose caller filter lets
     * it through and whose called-number filter ({@code numbers}) holds the called number only in another spelling: the
     * trunk matched it after normalizing, the rule compares the To user exactly (protocol sip.MatchDispatchRuleIter).
     */
    private static SIPDispatchRuleInfo calledSpelledOtherwise(LiveKitConfig config, InboundInvite invite, String trunkId) {
        String called = invite.calledNumber();
        if (called == null || called.isEmpty()) {
            return null;
        }
        for (SIPDispatchRuleInfo rule : config.rules()) {
            boolean listed = rule.getTrunkIdsList().isEmpty() || trunkId != null && rule.getTrunkIdsList().contains(trunkId);
            if (listed && LiveKitConfig.callerAdmitted(rule, invite.callingNumber()) && !config.calledAdmitted(rule, called)
                    && config.calledNumbersOf(rule).stream().anyMatch(n -> PhoneNumbers.sameNumber(n, called))) {
                return rule;
            }
        }
        return null;
    }

    /**
     * Puts the called number into the rule's numbers as the To header carries it, in place of the other spelling:
     * both spellings in one rule normalize alike, so LiveKit's conflict check would find the rule conflicting with
     * itself and fail every call it lists with 503 (protocol sip.DispatchRuleValidator.Validate).
     */
    private static Fix calledSpellingFix(LiveKitConfig config, SIPDispatchRuleInfo rule, InboundInvite invite) {
        String called = invite.calledNumber();
        List<String> numbers = config.calledNumbersOf(rule);
        List<String> other = numbers.stream().filter(n -> PhoneNumbers.sameNumber(n, called)).toList();
        List<String> respelled = new ArrayList<>();
        for (String n : numbers) {
            if (!other.contains(n)) {
                respelled.add(n);
            } else if (!respelled.contains(called)) {
                respelled.add(called);
            }
        }
        String id = rule.getSipDispatchRuleId();
        List<String> steps = List.of("Dispatch rule " + ConfigView.label(rule) + " would take this call, but its numbers "
                        + Findings.quoted(numbers) + " hold the called number only as " + String.join(", ", other)
                        + ", and LiveKit compares a rule's numbers with the To user (" + called + ") exactly, without "
                        + "normalizing (the trunk matched it after normalizing).",
                "Either have the sender put the number into To as the rule writes it (" + other.get(0) + "), or save "
                        + "the JSON below as " + id + ".json (the rule with " + called + " in place of "
                        + String.join(", ", other) + ") and replace the rule with it. Do not list both spellings: "
                        + "LiveKit normalizes them when it checks rules for conflicts, so the rule would conflict with "
                        + "itself and every call LiveKit checks it for would fail with 503.");
        return Findings.fix(steps, List.of(LkCommand.replaceRule(id, id + ".json")),
                ConfigJson.ruleWithNumbers(config, rule, respelled));
    }

    /**
     * The first rule naming an existing trunk ({@code trunkId}, or any when null) whose caller and called-number
     * filters let the call through: with no trunk matched it is not listed, yet it would take the call once its trunk
     * accepts it. Null when there is none.
     */
    static SIPDispatchRuleInfo waitingForTrunk(LiveKitConfig config, InboundInvite invite, String trunkId) {
        for (SIPDispatchRuleInfo rule : config.rules()) {
            for (String named : rule.getTrunkIdsList()) {
                if ((trunkId == null || trunkId.equals(named)) && config.trunk(named) != null
                        && numbersAdmit(config, rule, invite)) {
                    return rule;
                }
            }
        }
        return null;
    }

    /**
     * Sends the user to the trunk that missed, saying why it did: a rule without trunk_ids would take calls the trunk
     * was to keep out. A trunk that does not list the called number gets the command that adds it; for its other
     * filters the simulator's sentence says which one refused.
     */
    private static Fix trunkFirstFix(DiagnosisContext context, LiveKitRouting r, SIPDispatchRuleInfo rule) {
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        String called = r.invite().calledNumber();
        boolean hasCalled = called != null && !called.isEmpty();
        List<SIPInboundTrunkInfo> listing = hasCalled ? context.config().trunksListing(called) : List.of();
        String label = ConfigView.label(rule);
        for (String id : rule.getTrunkIdsList()) {
            SIPInboundTrunkInfo trunk = context.config().trunk(id);
            if (trunk == null) {
                continue;
            }
            if (hasCalled && trunk.getNumbersCount() > 0 && !listing.contains(trunk)) {
                List<String> numbers = new ArrayList<>(trunk.getNumbersList());
                numbers.add(called);
                steps.add("Trunk " + id + "'s numbers " + Findings.quoted(trunk.getNumbersList()) + " do not include "
                        + "the called number " + called + ": add it, so that the trunk takes the call and dispatch rule "
                        + label + " dispatches it (the flag replaces the whole list: the command repeats the numbers "
                        + "the trunk already has).");
                commands.add(LkCommand.setTrunkNumbers(id, numbers));
            } else {
                String skipped = skippedSentence(r, trunk);
                steps.add("Dispatch rule " + label + " would take this call through trunk " + id + ", which refused it"
                        + (skipped == null ? "" : " (" + skipped + ")") + ": fix that filter of the trunk.");
            }
        }
        steps.add("Do not add a dispatch rule without trunk_ids instead: it would take calls no trunk accepts.");
        commands.add(LkCommand.listTrunks());
        return Findings.fix(steps, commands, null);
    }

    /** The simulator's sentence about why {@code trunk} did not take the call (without its final stop), or null. */
    private static String skippedSentence(LiveKitRouting r, SIPInboundTrunkInfo trunk) {
        String prefix = ConfigView.label(trunk) + " skipped: ";
        for (String step : r.outcome().reasoning()) {
            if (step.startsWith(prefix)) {
                String why = step.substring(prefix.length());
                return why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
            }
        }
        return null;
    }

    private static Fix createFix(DiagnosisContext context, String trunkId) {
        return Findings.fix(List.of("Create a dispatch rule for the trunk: save the JSON below as rule.json and create it "
                        + "(it sends agent \"" + AgentNames.suggestion(context.config()) + "\"; use your worker's agent name).",
                "If an existing rule was meant to match, check its trunk_ids, inbound_numbers (callers, not "
                        + "your own number) and numbers (the called number exactly as the To header carries it)."),
                List.of(LkCommand.createRule("rule.json")), createJson(trunkId, AgentNames.suggestion(context.config())));
    }

    /** Points the first stranded rule at the trunk; two pointed there with the same numbers and PIN would conflict. */
    private static Fix repointFix(List<SIPDispatchRuleInfo> stranded, String trunkId) {
        SIPDispatchRuleInfo rule = stranded.get(0);
        List<String> steps = new ArrayList<>();
        steps.add("Point dispatch rule " + ConfigView.label(rule) + " at trunk " + trunkId + ": its trunk_ids "
                + Findings.quoted(rule.getTrunkIdsList()) + " name no existing inbound trunk (deleted, or from another "
                + "project), so it takes no call, although it would take this one through " + trunkId + ".");
        if (stranded.size() > 1) {
            steps.add("Rules " + String.join(", ", stranded.subList(1, stranded.size()).stream()
                    .map(SIPDispatchRuleInfo::getSipDispatchRuleId).toList()) + " are stranded the same way: point only "
                    + "the one that should take these calls at " + trunkId + " (two rules with the same trunk, numbers "
                    + "and PIN conflict, and LiveKit then fails every such call) and delete the others.");
        }
        return Findings.fix(steps, List.of(LkCommand.setRuleTrunks(rule.getSipDispatchRuleId(), List.of(trunkId))), null);
    }

    /**
     * The rules that name trunks, none of them an existing inbound trunk, and whose caller and called-number filters
     * would let this call through: pointed at the trunk that matched, such a rule would take the call.
     */
    private static List<SIPDispatchRuleInfo> stranded(LiveKitConfig config, InboundInvite invite) {
        List<SIPDispatchRuleInfo> stranded = new ArrayList<>(1);
        for (SIPDispatchRuleInfo rule : config.rules()) {
            if (!rule.getTrunkIdsList().isEmpty() && rule.getTrunkIdsList().stream().allMatch(id -> config.trunk(id) == null)
                    && numbersAdmit(config, rule, invite)) {
                stranded.add(rule);
            }
        }
        return stranded;
    }

    /** True when the rule's caller filter (inbound_numbers) and called-number filter (numbers) let the call through. */
    private static boolean numbersAdmit(LiveKitConfig config, SIPDispatchRuleInfo rule, InboundInvite invite) {
        return LiveKitConfig.callerAdmitted(rule, invite.callingNumber()) && config.calledAdmitted(rule, invite.calledNumber());
    }

    private static String createJson(String trunkId, String agent) {
        SIPDispatchRuleInfo.Builder rule = SIPDispatchRuleInfo.newBuilder().setName("inbound-agent")
                .setRule(SIPDispatchRule.newBuilder().setDispatchRuleIndividual(
                        SIPDispatchRuleIndividual.newBuilder().setRoomPrefix("call-")))
                .setRoomConfig(RoomConfiguration.newBuilder().addAgents(RoomAgentDispatch.newBuilder().setAgentName(agent)));
        if (trunkId != null) {
            rule.addTrunkIds(trunkId);
        }
        try {
            return JsonFormat.printer().print(CreateSIPDispatchRuleRequest.newBuilder().setDispatchRule(rule));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e); // no Any fields here
        }
    }
}
