package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_IN_DIALOG_NO_RESPONSE: a BYE, UPDATE, INFO or REFER inside an answered INVITE dialog that got no response at
 * all: its sender gives up after Timer F (RFC 3261 17.1.2.2), and the far end, which never got it, may keep the call
 * up. An unanswered re-INVITE is SIP_NO_FINAL_RESPONSE's, an INFO carrying DTMF to LiveKit LK_DTMF_INFO_REFUSED's.
 */
final class InDialogNoResponseCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_IN_DIALOG_NO_RESPONSE;

    private static final List<String> METHODS = List.of("BYE", "UPDATE", "INFO", "REFER");

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(0);
        for (CallFlow flow : context.flows()) {
            int present = flow.aLeg().isCall() ? inDialogMethods(flow) : 0;
            for (int k = 0; k < METHODS.size(); k++) {
                if ((present & (1 << k)) == 0) {
                    continue; // the index fields show no such request: its requests are not worked out at all
                }
                List<DialogRequests> requests = context.dialogRequests(flow, METHODS.get(k));
                LastAnswered last = requests.size() > WALKED ? new LastAnswered(requests) : null;
                for (DialogRequests r : requests) {
                    Finding f = unanswered(context, flow, requests, last, r);
                    if (f != null) {
                        findings.add(f);
                    }
                }
            }
        }
        return findings;
    }

    /** Which of {@link #METHODS} the flow holds a first sending of with a To tag, as bits by their index. */
    private static int inDialogMethods(CallFlow flow) {
        int present = 0;
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (m.isRequest() && !messages.get(i).retransmission() && m.hasToTag()) {
                present |= bit(m.method());
            }
        }
        return present;
    }

    /** The bit of {@code method} in {@link #METHODS}, 0 when it is none of them (compared by index: each request asks). */
    private static int bit(String method) {
        for (int k = 0; k < METHODS.size(); k++) {
            String known = METHODS.get(k);
            if (known == method || known.equals(method)) {
                return 1 << k;
            }
        }
        return 0;
    }

    /** The finding about {@code r} when it is an in-dialog request after the answer that got no response; else null. */
    private static Finding unanswered(DiagnosisContext context, CallFlow flow, List<DialogRequests> requests,
                                     LastAnswered last, DialogRequests r) {
        SipMessage request = r.request();
        if (r.finalResponse() != null || !request.hasToTag()
                || (last != null ? last.after(request) : answeredLater(requests, r))
                || anyResponse(flow, context.cseqs(flow), request)) {
            return null;
        }
        SipMessage answer = context.memo().answerOf(flow, request.callId());
        if (answer == null || answer.frame() > request.frame()) {
            return null; // not after the answer
        }
        if ("INFO".equals(request.method()) && LiveKitDtmf.dtmfInfo(context, flow, request)) {
            return null;
        }
        return InDialogSilence.finding(context, flow, r, answer);
    }

    /**
     * True when the same sender sent the method again later in the dialog (a new CSeq) and that got a final response:
     * it tried again and got through, so the first silence changed nothing.
     */
    private static boolean answeredLater(List<DialogRequests> requests, DialogRequests r) {
        SipMessage request = r.request();
        for (DialogRequests later : requests) {
            SipMessage l = later.request();
            if (l.frame() > request.frame() && later.finalResponse() != null && request.callId().equals(l.callId())
                    && l.src().equals(request.src())) {
                return true;
            }
        }
        return false;
    }

    /** Lists of up to this many requests are walked by {@link #answeredLater}; a longer one's are tabled once. */
    static final int WALKED = 64;

    /**
     * {@link #answeredLater} for a long list (thousands of REFERs or INFOs in one dialog: each walking the whole list
     * took time growing with the square of the requests): per Call-ID and sender, the last frame of a request of the
     * list that got a final response, found in one pass.
     */
    private static final class LastAnswered {
        private final Map<String, Map<Endpoint, Long>> frames = new HashMap<>();

        LastAnswered(List<DialogRequests> requests) {
            for (int i = 0; i < requests.size(); i++) {
                DialogRequests later = requests.get(i);
                if (later.finalResponse() != null) {
                    SipMessage l = later.request();
                    frames.computeIfAbsent(l.callId(), k -> new HashMap<>()).merge(l.src(), l.frame(), Math::max);
                }
            }
        }

        /** True when a request of the list from {@code request}'s sender and Call-ID after it got a final response. */
        boolean after(SipMessage request) {
            Map<Endpoint, Long> bySender = frames.get(request.callId());
            Long frame = bySender == null ? null : bySender.get(request.src());
            return frame != null && frame > request.frame();
        }
    }

    /**
     * True when any response (a provisional one too) of the request's Call-ID, CSeq number and method came back along
     * its path, whatever its Via branch: "no response at all" is claimed only when none did. A stack that answers a
     * BYE with another transaction's branch (the INVITE's) is wrong by RFC 3261 17.1.3, yet its 200 shows that the
     * BYE arrived and was answered, as Wireshark and sngrep pair it. Only the messages of the request's CSeq number
     * ({@code cseqs}, the memo's) are looked at: each message's number was parsed again for every request.
     */
    private static boolean anyResponse(CallFlow flow, FlowCseqs cseqs, SipMessage request) {
        List<FlowMessage> messages = flow.messages();
        int[] same = cseqs.places().get(request.cseqNumber());
        int count = same == null ? 0 : same[0];
        for (int k = 1; k <= count; k++) {
            SipMessage m = messages.get(same[k]).message();
            if (!m.isRequest() && m.frame() > request.frame()
                    && request.method().equals(m.cseqMethod()) && request.callId().equals(m.callId())
                    && (DialogRequests.answers(m, request) || m.src().address().equals(request.dst().address())
                    || m.dst().address().equals(request.src().address()))) {
                return true;
            }
        }
        return false;
    }
}
