package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import livekit.LivekitSip.SIPDispatchRule.RuleCase;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/** LiveKit's dispatch rule selection for an accepted call (routing notes, section 4). */
final class DispatchSelector {

    /** LiveKit's error for a rule without a kind: Go's %T of the empty oneof (protocol sip.GetPinAndRoom). */
    static final String NO_KIND_ERROR = "unsupported SIP Dispatch Rule: <nil>";

    private final LiveKitConfig config;

    DispatchSelector(LiveKitConfig config) {
        this.config = config;
    }

    /** Selects the rule for a call that came in on {@code trunk} (null: no trunk); adds sentences to {@code notes}. */
    DispatchMatch select(SIPInboundTrunkInfo trunk, InboundInvite invite, List<String> notes) {
        List<SIPDispatchRuleInfo> listed = listed(trunk, notes);
        DispatchMatch invalid = validate(trunk, invite, listed, notes);
        return invalid != null ? invalid : choose(trunk, invite, listed, rule -> true, notes, true);
    }

    /**
     * LiveKit's second evaluation, once the caller at the PIN prompt pressed '#' after {@code pin} ("" for '#' alone):
     * the listed rules are validated again, then a PIN leaves only the rules with exactly that PIN, '#' alone only the
     * rules without one, and the winner takes the call (protocol sip.MatchDispatchRuleIter, which validates on every
     * evaluation; a wrong PIN never falls back to the open rules).
     */
    DispatchMatch selectAfterPin(SIPInboundTrunkInfo trunk, InboundInvite invite, String pin) {
        List<String> notes = new ArrayList<>();
        List<SIPDispatchRuleInfo> listed = listed(trunk, notes);
        DispatchMatch invalid = validate(trunk, invite, listed, notes);
        return invalid != null ? invalid
                : choose(trunk, invite, listed, rule -> ConfigView.pin(rule).equals(pin), notes, false);
    }

    /**
     * The failure of LiveKit's validation of the listed rules, or null when they pass: it checks them one by one before
     * any filtering (protocol sip.DispatchRuleValidator) and stops at the first that fails, a rule without a kind or
     * the second rule of a conflicting pair.
     */
    private DispatchMatch validate(SIPInboundTrunkInfo trunk, InboundInvite invite, List<SIPDispatchRuleInfo> listed,
                                   List<String> notes) {
        int kindless = firstWithoutKind(listed);
        List<String> pair = DispatchConflicts.firstPair(kindless < 0 ? listed : listed.subList(0, kindless), config);
        if (pair != null) {
            noteBystanders(pair.stream().distinct().toList(), trunk, invite, notes);
            // a rule that collided with itself is named once
            return new DispatchMatch(DispatchMatch.Kind.CONFLICT, null, pair.stream().distinct().toList(), null,
                    List.of(), conflict(config, pair));
        }
        if (kindless >= 0) {
            SIPDispatchRuleInfo rule = listed.get(kindless);
            return new DispatchMatch(DispatchMatch.Kind.NO_RULE_KIND, rule, List.of(rule.getSipDispatchRuleId()), null,
                    List.of(), NO_KIND_ERROR);
        }
        return null;
    }

    /**
     * The best of the {@code listed} rules that pass the number filters and {@code admits}: rules naming the trunk
     * before wildcard ones, then by priority; a PIN rule's win is a prompt when {@code promptForPin}.
     */
    private DispatchMatch choose(SIPInboundTrunkInfo trunk, InboundInvite invite, List<SIPDispatchRuleInfo> listed,
                                 Predicate<SIPDispatchRuleInfo> admits, List<String> notes, boolean promptForPin) {
        List<SIPDispatchRuleInfo> specific = new ArrayList<>();
        List<SIPDispatchRuleInfo> wildcard = new ArrayList<>();
        for (SIPDispatchRuleInfo rule : listed) {
            String why = exclusion(rule, invite);
            if (why != null) {
                notes.add("Rule " + ConfigView.label(rule) + " skipped: " + why + ".");
            } else if (!admits.test(rule)) {
                continue;
            } else if (rule.getTrunkIdsList().isEmpty()) {
                wildcard.add(rule);
            } else if (trunk != null) {
                specific.add(rule);
            }
        }
        List<SIPDispatchRuleInfo> group = specific.isEmpty() ? wildcard : specific;
        if (group.isEmpty()) {
            return new DispatchMatch(DispatchMatch.Kind.NONE, null, List.of(), null, List.of(),
                    noMatchError(trunk, listed, config.rules().size()));
        }
        if (!specific.isEmpty() && !wildcard.isEmpty()) {
            notes.add("Rules for trunk " + trunk.getSipTrunkId() + " beat the wildcard rules "
                    + wildcard.stream().map(SIPDispatchRuleInfo::getSipDispatchRuleId).toList() + ".");
        }
        List<SIPDispatchRuleInfo> ranked = group.stream().sorted(byPriority()).toList();
        SIPDispatchRuleInfo best = ranked.get(0);
        explainRanking(ranked, notes);
        boolean pin = promptForPin && !ConfigView.pin(best).isEmpty();
        return new DispatchMatch(pin ? DispatchMatch.Kind.PIN_PROMPT : DispatchMatch.Kind.MATCHED, best,
                ranked.stream().map(SIPDispatchRuleInfo::getSipDispatchRuleId).toList(),
                RoomNames.of(best, invite, config.noRandomness(best)), ConfigView.agentNames(best), null);
    }

