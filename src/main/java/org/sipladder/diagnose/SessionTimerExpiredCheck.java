package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;

/**
 * SIP_SESSION_TIMER_EXPIRED: an answered call with a session timer (Session-Expires) ended by a BYE at or after
 * the interval without any refresh (re-INVITE or UPDATE) in between, or a BYE whose Reason names the timer.
 */
final class SessionTimerExpiredCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_SESSION_TIMER_EXPIRED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            for (DialogRequests bye : context.dialogRequests(flow, "BYE")) {
                SipMessage ok = DialogNotFoundCheck.answerOf(flow, bye.request().callId());
                if (ok == null) {
                    continue;
                }
                // read back through the context: its other rules have read these messages already
                String sessionExpires = context.header(ok, "Session-Expires");
                int seconds = seconds(sessionExpires);
                String reason = context.header(bye.request(), "Reason");
                boolean named = reason != null && reason.toLowerCase(Locale.ROOT).contains("session");
                long after = (bye.request().timestampMicros() - ok.timestampMicros()) / 1_000_000;
                // LiveKit's hang-up at its trunk's max_call_duration also comes after any interval: that check's
                if (named || seconds > 0 && after >= seconds && !refreshed(flow, ok, bye.request())
                        && !MaxCallDurationCheck.claims(context, bye.request())) {
                    findings.add(finding(flow, bye.request(), ok, sessionExpires, seconds, reason, after));
                }
            }
        }
        return findings;
    }

    private static Finding finding(CallFlow flow, SipMessage bye, SipMessage ok, String sessionExpires, int seconds,
                                   String reason, long after) {
        List<String> facts = new ArrayList<>(List.of("200 OK frame " + ok.frame() + " Session-Expires: " + sessionExpires,
                "BYE frame " + bye.frame() + " from " + bye.src() + ", " + after + " s after the answer"
                        + (reason == null ? "" : ", Reason: " + reason)));
        String explanation = "With RFC 4028 session timers the refresher must send a re-INVITE or UPDATE before the "
                + "Session-Expires interval ends; when none comes, either side hangs up with a BYE. The capture shows "
                + "no refresh before the BYE.";
        List<String> steps = new ArrayList<>();
        Endpoint liveKit = sessionExpires == null ? null : liveKitRefresher(flow, ok, sessionExpires);
        if (sessionExpires == null && flow.hasHop(ok.src(), Role.LIVEKIT)) {
            facts.set(0, "200 OK frame " + ok.frame() + " from LiveKit (" + ok.src().address() + ") carries no Session-Expires");
            explanation = "LiveKit answered without Session-Expires: it implements no session timer (livekit/sip "
                    + "neither puts Session-Expires in its 200 OK nor sends a refresh; it only answers a peer's "
                    + "re-INVITE, with its own SDP), so by RFC 4028 (section 7.2) no session timer was agreed for "
                    + "this call. " + bye.src().address() + " ended it on a session timer LiveKit never accepted.";
            steps.add("Disable session timers toward LiveKit on " + bye.src().address() + ", or have it refresh "
                    + "the session itself with re-INVITE (LiveKit answers those, and UPDATE with 405).");
        } else if (liveKit != null) {
            Endpoint other = liveKit.equals(ok.dst()) ? ok.src() : ok.dst();
            facts.add("The refresher named in Session-Expires is LiveKit (" + liveKit.address() + ")");
            explanation += " The refresher is LiveKit, and LiveKit never refreshes a session: it sends no re-INVITE or "
                    + "UPDATE during a call (it only answers re-INVITEs), so the call ends at every expiry.";
            steps.add("Make " + other.address() + " the refresher (refresher=" + (liveKit.equals(ok.dst()) ? "uas" : "uac")
                    + ") so that it sends the re-INVITEs, or disable session timers toward LiveKit on "
                    + other.address() + ".");
        } else {
            steps.add("Make the refresher (refresher=uac/uas in Session-Expires) send re-INVITE or UPDATE refreshes, or "
                    + "disable session timers on the SBC for this trunk.");
        }
        steps.add("Check that the refresh reaches the other side (Record-Route, Contact).");
        return DialogRequests.finding(flow, bye, CODE, CODE.title(seconds > 0 ? seconds + " s" : reason), explanation,
                List.of(ok.frame(), bye.frame()), facts, steps);
    }

    /**
     * The refresher Session-Expires names (refresher=uac: the INVITE's sender, uas: the one that answered 200) when it
     * is LiveKit, else null. LiveKit sends no re-INVITE or UPDATE of its own: sip {@code pkg/sip/outbound.go} builds
     * only the initial INVITE ({@code attemptInvite}), REFER ({@code protocol.go NewReferRequest}), CANCEL and BYE,
     * and {@code pkg/sip/inbound.go} {@code processInvite} answers a peer's re-INVITE ({@code AcceptAsKeepAlive}).
     */
    private static Endpoint liveKitRefresher(CallFlow flow, SipMessage ok, String sessionExpires) {
        String value = sessionExpires.toLowerCase(Locale.ROOT).replace(" ", "");
        Endpoint refresher = value.contains("refresher=uac") ? ok.dst() : value.contains("refresher=uas") ? ok.src() : null;
        if (refresher == null) {
            return null;
        }
        return flow.hasHop(refresher, Role.LIVEKIT) ? refresher : null;
    }

    private static boolean refreshed(CallFlow flow, SipMessage ok, SipMessage bye) {
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (m.isRequest() && m.frame() > ok.frame() && m.frame() < bye.frame() && ok.callId().equals(m.callId())
                    && ("UPDATE".equals(m.method()) || "INVITE".equals(m.method()))) {
                return true;
            }
        }
        return false;
    }

    private static int seconds(String sessionExpires) {
        if (sessionExpires == null) {
            return 0;
        }
        String n = sessionExpires.split(";")[0].trim();
        try {
            return Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
