package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/** The requests of a flow with a given method and their final responses, for after-answer checks. */
record DialogRequests(SipMessage request, SipMessage finalResponse, int copies) {

    /** Every first-sent request with {@code method} in the flow, with its final response (or null) and send count. */
    static List<DialogRequests> of(CallFlow flow, String method) {
        List<DialogRequests> result = new ArrayList<>();
        for (FlowMessage m : flow.messages()) {
            SipMessage r = m.message();
            if (m.retransmission() || !r.isRequest() || !method.equals(r.method())) {
                continue;
            }
            SipMessage fin = null;
            int copies = 1;
            for (FlowMessage n : flow.messages()) {
                SipMessage x = n.message();
                if (x.frame() <= r.frame() || x.callId() == null || !x.callId().equals(r.callId())
                        || x.cseqNumber() != r.cseqNumber()) {
                    continue;
                }
                if (x.isRequest() && method.equals(x.method()) && n.retransmission()) {
                    copies++;
                } else if (!x.isRequest() && method.equals(x.cseqMethod()) && x.status() >= 200 && fin == null) {
                    fin = x;
                }
            }
            result.add(new DialogRequests(r, fin, copies));
        }
        return result;
    }

    static Finding finding(CallFlow flow, SipMessage about, FindingCode code, String title, String why, List<Long> frames,
                           List<String> facts, List<String> steps) {
        return new Finding(code, code.severity(), title, why, about.callId(), flow.id(), false,
                Findings.evidence(frames, List.of(), facts), Findings.fix(steps, List.of(), null));
    }
}
