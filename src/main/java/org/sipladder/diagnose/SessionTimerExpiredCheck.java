package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
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
                if (named || seconds > 0 && after >= seconds && !refreshed(flow, ok, bye.request())) {
                    findings.add(DialogRequests.finding(flow, bye.request(), CODE,
                            CODE.title(seconds > 0 ? seconds + " s" : reason),
                            "With RFC 4028 session timers the refresher must send a re-INVITE or UPDATE before the "
                                    + "Session-Expires interval ends; when none comes, either side hangs up with a BYE. "
                                    + "The capture shows no refresh before the BYE.",
                            List.of(ok.frame(), bye.request().frame()),
                            List.of("200 OK frame " + ok.frame() + " Session-Expires: " + sessionExpires,
                                    "BYE frame " + bye.request().frame() + " from " + bye.request().src() + ", " + after
                                            + " s after the answer" + (reason == null ? "" : ", Reason: " + reason)),
                            List.of("Make the refresher (refresher=uac/uas in Session-Expires) send re-INVITE or UPDATE "
                                            + "refreshes, or disable session timers on the SBC for this trunk.",
                                    "Check that the refresh reaches the other side (Record-Route, Contact).")));
                }
            }
        }
        return findings;
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
