package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * The requests of a flow with a given method and their final responses, for after-answer checks.
 *
 * @param copies         sendings of the request (resends; the same sending captured twice counts once)
 * @param lastSentMicros when the last of those sendings was captured
 */
record DialogRequests(SipMessage request, SipMessage finalResponse, int copies, long lastSentMicros) {

    /** Copies of a request closer than this to the last one counted are one sending captured twice. */
    static final long SAME_SENDING_MICROS = 20_000;

    /** Every first-sent request with {@code method} in the flow, with its final response (or null) and send count. */
    static List<DialogRequests> of(CallFlow flow, String method) {
        return of(flow, method, new long[1]);
    }

    /**
     * {@link #of(CallFlow, String)}, adding to {@code looks[0]} how many messages were looked at for the requests: each
     * request only at those of its own CSeq number, so a call of a day with a request every second stays linear.
     */
    static List<DialogRequests> of(CallFlow flow, String method, long[] looks) {
        return of(flow, method, looks, null);
    }

    /** {@link #of(CallFlow, String, long[])} with the flow's CSeq numbers of {@code memo} (read here when null). */
    static List<DialogRequests> of(CallFlow flow, String method, long[] looks, CallMemo memo) {
        List<FlowMessage> messages = flow.messages();
        List<DialogRequests> result = new ArrayList<>();
        String[] callIds = null;
        CseqPlaces byCseq = null;
        for (int k = 0; k < messages.size(); k++) {
            FlowMessage m = messages.get(k);
            SipMessage r = m.message();
            if (m.retransmission() || !r.isRequest() || !method.equals(r.method())) {
                continue;
            }
            if (callIds == null) {
                // each message's Call-ID and CSeq number read once, not once per request (nor per method)
                FlowCseqs cseqs = memo == null ? FlowCseqs.of(flow) : memo.cseqs(flow);
                callIds = cseqs.callIds();
                byCseq = cseqs.places();
            }
            SipMessage fin = null;
            int copies = 1;
            long lastSent = r.timestampMicros();
            String callId = r.callId();
            long cseq = r.cseqNumber();
            // only the messages of the request's CSeq number can be its resends or its answers: a day-long call with
            // a request every second would otherwise look at every message for every request
            int[] sameNumber = byCseq.get(cseq);
            looks[0] += sameNumber[0];
            for (int j = 1; j <= sameNumber[0]; j++) {
                int i = sameNumber[j];
                FlowMessage n = messages.get(i);
                SipMessage x = n.message();
                if (x.frame() <= r.frame() || callIds[i] == null || !callIds[i].equals(callId)) {
                    continue;
                }
                if (x.isRequest() && method.equals(x.method()) && n.retransmission() && sentAgain(x, r)) {
                    // the same sending captured again (two capture points, a HEP agent's copies) is no resend: RFC
                    // 3261's timers resend after T1 (500 ms), stacks that shorten it after 100 ms or more
                    if (x.timestampMicros() - lastSent >= SAME_SENDING_MICROS) {
                        copies++;
                        lastSent = x.timestampMicros();
                    }
                } else if (!x.isRequest() && method.equals(x.cseqMethod()) && x.status() >= 200 && fin == null
                        && answers(x, r)) {
                    fin = x;
                }
            }
            result.add(new DialogRequests(r, fin, copies, lastSent));
        }
        return result;
    }

    /**
     * True when {@code response} (of the request's Call-ID, CSeq number and method) answers {@code request}: both
     * sides of a dialog count CSeq on their own (RFC 3261 12.2.1.1), so in a glare each may send the same number and
     * only the transaction tells the answers apart. The top Via branch decides where both carry one (RFC 3261
     * 17.1.3); without it, the response must come back from where the request went to where it came from.
     */
    static boolean answers(SipMessage response, SipMessage request) {
        if (response.hasBranch() && request.hasBranch()) {
            return response.sameBranch(request);
        }
        return response.src().address().equals(request.dst().address())
                && response.dst().address().equals(request.src().address());
    }

    /** True when {@code copy} (of the request's Call-ID, CSeq and method) is {@code request} sent again by its sender. */
    private static boolean sentAgain(SipMessage copy, SipMessage request) {
        return copy.src().address().equals(request.src().address())
                && copy.dst().address().equals(request.dst().address())
                && (!copy.hasBranch() || !request.hasBranch() || copy.sameBranch(request));
    }

