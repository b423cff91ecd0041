package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
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
                        fix(match.candidateIds())));
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
                    fix(overlapping)));
        }
        return findings;
    }

    private static Fix fix(List<String> ids) {
        List<String> commands = new ArrayList<>();
        ids.subList(1, ids.size()).forEach(id -> commands.add(LkCommand.deleteTrunk(id)));
        commands.add(LkCommand.listTrunks());
        return Findings.fix(List.of(
                "Keep at most one default trunk per source: delete the extra ones (commands below keep " + ids.get(0) + "),",
                "or give each trunk the numbers it serves (lk sip inbound update --id TRUNK_ID --numbers +E164,...),",
                "or make their allowed_addresses disjoint so that each carrier reaches only one of them."), commands, null);
    }
}
