package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.livekit.TrunkAdmission;
import org.sipladder.sip.SipMessage;

/**
 * The route set a dialog's 2xx to its INVITE set up (its Record-Route entries, RFC 3261 12.1.1 and 12.1.2), and the
 * proof that an in-dialog request went around it: every in-dialog request must pass through the route set (12.2.1.1),
 * so one sent neither from nor to any record-routing proxy skipped them all.
 *
 * @param answer the 2xx to the dialog's INVITE that carried the Record-Route entries
 * @param entries the Record-Route entries as the 2xx lists them: the proxy nearest the callee first
 */
record RouteSet(SipMessage answer, List<String> entries) {

    /**
     * The route set of {@code request}'s dialog, or null when no 2xx to its INVITE in the flow had Record-Route.
     * Reads the Record-Route back: call it only for a request that failed.
     */
    static RouteSet of(CallFlow flow, SipMessage request) {
        String toTag = request.toTag();
        String fromTag = SipMessage.tagOf(request.header("From"));
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            // the 2xx's To tag is the callee's: the To tag of the caller's requests, the From tag of the callee's
            if (!m.isRequest() && m.status() >= 200 && m.status() < 300 && "INVITE".equals(m.cseqMethod())
                    && request.callId().equals(m.callId()) && m.toTag() != null
                    && (m.toTag().equals(toTag) || m.toTag().equals(fromTag))) {
                List<String> entries = new ArrayList<>();
                for (String value : m.headers("Record-Route")) {
                    for (String entry : value.split(",\\s*(?=<)")) {
                        entries.add(entry.trim());
                    }
                }
                if (!entries.isEmpty()) {
                    return new RouteSet(m, List.copyOf(entries));
                }
            }
        }
        return null;
    }

    /**
     * The entry {@code request}'s sender had to send it to first: each proxy puts its entry on top as the INVITE
     * passes, so the callee's first hop is the first entry (12.1.1 keeps the order) and the caller's the last (12.1.2
     * reverses it).
     */
    String firstHop(SipMessage request) {
        String fromTag = SipMessage.tagOf(request.header("From"));
        boolean fromCallee = fromTag != null && fromTag.equals(answer.toTag());
        return fromCallee ? entries.get(0) : entries.get(entries.size() - 1);
    }

    /**
     * The bypass {@code request} proves, or null: it is when every entry names its proxy by address and the request
     * went neither from nor to one of them (from one: a proxy passing it on, seen after the route set's first hop).
     * An entry with a host name could resolve to the address used, so it proves nothing.
     */
    Bypass bypass(SipMessage request) {
        List<String> hosts = new ArrayList<>(entries.size());
        for (String entry : entries) {
            String host = SipAddress.parse(entry).host();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (!TrunkAdmission.isIpLiteral(host)) {
                return null;
            }
            hosts.add(host);
        }
        if (hosts.contains(request.src().address().toLowerCase(java.util.Locale.ROOT))
                || hosts.contains(request.dst().address().toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
        String first = firstHop(request);
        return new Bypass(this, request, first, SipAddress.parse(first).host());
    }

    /**
     * An in-dialog request sent around its dialog's route set.
     *
     * @param routes the route set
     * @param request the request, as sent by the UA
     * @param firstEntry the route set entry it had to go to first
     * @param firstHost that entry's host
     */
    record Bypass(RouteSet routes, SipMessage request, String firstEntry, String firstHost) {

        /** The fact for the evidence. */
        String fact() {
            return "The 200 OK (frame " + routes.answer().frame() + ") had Record-Route "
                    + String.join(", ", routes.entries()) + ": " + request.src().address() + " had to send the "
                    + request.method() + " to " + firstHost + " first, but sent it straight to " + request.dst()
                    + (request.header("Route") == null ? " without Route headers" : " (Route " + request.header("Route")
                    + ")");
        }

        /** Why the request failed, for the finding's explanation. */
        String cause() {
            return " Cause: the " + request.method() + " went around the route set. The 200 OK carried Record-Route ("
                    + String.join(", ", routes.entries()) + "), so every request of the dialog must pass through "
                    + firstHost + " first (RFC 3261 12.2.1.1); " + request.src().address() + " sent it straight to "
                    + request.dst() + ", skipping the proxy that asked to stay in the path, and the request failed "
                    + "there.";
        }

        /** The fixes, most likely first. */
        List<String> steps() {
            return List.of("Make " + request.src().address() + " honour Record-Route: send in-dialog requests (ACK, BYE, "
                            + "re-INVITE) to " + firstHost + " with the route set as Route headers ("
                            + String.join(", ", routes.entries()) + "), not straight to the Contact.",
                    "Or, if " + firstHost + " need not see in-dialog requests, stop it from record-routing (and make "
                            + "sure the Contact it passes on is reachable directly).");
        }
    }
}