    /**
     * The attempts of the request that opened a dialog without INVITE, of those {@link #of} found: its sender's
     * requests without a To tag, in order (a REGISTER sent again with credentials after a 401 is a second attempt;
     * the last attempt decides how the dialog ended, as it decides the leg's final status).
     */
    static List<DialogRequests> attempts(List<DialogRequests> requests) {
        List<DialogRequests> attempts = new ArrayList<>(requests.size());
        String sender = null;
        for (DialogRequests r : requests) {
            SipMessage m = r.request();
            if (!m.hasToTag() && (sender == null || sender.equals(m.src().address()))) {
                sender = m.src().address();
                attempts.add(r);
            }
        }
        return attempts;
    }

    /**
     * Where the final response of {@code sent} started, hop by hop, {@code sent} last: a proxy passes the request on
     * under the same Call-ID and CSeq and passes the response it gets back on unchanged, status and To tag (RFC 3261
     * 16.7), so each earlier step is a request its answerer sent after receiving the later one and whose answer, the
     * same response, reached it before it answered. Of several (a proxy that spirals the request through itself, or
     * forked it), the one answered first, nearest where the response was made.
     */
    static List<DialogRequests> relayPath(List<DialogRequests> requests, DialogRequests sent) {
        List<DialogRequests> path = new ArrayList<>(2);
        path.add(sent);
        DialogRequests current = sent;
        while (path.size() <= requests.size()) {
            SipMessage answer = current.finalResponse();
            DialogRequests from = null;
            for (DialogRequests r : requests) {
                SipMessage fin = r.finalResponse();
                if (fin != null && !path.contains(r) && r.request().frame() > current.request().frame()
                        && fin.frame() < answer.frame() && relays(answer, r.request(), fin)
                        && (from == null || fin.frame() < from.finalResponse().frame())) {
                    from = r;
                }
            }
            if (from == null) {
                break;
            }
            path.add(0, from);
            current = from;
        }
        return path;
    }

    /**
     * Adds to a finding's evidence where the answer of {@code path} ({@link #relayPath}) was made and each proxy that
     * passed it back unchanged; nothing when it was made where the request was sent.
     */
    static void addRelayEvidence(List<DialogRequests> path, String method, List<String> facts, List<Long> frames) {
        if (path.size() < 2) {
            return;
        }
        SipMessage first = path.get(0).request();
        SipMessage made = path.get(0).finalResponse();
        facts.add("It came from " + made.src().address() + ": " + first.src().address() + " passed the " + method
                + " on to it (frame " + first.frame() + ") and it answered " + made.label() + " (frame " + made.frame()
                + ")");
        for (int i = 1; i < path.size(); i++) {
            SipMessage relayed = path.get(i).finalResponse();
            facts.add(relayed.src().address() + " relayed " + relayed.status() + " to " + relayed.dst().address()
                    + " unchanged (frame " + relayed.frame() + ")");
            if (i < path.size() - 1) {
                frames.add(path.get(i).request().frame());
                frames.add(relayed.frame());
            }
        }
        frames.add(first.frame());
        frames.add(made.frame());
        frames.sort(null);
    }

    /** True when {@code answer}'s sender passed on {@code request} and relayed its answer {@code fin} as {@code answer}. */
    private static boolean relays(SipMessage answer, SipMessage request, SipMessage fin) {
        String hop = answer.src().address();
        return request.src().address().equals(hop) && fin.dst().address().equals(hop) && fin.status() == answer.status()
                && fin.sameToTag(answer) && request.cseqNumber() == answer.cseqNumber()
                && request.callId() != null && request.callId().equals(answer.callId());
    }

    /** True when {@code request} carries digest credentials (Authorization or Proxy-Authorization). */
    static boolean hasCredentials(SipMessage request) {
        return request.header("Authorization") != null || request.header("Proxy-Authorization") != null;
    }

    /** True when a response of {@code flow} has {@code status}: no request of a flow without one was answered so. */
    static boolean hasStatus(CallFlow flow, int status) {
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).message().status() == status) {
                return true;
            }
        }
        return false;
    }

    static Finding finding(CallFlow flow, SipMessage about, FindingCode code, String title, String why, List<Long> frames,
                           List<String> facts, List<String> steps) {
        return new Finding(code, code.severity(), title, why, about.callId(), flow.id(), false,
                Findings.evidence(frames, List.of(), facts), Findings.fix(steps, List.of(), null));
    }
}
