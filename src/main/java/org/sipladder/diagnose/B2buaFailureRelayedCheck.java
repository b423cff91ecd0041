package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.sip.SipMessage;

/** B2BUA_FAILURE_RELAYED: the caller's failure is a B2BUA's translation of a failure on a later leg. */
final class B2buaFailureRelayedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.B2BUA_FAILURE_RELAYED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            if (flow.legs().size() < 2 || flow.aLeg().finalStatus() < 300) {
                continue;
            }
            List<InviteTransaction> txs = InviteTransaction.of(flow);
            InviteTransaction aLeg = txs.stream().filter(t -> t.invite().legIndex() == 0 && failed(t)).reduce((x, y) -> y).orElse(null);
            if (aLeg == null) {
                continue;
            }
            SipMessage aFinal = aLeg.finalResponse();
            txs.stream().filter(t -> t.invite().legIndex() > 0 && failed(t) && t.finalResponse().frame() < aFinal.frame())
                    .reduce((x, y) -> y)
                    .ifPresent(b -> findings.add(finding(flow, aLeg, b)));
        }
        return findings;
    }

    private static boolean failed(InviteTransaction t) {
        return t.finalResponse() != null && t.finalResponse().status() >= 300;
    }

    private static Finding finding(CallFlow flow, InviteTransaction aLeg, InviteTransaction bLeg) {
        SipMessage aFinal = aLeg.finalResponse();
        SipMessage bFinal = bLeg.finalResponse();
        String b2bua = aFinal.src().address();
        long gapMs = (aFinal.timestampMicros() - bFinal.timestampMicros()) / 1000;
        List<String> facts = new ArrayList<>();
        facts.add("Leg " + (bLeg.invite().legIndex() + 1) + " (Call-ID " + bLeg.callId() + ") to " + bLeg.request().dst().address()
                + " failed with " + bFinal.label() + " (frame " + bFinal.frame() + ")");
        facts.add(gapMs + " ms later " + b2bua + " sent " + aFinal.label() + " to the caller " + aFinal.dst().address()
                + " (frame " + aFinal.frame() + ")");
        facts.addAll(flow.joinEvidence());
        return new Finding(CODE, CODE.severity(), CODE.title(b2bua, bFinal.label(), aFinal.label()),
                "A B2BUA such as Jambonz runs separate dialogs toward the caller and toward the next hop. When its "
                        + "outbound leg fails it ends the inbound one with its own status (Jambonz: 603 Decline, or 480 "
                        + "with an X-Reason header), so the caller's status hides the real cause: look at the outbound leg.",
                aLeg.callId(), flow.id(), false,
                Findings.evidence(List.of(bFinal.frame(), aFinal.frame()), List.of(), facts),
                Findings.fix(List.of(
                        "Find out why the outbound leg failed (" + bFinal.label() + " from " + bLeg.request().dst().address()
                                + ") and fix that first: the other findings of this call say what the analyzer knows.",
                        "If the carrier should retry or fail over instead of treating the call as declined, let the Jambonz "
                                + "application answer the failed dial itself: in the dial verb's actionHook, return a "
                                + "sip:decline verb with a retryable status (e.g. 480 or 503)."),
                        List.of(), null));
    }
}