    /**
     * The rules LiveKit lists for the call: those naming the trunk plus wildcard rules, or all rules when there is
     * no trunk (the list request then has no trunk filter).
     */
    private List<SIPDispatchRuleInfo> listed(SIPInboundTrunkInfo trunk, List<String> notes) {
        if (trunk == null) {
            noteUnknownFields(config.rules(), notes);
            return config.rules();
        }
        List<SIPDispatchRuleInfo> listed = new ArrayList<>();
        List<SIPDispatchRuleInfo> others = new ArrayList<>();
        for (SIPDispatchRuleInfo rule : config.rules()) {
            if (rule.getTrunkIdsList().isEmpty() || rule.getTrunkIdsList().contains(trunk.getSipTrunkId())) {
                listed.add(rule);
            } else {
                others.add(rule);
            }
        }
        if (!others.isEmpty() && others.size() <= 5) {
            notes.add("Rules for other trunks are not considered: " + String.join(", ", others.stream()
                    .map(r -> r.getSipDispatchRuleId() + " (trunks " + r.getTrunkIdsList() + ")").toList()) + ".");
        } else if (!others.isEmpty()) {
            notes.add(others.size() + " rules for other trunks are not considered.");
        }
        noteUnknownFields(listed, notes);
        return listed;
    }

    /**
     * A rule read from the API may carry fields newer than the SDK's protobuf type (such as the rule's own
     * {@code numbers}); the simulation cannot apply them and says so.
     */
    private static void noteUnknownFields(List<SIPDispatchRuleInfo> rules, List<String> notes) {
        List<String> ids = rules.stream().filter(r -> !r.getUnknownFields().asMap().isEmpty())
                .map(SIPDispatchRuleInfo::getSipDispatchRuleId).toList();
        if (!ids.isEmpty()) {
            notes.add((ids.size() == 1 ? "Rule " + ids.get(0) + " carries" : "Rules " + String.join(", ", ids) + " carry")
                    + " settings this version of the LiveKit SDK does not know (perhaps "
                    + "a called-number filter); the simulation ignores them, so its rule choice is not certain.");
        }
    }

    private String exclusion(SIPDispatchRuleInfo rule, InboundInvite invite) {
        if (rule.getRule().getRuleCase() == RuleCase.RULE_NOT_SET) {
            // not lacksKind (the evaluation would have failed before): LiveKit knows this kind and may choose it
            return "its rule kind is newer than this version of the LiveKit SDK, so the simulation cannot apply it "
                    + "and its rule choice is not certain";
        }
        if (!LiveKitConfig.callerAdmitted(rule, invite.callingNumber())) {
            List<String> inbound = rule.getInboundNumbersList();
            String hint = inbound.stream().anyMatch(n -> PhoneNumbers.sameNumber(n, invite.calledNumber()))
                    ? " (inbound_numbers holds the called number: it filters callers, not the DID)"
                    : "";
            return "the calling number " + TrunkSelector.quote(invite.callingNumber())
                    + " is not exactly one of its inbound_numbers " + inbound + hint;
        }
        if (!config.calledAdmitted(rule, invite.calledNumber())) {
            return "the called number " + TrunkSelector.quote(invite.calledNumber())
                    + " is not exactly one of its numbers " + config.calledNumbersOf(rule);
        }
        return null;
    }

    /**
     * LiveKit's conflict error for the first two listed rules with the same trunk, PIN and numbers: it names the earlier
     * rule (protocol sip.DispatchRuleValidator.Validate, printID and printName).
     */
    private static String conflict(LiveKitConfig config, List<String> pair) {
        SIPDispatchRuleInfo earlier = config.rule(pair.get(0));
        String name = earlier == null || earlier.getName().isEmpty() ? "<blank name>" : earlier.getName();
        return "Dispatch rule for the same trunk, inbound number, number, and PIN combination already exists in "
                + "dispatch rule " + TrunkSelector.quote(pair.get(0)) + " " + TrunkSelector.quote(name);
    }

