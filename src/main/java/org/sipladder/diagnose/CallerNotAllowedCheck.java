package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.TrunkMatch;

/** LK_CALLER_NOT_ALLOWED: the trunk lists the number but its allowed_numbers leave out the caller. */
final class CallerNotAllowedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.LK_CALLER_NOT_ALLOWED;

    private static final String WHY = "When a trunk's allowed_numbers is set, LiveKit skips it for callers (the From "
            + "user) that match none of its entries, exactly or after normalizing to +digits. A B2BUA that rewrites the "
            + "From number (national format, anonymous) makes a listed caller unrecognisable.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (LiveKitRouting r : context.simulatedRoutings()) {
            if (r.outcome().trunk().kind() == TrunkMatch.Kind.NOT_FOUND) {
                List<SIPInboundTrunkInfo> blocked = context.trunkMiss(r).callerBlocked();
                for (SIPInboundTrunkInfo t : blocked) {
                    findings.add(t == blocked.get(0) ? finding(context.config(), r, t) : elsewhere(r, t, blocked.get(0)));
                }
            }
        }
        return findings;
    }

    /**
     * The same caller left out by a second trunk on the number: the fix adds the caller to the first trunk only, as
     * LiveKit's trunk check (protocol sip.validateTrunkInbound) refuses one caller in the allowed_numbers of two
     * trunks with the same number.
     */
    private static Finding elsewhere(LiveKitRouting r, SIPInboundTrunkInfo t, SIPInboundTrunkInfo first) {
        String caller = r.invite().callingNumber();
        return Findings.call(r.transaction(), CODE, CODE.title(t.getSipTrunkId(), r.invite().calledNumber(), caller),
                WHY, Findings.evidence(Findings.frames(r.transaction()), List.of(t.getSipTrunkId()), List.of(
                        "From user " + caller,
                        t.getSipTrunkId() + " allowed numbers " + Findings.quoted(t.getAllowedNumbersList()),
                        r.summary())),
                Findings.fix(List.of("Leave " + t.getSipTrunkId() + " as it is: the fix of " + first.getSipTrunkId()
                        + " adds this caller there, and LiveKit refuses one caller in the allowed_numbers of two trunks "
                        + "with the same number."), List.of(), null));
    }

    private static Finding finding(LiveKitConfig config, LiveKitRouting r, SIPInboundTrunkInfo t) {
        String caller = r.invite().callingNumber();
        SIPInboundTrunkInfo updated = t.toBuilder().addAllowedNumbers(caller).build();
        List<String> steps = new ArrayList<>(2);
        String refusal = TrunkUpdateRefusal.step(config, updated);
        if (refusal != null) {
            steps.add(refusal);
        }
        steps.add("If any caller may reach this number, clear allowed_numbers; otherwise add this caller as the "
                + "sender writes it. Replace the trunk with the JSON below (" + ConfigJson.replacedTrunkNote(config) + ").");
        return Findings.call(r.transaction(), CODE,
                CODE.title(t.getSipTrunkId(), r.invite().calledNumber(), caller),
                WHY,
                Findings.evidence(Findings.frames(r.transaction()), List.of(t.getSipTrunkId()), List.of(
                        "From user " + caller,
                        t.getSipTrunkId() + " allowed numbers " + Findings.quoted(t.getAllowedNumbersList()),
                        r.summary())),
                Findings.fix(steps,
                        List.of(LkCommand.replaceTrunk(t.getSipTrunkId(), "trunk.json")),
                        ConfigJson.trunkWithoutSecret(config, updated)));
    }
}
