package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sipladder.flow.CallFlow;
import org.sipladder.sip.SipMessage;

/**
 * SIP_RETRY_RECOVERED: an INVITE that failed and that its sender then tried again, successfully (after 415, 422, 488,
 * 503, a redirect or no answer, under the same Call-ID or a new one). The failure did not stop the call: information,
 * with both attempts as evidence. A 401/407 challenge answered with credentials is how digest authentication works
 * (RFC 3261 22.2), not a failure, and is left out.
 */
final class RetryRecoveredCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_RETRY_RECOVERED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(0);
        for (CallFlow flow : context.flows()) {
            List<InviteTransaction> invites = context.invites(flow);
            // a long call's answered attempts are gathered once: a caller retrying thousands of times had every
            // attempt gathered for each failed one
            Map<String, List<InviteTransaction>> answeredBySender =
                    flow.messages().size() > InviteTransaction.WALKED ? Attempts.answered(flow, invites) : null;
            for (int i = 0; i < invites.size(); i++) {
                InviteTransaction tx = invites.get(i);
                if (!tx.inDialog() && Attempts.failed(tx) && !OutboundAuthCheck.challenged(tx)) {
                    InviteTransaction answered = answeredRetry(answeredBySender == null ? Attempts.of(flow, invites, tx)
                            : answeredBySender.getOrDefault(Attempts.key(flow, tx), List.of()), tx);
                    if (answered != null) {
                        findings.add(finding(tx, answered));
                    }
                }
            }
        }
        return findings;
    }

    /** The first attempt after {@code failed} that was answered 2xx, or null. */
    private static InviteTransaction answeredRetry(List<InviteTransaction> attempts, InviteTransaction failed) {
        for (InviteTransaction t : attempts) {
            SipMessage last = t.finalResponse();
            if (t.frame() > failed.frame() && last != null && last.status() >= 200 && last.status() < 300) {
                return t;
            }
        }
        return null;
    }

    private static Finding finding(InviteTransaction failed, InviteTransaction retry) {
        SipMessage failure = failed.finalResponse();
        SipMessage answer = retry.finalResponse();
        String how = failure == null ? "no final response" : failure.label();
        List<Long> frames = new ArrayList<>(4);
        frames.add(failed.frame());
        if (failure != null) {
            frames.add(failure.frame());
        }
        frames.add(retry.frame());
        frames.add(answer.frame());
        boolean sameCallId = failed.callId().equals(retry.callId());
        List<String> facts = List.of(
                "INVITE frame " + failed.frame() + " from " + failed.request().src() + " to " + failed.request().dst()
                        + (failure == null ? ": no final response" : ": " + how + " (frame " + failure.frame() + ")"),
                "Retry: INVITE frame " + retry.frame() + " to " + retry.request().dst()
                        + (sameCallId ? ", same Call-ID, CSeq " + retry.request().cseqNumber()
                        : ", new Call-ID " + retry.callId()) + ": " + answer.label() + " (frame " + answer.frame() + ")");
        return Findings.call(failed, CODE, CODE.title(failed.request().dst().address(), how, answer.label()),
                "The sender tried again and the retry was answered, so this failure did not stop the call; it cost "
                        + "the caller one more round trip of post-dial delay." + (failure != null
                        ? " " + failure.status() + " means " + CallRejectedCheck.meaning(failure.status()).meaning() + "."
                        : ""),
                Findings.evidence(frames, List.of(), facts),
                Findings.fix(List.of(failure == null ? "Nothing stopped the call; to avoid the delay, check why "
                        + failed.request().dst() + " did not answer." : PeerChecks.check(failed.flow(), failure)
                        + " (Only to avoid the extra attempt: the call went through.)"), List.of(), null));
    }
}