    /** The place of the first listed rule that has no kind at all ({@link ConfigView#lacksKind}), or -1. */
    private static int firstWithoutKind(List<SIPDispatchRuleInfo> listed) {
        for (int i = 0; i < listed.size(); i++) {
            if (ConfigView.lacksKind(listed.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Says when neither conflicting rule would have taken this call: the conflict fails it all the same. */
    private void noteBystanders(List<String> pair, SIPInboundTrunkInfo trunk, InboundInvite invite, List<String> notes) {
        List<String> whyNot = new ArrayList<>();
        for (String id : pair) {
            SIPDispatchRuleInfo rule = config.rule(id);
            String why = rule == null ? null : exclusion(rule, invite);
            if (why == null && rule != null && !rule.getTrunkIdsList().isEmpty() && trunk == null) {
                why = "it names trunks and no trunk matched";
            }
            if (why == null) {
                return;
            }
            whyNot.add(id + ": " + why);
        }
        notes.add("Neither conflicting rule would take this call (" + String.join("; ", whyNot) + "), but LiveKit "
                + "checks every listed rule for conflicts before filtering, so the evaluation fails anyway.");
    }

    /**
     * LiveKit's error when no rule takes the call: "No SIP Dispatch Rules defined", as it counts only the rules that
     * pass every filter (protocol sip.MatchDispatchRuleIter), also when the project has rules: the text then says why
     * none counted, lest it read as if the project had none.
     */
    private static String noMatchError(SIPInboundTrunkInfo trunk, List<SIPDispatchRuleInfo> listed, int projectRules) {
        if (projectRules == 0) {
            return "No SIP Dispatch Rules defined";
        }
        String rules = projectRules + (projectRules == 1 ? " rule" : " rules");
        if (listed.isEmpty()) {
            return "LiveKit's error \"No SIP Dispatch Rules defined\", although the project has " + rules + ": none "
                    + (trunk == null ? "is a wildcard rule (no trunk matched)" : "names trunk " + trunk.getSipTrunkId()
                    + " and none is a wildcard rule") + ", and LiveKit counts only those";
        }
        return "LiveKit's error \"No SIP Dispatch Rules defined\", although the project has " + rules + ": none of the "
                + "rules it lists for the call passes its filters (callers, called number, PIN), and LiveKit counts only those";
    }

    /**
     * Lowest priority value first: 0/1/2 for direct/individual/callee with a PIN, 100/101/102 without, +1000
     * without inbound_numbers, +1000 without numbers; ties to the lower room name or prefix.
     */
    int priority(SIPDispatchRuleInfo rule) {
        int base = switch (rule.getRule().getRuleCase()) {
            case DISPATCH_RULE_DIRECT -> 0;
            case DISPATCH_RULE_INDIVIDUAL -> 1;
            case DISPATCH_RULE_CALLEE -> 2;
            case RULE_NOT_SET -> Integer.MAX_VALUE;
        };
        if (base == Integer.MAX_VALUE) {
            return base;
        }
        int priority = ConfigView.pin(rule).isEmpty() ? base + 100 : base;
        if (rule.getInboundNumbersList().isEmpty()) {
            priority += 1000;
        }
        if (config.calledNumbersOf(rule).isEmpty()) {
            priority += 1000;
        }
        return priority;
    }

    private Comparator<SIPDispatchRuleInfo> byPriority() {
        // a full tie goes to the rule LiveKit lists first: the self-hosted server lists rules by ID
        // (livekit pkg/service/redisstore.go, sortPage), whatever order a file has them in
        return Comparator.comparingInt(this::priority).thenComparing(ConfigView::roomOrPrefix)
                .thenComparing(SIPDispatchRuleInfo::getSipDispatchRuleId);
    }

    private void explainRanking(List<SIPDispatchRuleInfo> ranked, List<String> notes) {
        if (ranked.size() < 2) {
            return;
        }
        SIPDispatchRuleInfo first = ranked.get(0);
        SIPDispatchRuleInfo second = ranked.get(1);
        notes.add("Candidate rules by priority: " + ranked.stream()
                .map(r -> r.getSipDispatchRuleId() + " (" + priority(r) + ", room " + TrunkSelector.quote(
                        ConfigView.roomOrPrefix(r)) + ")").toList() + ".");
        if (priority(first) == priority(second)
                && ConfigView.roomOrPrefix(first).equals(ConfigView.roomOrPrefix(second))) {
            notes.add("Rules " + first.getSipDispatchRuleId() + " and " + second.getSipDispatchRuleId()
                    + " tie on priority and room; LiveKit keeps the one it lists first: a self-hosted server lists "
                    + "rules by ID, so " + first.getSipDispatchRuleId() + "; LiveKit Cloud's order is not known.");
        }
    }
}
