package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.TrunkMatch;

/** LK_CALLED_NUMBER_MISMATCH: the To user matches no trunk, but the Request-URI or another spelling would. */
final class CalledNumberMismatchCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_CALLED_NUMBER_MISMATCH;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            if (r.outcome().trunk().kind() == TrunkMatch.Kind.NOT_FOUND) {
                TrunkMiss miss = context.trunkMiss(r);
                if (!miss.variantMatches().isEmpty()) {
                    findings.add(finding(context.config(), r, miss.variantMatches()));
                }
            }
        }
        return findings;
    }

    private static Finding finding(LiveKitConfig config, LiveKitRouting r, List<SIPInboundTrunkInfo> trunks) {
        String called = r.invite().calledNumber();
        SIPInboundTrunkInfo trunk = trunks.get(0);
        List<String> numbers = new ArrayList<>(trunk.getNumbersList());
        numbers.add(called);
        List<String> ids = trunks.stream().map(SIPInboundTrunkInfo::getSipTrunkId).toList();
        List<String> steps = new ArrayList<>(List.of("Best: make the sender put the full number in To as the trunk "
                        + "lists it (in Jambonz, dial sip:" + trunk.getNumbers(0) + "@<your LiveKit SIP domain>; Jambonz "
                        + "copies the Request-URI into To).",
                "Or add this spelling to the trunk (the flag replaces the whole list; it keeps the existing numbers):"));
        String refusal = TrunkUpdateRefusal.step(config, trunk.toBuilder().clearNumbers().addAllNumbers(numbers).build());
        if (refusal != null) {
            steps.add(refusal);
        }
        return Findings.call(r.transaction(), CODE,
                CODE.title(called, trunk.getSipTrunkId(), String.join(", ", trunk.getNumbersList())),
                "LiveKit matches the called number from the To header only, not the Request-URI. It normalizes a "
                        + "number by removing spaces, dashes and parentheses and adding '+', but it does not add or "
                        + "remove a country code or a 0/00 prefix. The To user " + called + " therefore matches no "
                        + "trunk, although the same number in another form is configured.",
                Findings.evidence(Findings.frames(r.transaction()), ids, List.of(
                        "To user " + called,
                        "Request-URI user " + r.invite().requestUriUser(),
                        trunk.getSipTrunkId() + " numbers " + Findings.quoted(trunk.getNumbersList()),
                        r.summary())),
                Findings.fix(steps,
                        List.of(LkCommand.setTrunkNumbers(trunk.getSipTrunkId(), numbers)), null));
    }
}
