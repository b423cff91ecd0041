package org.sipladder.diagnose;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.TrunkMatch;

/**
 * LK_NO_TRUNK_MATCH: no trunk lists the called number and none is a default trunk, on LiveKit Cloud, which answers
 * 404 No trunk found. The open-source server goes on to the wildcard dispatch rules instead (the dispatch findings
 * cover it).
 */
final class NoTrunkMatchCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_NO_TRUNK_MATCH;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        return context.simulatedRoutings().stream()
                .filter(r -> r.outcome().trunk().kind() == TrunkMatch.Kind.NOT_FOUND
                        || r.outcome().trunk().kind() == TrunkMatch.Kind.NO_TRUNKS)
                .filter(r -> r.outcome().options().cloud())
                .filter(r -> !context.trunkMiss(r).explained())
                .map(r -> finding(context, r)).toList();
    }

    private static Finding finding(DiagnosisContext context, LiveKitRouting r) {
        String called = r.invite().calledNumber();
        List<String> ids = context.config().trunks().stream().map(SIPInboundTrunkInfo::getSipTrunkId).toList();
        String example = ids.isEmpty() ? "TRUNK_ID" : ids.get(0);
        return Findings.call(r.transaction(), CODE,
                CODE.title(called),
                "LiveKit picks the inbound trunk whose numbers contain the To user (exactly or after normalizing to "
                        + "+digits), or a default trunk without numbers. No trunk lists " + called + " and there is no "
                        + "default trunk, so LiveKit ends the call: LiveKit Cloud answers 404 No trunk found. (A "
                        + "self-hosted server would go on to the wildcard dispatch rules; set --livekit-deployment "
                        + "self-hosted if that is what runs.)",
                Findings.evidence(Findings.frames(r.transaction()), ids, List.of(
                        "To user " + called + " (normalized " + org.sipladder.livekit.PhoneNumbers.normalize(called) + ")",
                        "Trunk numbers: " + String.join("; ", context.config().trunks().stream()
                                .map(t -> t.getSipTrunkId() + " " + Findings.quoted(t.getNumbersList())).toList()),
                        r.outcome().assumption(),
                        r.summary())),
                Findings.fix(List.of("Add the number to the trunk that should take these calls (the flag replaces the "
                                + "whole list, so repeat the numbers it already has),",
                        "or have the sender put a number the trunk lists into the To header."),
                        List.of(LkCommand.setTrunkNumbers(example, List.of(called)), LkCommand.listTrunks()), null));
    }
}
