package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;

/** SIP_NO_FINAL_RESPONSE: an INVITE got no final response at all in the capture. */
final class NoFinalResponseCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_NO_FINAL_RESPONSE;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            for (InviteTransaction tx : context.invites(flow)) {
                if (tx.finalResponse() == null) {
                    findings.add(finding(tx, LiveKitRoutings.sentToLiveKit(flow, tx.request())));
                }
            }
        }
        return findings;
    }

    private static Finding finding(InviteTransaction tx, boolean toLiveKit) {
        String dst = tx.request().dst().toString();
        List<String> facts = new ArrayList<>();
        facts.add("INVITE frame " + tx.frame() + " to " + dst);
        facts.add(tx.responses().isEmpty() ? "No response at all"
                : "Only provisional responses: " + String.join(", ", tx.responses().stream().map(m -> m.message().label()).toList()));
        String why = "Every INVITE must end with a final response (2xx-6xx). "
                + (tx.responses().isEmpty() ? "Nothing came back: the request may not have reached " + dst
                + " (routing, firewall, wrong port or transport), or the capture does not show the return path."
                : "The peer answered provisionally and then never decided.")
                + (toLiveKit ? " LiveKit itself stays silent after 100 Processing and 180 Ringing when no dispatch rule "
                + "matches the call." : "")
                + " If the capture stopped right after the INVITE, capture longer.";
        List<String> steps = new ArrayList<>();
        if (toLiveKit) {
            steps.add("Load the LiveKit config (--livekit-config or --livekit-url) so the analyzer can check the dispatch rules.");
            steps.add("Check that a dispatch rule matches this trunk: lk sip dispatch list.");
        }
        steps.add("Check that " + dst + " is reachable from the sender (firewall, security groups, transport and port).");
        return Findings.call(tx, CODE, CODE.title(dst), why,
                Findings.evidence(Findings.frames(tx), List.of(), facts),
                Findings.fix(steps, toLiveKit ? List.of(LkCommand.listRules()) : List.of(), null));
    }
}
