package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.sip.SipMessage;

/**
 * SIP_REINVITE_GLARE: a re-INVITE answered 491 Request Pending: both sides re-INVITEd at once. When a later re-INVITE
 * of the same dialog was answered 2xx the glare was resolved as RFC 3261 14.1 intends: information, naming that
 * re-INVITE and how long after its 491 it came.
 */
final class ReinviteGlareCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_REINVITE_GLARE;

    private static final String WHY = "Both parties sent a re-INVITE (e.g. hold, codec change or a session refresh) at "
            + "the same time; each rejects the other's with 491. RFC 3261 14.1 says to retry after a random delay (the "
            + "Call-ID owner 2.1-4 s, the other 0-2 s)";

    /** RFC 3261 14.1's retry delays after a 491, in microseconds: the Call-ID owner's, then the other side's. */
    private static final long OWNER_MIN = 2_100_000;
    private static final long OWNER_MAX = 4_000_000;
    private static final long OTHER_MAX = 2_000_000;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            if (!DialogRequests.hasStatus(flow, 491)) {
                continue; // nearly every call: no re-INVITE of it can have been answered 491
            }
            List<DialogRequests> invites = context.dialogRequests(flow, "INVITE");
            for (DialogRequests r : invites) {
                if (r.finalResponse() != null && r.finalResponse().status() == 491) {
                    DialogRequests retry = answeredLater(invites, r);
                    findings.add(retry == null ? unresolved(flow, r, retriedLater(invites, r))
                            : resolved(flow, invites, r, retry));
                }
            }
        }
        return findings;
    }

    /**
     * The first re-INVITE of {@code refused}'s dialog sent after its 491 and answered 2xx, its own sender's first, the
     * other side's otherwise (a refreshed session needs no second refresh); null when none was.
     */
    private static DialogRequests answeredLater(List<DialogRequests> invites, DialogRequests refused) {
        DialogRequests other = null;
        for (DialogRequests o : invites) {
            SipMessage fin = o.finalResponse();
            if (fin != null && fin.status() >= 200 && fin.status() < 300 && isLater(o, refused)) {
                if (sameSender(o, refused)) {
                    return o;
                }
                other = other == null ? o : other;
            }
        }
        return other;
    }

    private static boolean retriedLater(List<DialogRequests> invites, DialogRequests refused) {
        for (DialogRequests o : invites) {
            if (isLater(o, refused) && sameSender(o, refused)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code o} is a re-INVITE of {@code refused}'s dialog sent after {@code refused}'s 491. */
    private static boolean isLater(DialogRequests o, DialogRequests refused) {
        SipMessage m = o.request();
        return m.frame() > refused.finalResponse().frame() && m.hasToTag()
                && refused.request().callId().equals(m.callId());
    }

    private static boolean sameSender(DialogRequests a, DialogRequests b) {
        return a.request().src().address().equals(b.request().src().address());
    }

    private static Finding unresolved(CallFlow flow, DialogRequests r, boolean retried) {
        return DialogRequests.finding(flow, r.request(), CODE, CODE.title(),
                WHY + "; a side that never retries leaves the change (hold, transfer, media update) undone."
                        + (retried ? "" : " This side did not retry."),
                List.of(r.request().frame(), r.finalResponse().frame()),
                List.of(refusedFact(r), retried ? "It was retried later, without a 2xx answer" : "No retry in the capture"),
                List.of("Make the side that got 491 retry after RFC 3261's random delay.",
                        "Avoid simultaneous refreshes: let one side be the session-timer refresher."));
    }

    private static Finding resolved(CallFlow flow, List<DialogRequests> invites, DialogRequests r, DialogRequests retry) {
        SipMessage request = retry.request();
        SipMessage answer = retry.finalResponse();
        boolean own = sameSender(retry, r);
        // the delay RFC 3261 14.1 sets runs from the 491 the retry's own sender got
        DialogRequests refusal = own ? r : lastRefusalOf(invites, retry);
        SipMessage refused = (refusal == null ? r : refusal).finalResponse();
        long delay = request.timestampMicros() - refused.timestampMicros();
        String sender = request.src().address();
        String owner = callIdOwner(invites, request.callId());
        boolean outside = refusal != null && owner != null && outsideWindow(owner.equals(sender), delay);
        String after = String.format(Locale.ROOT, "%.3f s after the 491 (frame %d)", delay / 1e6, refused.frame());
        String who = own ? "The retry" : "The other side's re-INVITE";
        List<String> steps = new ArrayList<>(2);
        steps.add("Nothing to fix: the re-INVITE after the 491 was answered " + answer.label() + ".");
        if (outside) {
            steps.add("Make " + sender + " wait RFC 3261 14.1's random delay (" + window(owner.equals(sender))
                    + ") before retrying a re-INVITE refused with 491.");
        }
        return DialogRequests.finding(flow, r.request(), CODE, CODE.title(),
                WHY + ". " + who + " (frame " + request.frame() + ") came " + after + " and was answered "
                        + answer.label() + ", so the dialog recovered: information, not a failure.",
                List.of(r.request().frame(), r.finalResponse().frame(), request.frame(), answer.frame()),
                List.of(refusedFact(r), who + ": re-INVITE frame " + request.frame() + " from " + request.src() + ", "
                        + after + ", answered " + answer.label() + " (frame " + answer.frame() + ")",
                        timing(refusal != null, sender, owner, outside)),
                steps).withSeverity(Severity.INFO);
    }

    /** What RFC 3261 14.1 asks of the retry's sender and whether the retry kept to it. */
    private static String timing(boolean refused, String sender, String owner, boolean outside) {
        if (!refused) {
            return "The other side's re-INVITE was not itself refused, so RFC 3261 14.1's retry delay does not apply to it";
        }
        if (owner == null) {
            return "The dialog's first INVITE is not in the capture: which side owns the Call-ID (retry after 2.1-4 s, "
                    + "the other side after 0-2 s) is unknown";
        }
        boolean isOwner = owner.equals(sender);
        return sender + (isOwner ? " owns the Call-ID (it sent the first INVITE)" : " does not own the Call-ID (" + owner
                + " sent the first INVITE)") + ": RFC 3261 14.1 has it retry after " + window(isOwner)
                + (outside ? "; this retry came outside that window" : "; this retry came within it");
    }

    private static String window(boolean owner) {
        return owner ? "2.1-4 s" : "0-2 s";
    }

    private static boolean outsideWindow(boolean owner, long delayMicros) {
        return owner ? delayMicros < OWNER_MIN || delayMicros > OWNER_MAX : delayMicros < 0 || delayMicros > OTHER_MAX;
    }

    private static String refusedFact(DialogRequests r) {
        return "re-INVITE frame " + r.request().frame() + " from " + r.request().src() + " answered 491 (frame "
                + r.finalResponse().frame() + ")";
    }

    /** The last re-INVITE from {@code retry}'s sender refused with 491 before {@code retry}, or null. */
    private static DialogRequests lastRefusalOf(List<DialogRequests> invites, DialogRequests retry) {
        DialogRequests last = null;
        for (DialogRequests o : invites) {
            SipMessage fin = o.finalResponse();
            if (fin != null && fin.status() == 491 && fin.frame() < retry.request().frame() && sameSender(o, retry)
                    && o.request().callId().equals(retry.request().callId())) {
                last = o;
            }
        }
        return last;
    }

    /** The address that sent the dialog's first INVITE (it made the Call-ID, RFC 3261 14.1), or null if not captured. */
    private static String callIdOwner(List<DialogRequests> invites, String callId) {
        for (DialogRequests o : invites) {
            if (!o.request().hasToTag() && callId.equals(o.request().callId())) {
                return o.request().src().address();
            }
        }
        return null;
    }
}
