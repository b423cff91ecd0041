package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.InboundInvite;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.TrunkAdmission;
import org.sipladder.livekit.TrunkMatch;

/** LK_DEFAULT_TRUNK_CONFLICT: several trunks without numbers accept the same calls, so LiveKit answers 503. */
final class DefaultTrunkConflictCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_DEFAULT_TRUNK_CONFLICT;

    private static final String WHY = "A trunk with no numbers is a default trunk: LiveKit uses it when no trunk "
            + "lists the called number. When two or more default trunks let the same call in (their "
            + "allowed_addresses and allowed_numbers overlap), LiveKit stops with 'Multiple default SIP Trunks "
            + "matched' and answers 100 Processing, then 503 Try again later.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting routing : context.simulatedRoutings()) {
            TrunkMatch match = routing.outcome().trunk();
            if (match.kind() == TrunkMatch.Kind.DEFAULT_CONFLICT) {
                findings.add(Findings.call(routing.transaction(), CODE,
                        CODE.title(String.join(" and ", match.candidateIds())), WHY,
                        Findings.evidence(Findings.frames(routing.transaction()), match.candidateIds(),
                                List.of("No trunk that lets the call in lists the called number "
                                                + routing.invite().calledNumber(),
                                        "LiveKit's error: " + match.error(), routing.summary())),
                        fix(context.config(), match.candidateIds(), routing.invite(), fromHostAdmits(context,
                                match.candidateIds(), routing.invite().fromHost()))));
            }
        }
        if (!context.checksConfig()) {
            return findings;
        }
        List<SIPInboundTrunkInfo> defaults = context.config().trunks().stream().filter(t -> t.getNumbersCount() == 0).toList();
        List<String> overlapping = defaults.stream()
                .filter(t -> defaults.stream().anyMatch(o -> o != t && TrunkFilters.overlap(t, o)))
                .map(SIPInboundTrunkInfo::getSipTrunkId).toList();
        if (overlapping.size() > 1) {
            findings.add(Findings.config(CODE, CODE.configTitle(String.join(" and ", overlapping)), WHY,
                    Findings.evidence(List.of(), overlapping, defaults.stream().filter(t -> overlapping.contains(t.getSipTrunkId()))
                            .map(t -> t.getSipTrunkId() + " has no numbers, allowed addresses "
                                    + Findings.quoted(t.getAllowedAddressesList())).toList()),
                    fix(context.config(), overlapping, new InboundInvite("what-if", "", "", "", "", null, ""), null)));
        }
        return findings;
    }

    /**
     * The steps LiveKit accepts: its conflict check (protocol sip.ValidateTrunksIter, run on every trunk create and
     * update) keys default trunks by allowed_numbers alone, so it refuses default trunks set apart only by
     * allowed_addresses, and its matching (matchAddrMasks) lets a call in on an entry equal to the From host whatever
     * the source address. {@code fromHost} is the sentence on how the From host did that here, or null.
     */
    private static Fix fix(LiveKitConfig config, List<String> ids, InboundInvite call, String fromHost) {
        List<String> commands = new ArrayList<>();
        List<String> deleted = ids.subList(1, ids.size());
        deleted.forEach(id -> commands.add(LkCommand.deleteTrunk(id)));
        OrphanedRules orphans = OrphanedRules.of(config, deleted, ids.get(0), call);
        commands.addAll(orphans.commands());
        commands.add(LkCommand.listTrunks());
        List<String> steps = new ArrayList<>();
        if (fromHost != null) {
            steps.add(fromHost);
        }
        steps.add("Keep at most one default trunk: delete the extra ones (commands below keep " + ids.get(0) + ").");
        steps.addAll(orphans.steps());
        steps.add("Or give each trunk the numbers it serves (lk sip inbound update --id TRUNK_ID --numbers +E164,...), "
                + "or set them apart by caller: distinct allowed_numbers in each (replace the trunk with its JSON: lk "
                + "has no flag for it)." + (ids.size() > 2 ? " LiveKit stores such an update only once two default "
                + "trunks are left: while two others conflict it refuses every trunk update, so delete the rest first."
                : ""));
        steps.add("Do not rely on allowed_addresses to set default trunks apart: LiveKit's conflict check looks only at "
                + "numbers and allowed_numbers, so it refuses to store such trunks (and every later update of a trunk "
                + "while two of them remain), and an address entry equal to a caller's From host lets that call in "
                + "from any source address.");
        return Findings.fix(steps, commands, null);
    }

    /**
     * The sentence saying which of {@code ids} let the call in only because an allowed_addresses entry equals its From
     * host, or null when none did.
     */
    private static String fromHostAdmits(DiagnosisContext context, List<String> ids, String fromHost) {
        if (fromHost == null || fromHost.isEmpty()) {
            return null;
        }
        List<String> byHost = ids.stream().filter(id -> context.trunk(id).map(t -> TrunkAdmission.usableAddresses(t)
                .contains(fromHost)).orElse(false)).toList();
        if (byHost.isEmpty() || byHost.size() == ids.size()) {
            return null; // every one lists the From host: plain overlapping lists, nothing hidden to explain
        }
        return String.join(", ", byHost) + " let" + (byHost.size() == 1 ? "s" : "") + " this call in because its "
                + "allowed_addresses list the From host " + fromHost + ", which LiveKit accepts whatever address the "
                + "INVITE comes from; the other trunk" + (ids.size() - byHost.size() == 1 ? "" : "s")
                + " let it in by its source address. Disjoint address lists do not keep such a sender to one trunk.";
    }
}
