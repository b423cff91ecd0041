package org.sipladder.flow;

import java.util.ArrayList;
import java.util.List;
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
    /** The leg's entries in arrival order. */
    private final Entry[] entries;
    private final String method;
    private final List<Entry> openings = new ArrayList<>();
    private final Entry finalResponse;

    /** The analysis of {@code leg}, whose entries in arrival order are {@code entries}. */
    LegAnalysis(LegState leg, Entry[] entries) {
        this.leg = leg;
        this.entries = entries;
        this.method = openingMethod(leg, entries);
        String originator = null;
        for (Entry e : entries) {
            SipMessage m = e.message();
            if (!e.retransmission() && m.isRequest() && m.method().equals(method) && SipFields.isInitialRequest(m)
                    && (originator == null || originator.equals(m.src().address()))) {
                originator = m.src().address();
                openings.add(e);
            }
        }
        this.finalResponse = openings.isEmpty() ? dialogOpeningResponse() : finalResponseTo(lastAttempt());
    }

    /**
     * When the capture missed the request (it started late, or only one direction was mirrored), the first final
     * answer to a dialog-opening method is still how the leg ended: a lone 403 to an INVITE is a rejected call.
     */
    private Entry dialogOpeningResponse() {
        for (Entry e : entries) {
            SipMessage m = e.message();
            if (!e.retransmission() && m.status() >= 200 && m.cseqMethod() != null && !IN_DIALOG.contains(m.cseqMethod())) {
                return e;
            }
        }
        return null;
    }

    private static String openingMethod(LegState leg, Entry[] entries) {
        if (leg.hasInitialInvite()) {
            return "INVITE";
        }
        for (Entry e : entries) {
            if (e.message().isRequest() && SipFields.isInitialRequest(e.message())) {
                return e.message().method();
            }
        }
        return null;
    }

    private Entry finalResponseTo(Entry request) {
        for (Entry e : entries) {
            if (!e.retransmission() && e.message().status() >= 200 && e.sameTransaction(request)) {
                return e;
            }
        }
        return null;
    }

    LegState leg() {
        return leg;
    }

    /** The first dialog-opening request of the leg, or null when the capture shows none. */
    Entry opening() {
        return openings.isEmpty() ? null : openings.get(0);
    }

    Leg toLeg(int index) {
        SipMessage first = firstRequest();
        // From and To are the same in every message of a dialog; a response stands in for an uncaptured request.
        SipMessage parties = first != null ? first : entries[0].message();
        SipMessage fin = finalResponse == null ? null : finalResponse.message();
        return new Leg(index, leg.callId(), parties.header("From"), parties.header("To"), first == null ? null : first.requestUri(),
                entries[0].message().frame(), entries[entries.length - 1].message().frame(),
                fin == null ? 0 : fin.status(), fin == null ? null : fin.reason(), entries.length);
    }

    private SipMessage firstRequest() {
        if (opening() != null) {
            return opening().message();
        }
        for (Entry e : entries) {
            if (e.message().isRequest()) {
                return e.message();
            }
        }
        return null;
    }

    /** The originator's last attempt (after any 401/407 challenge), which decides the leg. */
    private Entry lastAttempt() {
        return openings.get(openings.size() - 1);
    }

    /** Timings of the last attempt, so that the time a caller took to answer a challenge does not count. */
    Timings timings() {
        Entry start = openings.isEmpty() ? null : lastAttempt();
        if (start == null) {
            return new Timings(null, null, null, null);
        }
        long t0 = start.message().timestampMicros();
        Long firstProvisional = null;
        Long alerting = null;
        for (Entry e : entries) {
            int status = e.message().status();
            if (status >= 100 && status < 200 && start.sameTransaction(e)) {
                long t = e.message().timestampMicros() - t0;
                firstProvisional = firstProvisional == null ? t : firstProvisional;
                if (alerting == null && (status == 180 || status == 183)) {
                    alerting = t;
                }
            }
        }
        boolean invite = "INVITE".equals(method);
        Long toFinal = finalResponse == null ? null : finalResponse.message().timestampMicros() - t0;
        return new Timings(invite ? alerting : null, firstProvisional, toFinal, invite ? duration() : null);
    }

    /**
     * 200 OK to the first BYE after it; unknown (null) when the capture shows no BYE: the call may have gone on
     * long after the capture stopped, and the time to the ACK is not how long anyone talked.
     */
    private Long duration() {
        if (finalResponse == null || finalResponse.message().status() >= 300) {
            return null;
        }
        long answered = finalResponse.message().timestampMicros();
        for (Entry e : entries) {
            if ("BYE".equals(e.message().method()) && e.seq() > finalResponse.seq()) {
                return e.message().timestampMicros() - answered;
            }
        }
        return null;
    }
}
