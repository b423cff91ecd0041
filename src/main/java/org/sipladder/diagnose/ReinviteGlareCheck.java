package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;

/** SIP_REINVITE_GLARE: a re-INVITE answered 491 Request Pending: both sides re-INVITEd at once. */
final class ReinviteGlareCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_REINVITE_GLARE;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            if (!DialogRequests.hasStatus(flow, 491)) {
                continue; // nearly every call: no re-INVITE of it can have been answered 491
            }
            for (DialogRequests r : context.dialogRequests(flow, "INVITE")) {
                if (r.finalResponse() != null && r.finalResponse().status() == 491) {
                    boolean retried = context.dialogRequests(flow, "INVITE").stream()
                            .anyMatch(o -> o.request().frame() > r.finalResponse().frame()
                                    && r.request().callId().equals(o.request().callId())
                                    && o.request().src().equals(r.request().src()));
                    findings.add(DialogRequests.finding(flow, r.request(), CODE, CODE.title(),
                            "Both parties sent a re-INVITE (e.g. hold, codec change or a session refresh) at the same "
                                    + "time; each rejects the other's with 491. RFC 3261 says to retry after a random "
                                    + "delay (the Call-ID owner 2.1-4 s, the other 0-2 s); a side that never retries "
                                    + "leaves the change (hold, transfer, media update) undone."
                                    + (retried ? "" : " This side did not retry."),
                            List.of(r.request().frame(), r.finalResponse().frame()),
                            List.of("re-INVITE frame " + r.request().frame() + " from " + r.request().src()
                                    + " answered 491 (frame " + r.finalResponse().frame() + ")",
                                    retried ? "It was retried later" : "No retry in the capture"),
                            List.of("Make the side that got 491 retry after RFC 3261's random delay.",
                                    "Avoid simultaneous refreshes: let one side be the session-timer refresher.")));
                }
            }
        }
        return findings;
    }
}
