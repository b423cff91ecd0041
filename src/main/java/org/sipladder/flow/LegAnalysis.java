package org.sipladder.flow;

import java.util.Set;
import org.sipladder.sip.SipMessage;

/**
 * What one leg's messages say: its opening request, who sent it, the final answer and the timings.
 * The "opening" requests are the INVITEs (or, in a leg without INVITE, the requests of the first request's
 * method) that open a dialog, sent by the leg's originator; when the originator retries (after a 401/407)
 * the last attempt decides the leg's final status.
 */
final class LegAnalysis {

    /** Methods of requests sent inside a dialog: their answers say nothing about how the dialog was set up. */
    private static final Set<String> IN_DIALOG = Set.of("ACK", "BYE", "CANCEL", "PRACK", "UPDATE", "INFO", "NOTIFY",
            "REFER");

    private final LegState leg;
    /** The leg's messages in arrival order, and their arrival numbers (a retransmission's negative). */
    private final SipMessage[] messages;
    private final int[] arrivals;
    private final String method;
    /**
     * The first and the last of the dialog-opening requests (indexes into {@link #messages}), -1 when the capture
     * shows none: the first is the leg's opening request, the last the originator's last attempt.
     */
    private int firstOpening = -1;
    private int lastOpening = -1;
    /** Index of the final response that decides the leg, or -1. */
    private final int finalResponse;

    /**
     * The analysis of {@code leg}, whose messages in arrival order are {@code messages}, with the arrival numbers
     * {@link LegState#messages} gave.
     */
    LegAnalysis(LegState leg, SipMessage[] messages, int[] arrivals) {
        this.leg = leg;
        this.messages = messages;
        this.arrivals = arrivals;
        this.method = openingMethod(leg, messages);
        String originator = null;
        for (int i = 0; i < messages.length; i++) {
            SipMessage m = messages[i];
            if (arrivals[i] >= 0 && m.isRequest() && m.method().equals(method) && SipFields.isInitialRequest(m)
                    && (originator == null || originator.equals(m.src().address()))) {
                originator = m.src().address();
                firstOpening = firstOpening < 0 ? i : firstOpening;
                lastOpening = i;
            }
        }
        this.finalResponse = lastOpening < 0 ? dialogOpeningResponse() : finalResponseTo(lastOpening);
    }

    /**
     * When the capture missed the request (it started late, or only one direction was mirrored), the first final
     * answer to a dialog-opening method is still how the leg ended: a lone 403 to an INVITE is a rejected call.
     */
    private int dialogOpeningResponse() {
        for (int i = 0; i < messages.length; i++) {
            SipMessage m = messages[i];
            if (arrivals[i] >= 0 && m.status() >= 200 && m.cseqMethod() != null && !IN_DIALOG.contains(m.cseqMethod())) {
                return i;
            }
        }
        return -1;
    }

    private static String openingMethod(LegState leg, SipMessage[] messages) {
        if (leg.hasInitialInvite()) {
            return "INVITE";
        }
        for (SipMessage m : messages) {
            if (m.isRequest() && SipFields.isInitialRequest(m)) {
                return m.method();
            }
        }
        return null;
    }

    /**
     * The first final response after the request at {@code index} in its transaction: one captured before it answers
     * something else (a UA that sends no Via or CSeq makes every answer look like one to every request).
     */
    private int finalResponseTo(int index) {
        SipMessage request = messages[index];
        for (int i = index + 1; i < messages.length; i++) {
            SipMessage m = messages[i];
            if (arrivals[i] >= 0 && m.status() >= 200 && SipFields.sameTransaction(m, request)) {
                return i;
            }
        }
        return unmatchedResponseTo(index);
    }

