package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.Limits;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.TrunkMatch;
import org.sipladder.livekit.ConfigView;

/** LK_TRUNK_CONFLICT: two or more inbound trunks claim the same number, so LiveKit refuses the call with 503. */
final class TrunkConflictCheck implements FindingRule {

    /** {@link #keptTrunks}, worked out once per config. */
    private static final PerConfig<Set<String>> KEPT = new PerConfig<>(TrunkConflictCheck::workOutKeptTrunks);

    /** {@link #conflictGroups}, worked out once per config: every call's findings ask for them. */
    private static final PerConfig<Map<List<String>, List<String>>> GROUPS =
            new PerConfig<>(TrunkConflictCheck::workOutConflictGroups);

    static final FindingCode CODE = FindingCode.LK_TRUNK_CONFLICT;

    private static final String WHY = "LiveKit looks for the inbound trunk whose numbers contain the called number "
            + "(the To header user, compared exactly and after normalizing to +digits) and whose allowed_addresses "
            + "and allowed_numbers let the call in. When two or more trunks match, it stops with the error "
            + "'Multiple SIP Trunks matched' and answers 100 Processing, then 503 Try again later, before any "
            + "authentication or dispatch rule is looked at. LiveKit refuses to create a second trunk for a number "
            + "unless allowed_numbers set them apart, yet such conflicts remain: trunks made before it compared "
            + "numbers in their normalized form (with and without '+'), and trunks set apart only in part (one open "
            + "to every caller) still both take some calls.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting routing : context.simulatedRoutings()) {
            TrunkMatch match = routing.outcome().trunk();
            if (match.kind() == TrunkMatch.Kind.CONFLICT) {
                findings.add(callFinding(context, routing, match));
            }
        }
        if (!context.checksConfig()) {
            return findings;
        }
        conflictGroups(context.config()).forEach((ids, numbers) -> findings.add(configFinding(context, ids, numbers)));
        return findings;
    }

    private Finding callFinding(DiagnosisContext context, LiveKitRouting routing, TrunkMatch match) {
        List<String> ids = match.candidateIds();
        List<String> shown = ids.subList(0, Math.min(ids.size(), Limits.IDS_PER_FINDING));
        List<SIPInboundTrunkInfo> trunks = shown.stream().map(id -> context.trunk(id).orElseThrow()).toList();
        String called = routing.invite().calledNumber();
        List<String> facts = new ArrayList<>();
        facts.add("To user " + called + " (LiveKit matches on To, not on the Request-URI)");
        trunks.forEach(t -> facts.add(ConfigView.trunkSummary(t, context.config().media().ofTrunk(t))));
        String more = ids.size() > shown.size() ? " and " + (ids.size() - shown.size()) + " more" : "";
        if (!more.isEmpty()) {
            facts.add(more.substring(1) + " trunks with the same number");
        }
        facts.add("LiveKit's error: " + match.error());
        facts.add(routing.summary());
        return Findings.call(routing.transaction(), CODE, CODE.title(String.join(" and ", shown) + more, called), WHY,
                Findings.evidence(Findings.frames(routing.transaction()), shown, facts),
                fix(context.config(), trunks, routing.invite(), called));
    }

    /**
     * One finding per group of trunks sharing numbers; a large group names its first {@link Limits#IDS_PER_FINDING}
     * trunks and counts the others, and its fix weighs only those, so 2,000 trunks on one number stay one short
     * finding.
     */
    private Finding configFinding(DiagnosisContext context, List<String> ids, List<String> numbers) {
        List<String> shown = ids.subList(0, Math.min(ids.size(), Limits.IDS_PER_FINDING));
        List<SIPInboundTrunkInfo> trunks = shown.stream().map(id -> context.trunk(id).orElseThrow()).toList();
        List<String> facts = new ArrayList<>();
        trunks.forEach(t -> facts.add(ConfigView.trunkSummary(t, context.config().media().ofTrunk(t))));
        int more = ids.size() - shown.size();
        if (more > 0) {
            facts.add("and " + more + " more trunks with the same number");
        }
        List<String> shownNumbers = numbers.subList(0, Math.min(numbers.size(), Limits.IDS_PER_FINDING));
        facts.add("Shared number" + (numbers.size() > 1 ? "s" : "") + " after normalization: "
                + String.join(", ", shownNumbers) + (numbers.size() > shownNumbers.size() ? " and "
                + (numbers.size() - shownNumbers.size()) + " more" : ""));
        String number = numbers.get(0);
        InboundInvite probe = probe(number);
        String claimed = String.join(", ", shownNumbers) + (numbers.size() > shownNumbers.size() ? " and "
                + (numbers.size() - shownNumbers.size()) + " more numbers" : "");
        // a trunk with address or caller filters meets the others only on the calls it lets in
        List<String> filtered = new ArrayList<>();
        for (SIPInboundTrunkInfo t : trunks) {
            if (t.getAllowedAddressesCount() > 0 || t.getAllowedNumbersCount() > 0) {
                filtered.add(t.getSipTrunkId());
            }
        }
        if (!filtered.isEmpty()) {
            facts.add("Only calls that every one of them lets in match more than one trunk: " + String.join(", ", filtered)
                    + (filtered.size() == 1 ? " takes" : " take") + " only some callers or addresses (allowed_numbers, "
                    + "allowed_addresses); other calls reach the trunk that lets them in");
        }
        String who = filtered.isEmpty() ? "every call to it gets" : "calls to it that both let in get";
        String title = ids.size() == 2 ? (filtered.isEmpty() ? CODE.configTitle(String.join(" and ", ids), claimed)
                : "Trunks " + String.join(" and ", ids) + " both claim " + claimed + ": " + who + " 503 Try again later")
                : ids.size() + " trunks claim " + claimed + ": " + (filtered.isEmpty() ? who : "calls to it that more "
                + "than one lets in get") + " 503 Try again later (" + String.join(", ", shown)
                + (more > 0 ? " and " + more + " more" : "") + ")";
        Fix fix = fix(context.config(), trunks, probe, number);
        if (more > 0) {
            List<String> steps = new ArrayList<>(fix.steps());
            steps.add(0, more + " more trunks also list " + number + ": take it off each of them too ('lk sip inbound "
                    + "list' shows them); the steps below weigh the first " + shown.size() + ".");
            fix = Findings.fix(steps, fix.commands(), fix.json());
        }
        return Findings.config(CODE, title, WHY, Findings.evidence(List.of(), shown, facts), fix);
    }

    private static Fix fix(LiveKitConfig config, List<SIPInboundTrunkInfo> trunks, InboundInvite invite, String number) {
        List<TrunkChoice> choices = TrunkChoice.rank(config, trunks, invite);
        TrunkChoice best = choices.get(0);
        List<String> steps = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        steps.add("Keep one trunk for " + number + ": keep " + best.kept().getSipTrunkId() + " and take the number off "
                + String.join(", ", best.dropped().stream().map(SIPInboundTrunkInfo::getSipTrunkId).toList()) + ". "
                + best.consequence());
        best.dropped().forEach(t -> commands.add(removeNumber(t, number)));
        OrphanedRules orphans = orphans(config, best, number, invite);
        steps.addAll(orphans.steps());
        commands.addAll(orphans.commands());
        if (best.narrows()) {
            steps.add("Mind that " + best.kept().getSipTrunkId() + " lets in fewer callers or addresses (allowed_numbers, "
                    + "allowed_addresses) than the trunk" + (best.dropped().size() == 1 ? "" : "s") + " losing the number: "
                    + "calls to " + number + " that only " + (best.dropped().size() == 1 ? "it lets" : "they let")
                    + " in will then find no trunk. Add those callers or addresses to " + best.kept().getSipTrunkId()
                    + " first if they should keep reaching an agent.");
        }
        if (best.needsAuth()) {
            steps.add("Make the sender authenticate: in Jambonz, set outbound authentication on the carrier that "
                    + "points to LiveKit to user \"" + best.kept().getAuthUsername()
                    + "\" and the trunk's password (it is set in LiveKit; not shown here).");
        }
        if (best.outcome().dispatch().rule() != null && !best.dispatchesAgent()) {
            steps.add("Also add the agent to dispatch rule " + best.outcome().dispatch().rule().getSipDispatchRuleId()
                    + " (see LK_RULE_NO_AGENT).");
        }
        for (TrunkChoice other : choices.subList(1, choices.size())) {
            List<String> theirs = new ArrayList<>(other.dropped().stream().map(t -> removeNumber(t, number)).toList());
            theirs.addAll(orphans(config, other, number, invite).commands());
            steps.add("Alternative: keep " + other.kept().getSipTrunkId() + " instead ("
                    + String.join("; ", theirs) + "). "
                    + other.consequence() + (other.dispatchesAgent() || other.outcome().dispatch().rule() == null ? ""
                    : " Then also add the agent to " + other.outcome().dispatch().rule().getSipDispatchRuleId()
                    + " (see LK_RULE_NO_AGENT)."));
        }
        steps.add("Check that exactly one inbound trunk lists " + number + " in any form.");
        commands.add(LkCommand.listTrunks());
        return Findings.fix(steps, commands, null);
    }

    /** A call to {@code number} from no particular caller or address: what the config findings weigh their fix for. */
    private static InboundInvite probe(String number) {
        return new InboundInvite("what-if", number, "", "", "", null, number);
    }

    /**
     * The trunks the config findings' fixes keep, one per group of conflicting trunks (its first
     * {@link Limits#IDS_PER_FINDING} weighed, as there): another fix that changes a trunk of the group should change
     * this one, as the others lose the number or are deleted.
     */
    static Set<String> keptTrunks(LiveKitConfig config) {
        return KEPT.of(config);
    }

    private static Set<String> workOutKeptTrunks(LiveKitConfig config) {
        Set<String> kept = new HashSet<>();
        conflictGroups(config).forEach((ids, numbers) -> {
            List<SIPInboundTrunkInfo> trunks = ids.subList(0, Math.min(ids.size(), Limits.IDS_PER_FINDING)).stream()
                    .map(config::trunk).toList();
            kept.add(TrunkChoice.rank(config, trunks, probe(numbers.get(0))).get(0).kept().getSipTrunkId());
        });
        return Set.copyOf(kept);
    }

    /** What becomes of the rules of the trunks {@code choice} deletes (those left with no number). */
    private static OrphanedRules orphans(LiveKitConfig config, TrunkChoice choice, String number, InboundInvite invite) {
        List<String> deleted = choice.dropped().stream().filter(t -> t.getNumbersList().stream()
                .allMatch(n -> PhoneNumbers.sameNumber(n, number))).map(SIPInboundTrunkInfo::getSipTrunkId).toList();
        return OrphanedRules.of(config, deleted, choice.kept().getSipTrunkId(), invite);
    }

    /** Deletes a trunk that has no other number, else rewrites its number list without the conflicting one. */
    private static String removeNumber(SIPInboundTrunkInfo trunk, String number) {
        List<String> rest = trunk.getNumbersList().stream().filter(n -> !PhoneNumbers.sameNumber(n, number)).toList();
        return rest.isEmpty() ? LkCommand.deleteTrunk(trunk.getSipTrunkId()) : LkCommand.setTrunkNumbers(trunk.getSipTrunkId(), rest);
    }

    /** Sets of trunk ids whose numbers normalize equal and whose filters overlap, with the shared numbers. */
    static Map<List<String>, List<String>> conflictGroups(LiveKitConfig config) {
        return GROUPS.of(config);
    }

    private static Map<List<String>, List<String>> workOutConflictGroups(LiveKitConfig config) {
        Map<String, List<SIPInboundTrunkInfo>> byNumber = new LinkedHashMap<>();
        for (SIPInboundTrunkInfo t : config.trunks()) {
            for (String n : new TreeSet<>(t.getNumbersList().stream().map(PhoneNumbers::normalize).toList())) {
                byNumber.computeIfAbsent(n, k -> new ArrayList<>()).add(t);
            }
        }
        Map<List<String>, List<String>> groups = new LinkedHashMap<>();
        byNumber.forEach((number, trunks) -> {
            // a trunk without address or caller filters overlaps every other: no need to compare each pair
            boolean anyOpen = trunks.size() > 1 && trunks.stream().anyMatch(t -> t.getAllowedAddressesCount() == 0
                    && t.getAllowedNumbersCount() == 0);
            List<String> ids = trunks.stream().filter(t -> anyOpen || trunks.stream().anyMatch(o -> o != t
                            && TrunkFilters.overlap(t, o)))
                    .map(SIPInboundTrunkInfo::getSipTrunkId).toList();
            if (ids.size() > 1) {
                groups.computeIfAbsent(ids, k -> new ArrayList<>()).add(number);
            }
        });
        groups.replaceAll((ids, numbers) -> List.copyOf(numbers));
        return Collections.unmodifiableMap(groups);
    }
}
