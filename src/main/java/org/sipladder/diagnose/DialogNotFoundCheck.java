package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_DIALOG_NOT_FOUND: a BYE (or other in-dialog request) answered 481: it reached a hop that does not know the
 * dialog, usually because the sender ignored Record-Route or sent it to the wrong Contact.
 */
final class DialogNotFoundCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_DIALOG_NOT_FOUND;

    private static final List<String> METHODS = List.of("BYE", "INVITE", "UPDATE", "REFER", "NOTIFY", "INFO");

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            if (!DialogRequests.hasStatus(flow, 481)) {
                continue; // nearly every call: no request of it can have been answered 481
            }
            for (String method : METHODS) {
                for (DialogRequests r : context.dialogRequests(flow, method)) {
                    if (r.finalResponse() != null && r.finalResponse().status() == 481) {
                        findings.add(finding(flow, r));
                    }
                }
            }
        }
        return findings;
    }

    private static Finding finding(CallFlow flow, DialogRequests r) {
        SipMessage request = r.request();
        List<String> facts = new ArrayList<>();
        facts.add(request.method() + " frame " + request.frame() + " to " + request.requestUri() + " (sent to "
                + request.dst() + ") was answered 481 " + r.finalResponse().reason());
        SipMessage answer = answerOf(flow, request.callId());
        if (answer != null) {
            String recordRoute = answer.header("Record-Route");
            facts.add("The 200 OK (frame " + answer.frame() + ") had Contact " + answer.header("Contact")
                    + (recordRoute == null ? " and no Record-Route" : " and Record-Route " + recordRoute));
            if (recordRoute != null && request.header("Route") == null) {
                facts.add("The " + request.method() + " carries no Route header: it ignored the Record-Route");
            }
        }
        return DialogRequests.finding(flow, request, CODE,
                CODE.title(request.method()),
                "481 Call/Transaction Does Not Exist means the request reached a SIP element with no such dialog: the "
                        + "sender addressed it to the wrong target (not the Contact of the answer), ignored the "
                        + "Record-Route set (so a proxy or SBC that must stay in the path was skipped), or the dialog "
                        + "had already ended there. The call may then never be torn down on the other side.",
                List.of(request.frame(), r.finalResponse().frame()), facts,
                List.of("Send in-dialog requests to the Contact of the 200 OK, through every Record-Route entry "
                                + "(as Route headers, in order).",
                        "If an SBC or Jambonz rewrites Contact, make sure the address it puts there reaches it."));
    }

    /** The first 2xx answer to an INVITE with Call-ID {@code callId} in the flow, or null. */
    static SipMessage answerOf(CallFlow flow, String callId) {
        if (callId == null) {
            return null;
        }
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (!m.isRequest() && m.status() >= 200 && m.status() < 300 && "INVITE".equals(m.cseqMethod())
                    && callId.equals(m.callId())) {
                return m;
            }
        }
        return null;
    }
}