    /**
     * The first final response after the request at {@code index} that names it by CSeq (number and method) but
     * carries another top Via branch, or -1: it matches no transaction (RFC 3261 17.1.3), yet it is the answer its
     * sender gave, and the diagnosis tells of the branch. Kept so that the call's outcome is not lost.
     */
    private int unmatchedResponseTo(int index) {
        SipMessage request = messages[index];
        for (int i = index + 1; i < messages.length; i++) {
            SipMessage m = messages[i];
            if (arrivals[i] >= 0 && m.status() >= 200 && !m.malformed() && m.sameCseq(request) && !m.sameBranch(request)
                    && m.src().address().equals(request.dst().address())) {
                return i;
            }
        }
        return -1;
    }

    LegState leg() {
        return leg;
    }

    Leg toLeg(int index, int retryOf) {
        SipMessage first = firstRequest();
        // From and To are the same in every message of a dialog; a response stands in for an uncaptured request.
        SipMessage parties = first != null ? first : messages[0];
        SipMessage fin = finalResponse < 0 ? null : messages[finalResponse];
        return new Leg(index, leg.callId(), parties.header("From"), parties.header("To"), first == null ? null : first.requestUri(),
                messages[0].frame(), messages[messages.length - 1].frame(),
                fin == null ? 0 : fin.status(), fin == null ? null : fin.reason(), messages.length, setupCaptured(),
                dialogMethod(fin), retryOf, leg.renewal < 0 ? null : leg.store().get(leg.renewal));
    }

    /** The opening method; when no opening request was captured, the CSeq method of its answer or the first message. */
    private String dialogMethod(SipMessage fin) {
        if (method != null) {
            return method;
        }
        return fin != null ? fin.cseqMethod() : messages[0].cseqMethod();
    }

    /**
     * True when the capture shows any of the dialog's opening transaction: its initial request, a final answer to a
     * dialog-opening method, or any message of a method other than the in-dialog ones.
     */
    private boolean setupCaptured() {
        if (lastOpening >= 0 || finalResponse >= 0) {
            return true;
        }
        for (SipMessage m : messages) {
            if (m.cseqMethod() == null || !IN_DIALOG.contains(m.cseqMethod())) {
                return true;
            }
        }
        return false;
    }

    /** The first dialog-opening request of the leg, else its first request, or null when the capture shows none. */
    private SipMessage firstRequest() {
        if (firstOpening >= 0) {
            return messages[firstOpening];
        }
        for (SipMessage m : messages) {
            if (m.isRequest()) {
                return m;
            }
        }
        return null;
    }

    /** Timings of the last attempt, so that the time a caller took to answer a challenge does not count. */
    Timings timings() {
        if (lastOpening < 0) {
            return new Timings(null, null, null, null);
        }
        SipMessage start = messages[lastOpening];
        long t0 = start.timestampMicros();
        Long firstProvisional = null;
        Long alerting = null;
        for (int i = lastOpening + 1; i < messages.length; i++) {
            SipMessage m = messages[i];
            int status = m.status();
            if (status >= 100 && status < 200 && SipFields.sameTransaction(start, m)) {
                long t = m.timestampMicros() - t0;
                firstProvisional = firstProvisional == null ? t : firstProvisional;
                if (alerting == null && (status == 180 || status == 183)) {
                    alerting = t;
                }
            }
        }
        boolean invite = "INVITE".equals(method);
        Long toFinal = finalResponse < 0 ? null : messages[finalResponse].timestampMicros() - t0;
        return new Timings(invite ? alerting : null, firstProvisional, toFinal, invite ? duration() : null);
    }

    /**
     * 200 OK to the BYE that ended the dialog ({@link DialogEnd}); unknown (null) when the capture shows no BYE: the
     * call may have gone on long after the capture stopped, and the time to the ACK is not how long anyone talked.
     */
    private Long duration() {
        if (finalResponse < 0 || messages[finalResponse].status() >= 300) {
            return null;
        }
        // a leg's messages are in arrival order: those after the answer come after it
        int ending = DialogEnd.endingBye(messages, arrivals, finalResponse + 1);
        return ending < 0 ? null : messages[ending].timestampMicros() - messages[finalResponse].timestampMicros();
    }
}
