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
 * SIP_SESSION_TIMER_EXPIRED: an answered call with a session timer (Session-Expires) ended by a BYE when the session
 * expired, with no refresh (re-INVITE or UPDATE) tried since the answer or the last refresh answered 2xx, or a BYE
 * whose Reason names the timer. RFC 4028 section 10: each refresh answered 2xx starts the interval again; without
 * one, the side that does not refresh sends BYE slightly before the session expires (the minimum of 32 s and a third
 * of the interval is recommended), and some send it at expiry. A BYE long after the interval is no timer's: by then
 * neither side enforced one.
 */
final class SessionTimerExpiredCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_SESSION_TIMER_EXPIRED;
    /** How far from RFC 4028's recommended times a BYE may be: timers tick coarsely, and a BYE takes a moment. */
    static final long SLACK_MICROS = 2_000_000;
    /** How long after the session expired a BYE is still its timer's: a timer checked every few seconds. */
    static final long LATE_MICROS = 10_000_000;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            for (DialogRequests bye : context.dialogRequests(flow, "BYE")) {
                SipMessage ok = context.memo().answerOf(flow, bye.request().callId());
                if (ok == null) {
                    continue;
                }
                // the interval runs from the last 2xx that set it: the answer, or a refresh's
                SipMessage since = lastSessionAnswer(flow, ok, bye.request());
                // read back through the context: its other rules have read these messages already
                String sessionExpires = context.header(since, "Session-Expires");
                int seconds = seconds(sessionExpires);
                String reason = context.header(bye.request(), "Reason");
                boolean named = reason != null && reason.toLowerCase(Locale.ROOT).contains("session");
                long elapsed = bye.request().timestampMicros() - since.timestampMicros();
                // a refresh tried and refused or unanswered is that request's finding; LiveKit's hang-up at its trunk's
                // max_call_duration may fall in the window too: that check's
                if (named || seconds > 0 && atExpiry(elapsed, seconds) && !refreshTried(flow, since, bye.request())
                        && !MaxCallDurationCheck.claims(context, bye.request())) {
                    findings.add(finding(flow, bye.request(), ok, since, sessionExpires, seconds, reason,
                            elapsed / 1_000_000));
                }
            }
        }
        return findings;
    }

    private static Finding finding(CallFlow flow, SipMessage bye, SipMessage ok, SipMessage since,
                                   String sessionExpires, int seconds, String reason, long after) {
        String from = since == ok ? "the answer" : "the refresh answered in frame " + since.frame();
        List<String> facts = new ArrayList<>(List.of("200 OK frame " + since.frame() + " Session-Expires: " + sessionExpires,
                "BYE frame " + bye.frame() + " from " + bye.src() + ", " + after + " s after " + from
                        + (reason == null ? "" : ", Reason: " + reason)));
        String explanation = "With RFC 4028 session timers the refresher must send a re-INVITE or UPDATE before the "
                + "Session-Expires interval ends; when none comes, the other side hangs up with a BYE shortly before it "
                + "does (section 10). The capture shows no refresh before the BYE"
                + (seconds > 0 && reason == null ? ", which came when the session expired." : ".");
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

    /**
     * True when a BYE {@code elapsedMicros} after the interval of {@code seconds} started came when the session
     * expired: from the minimum of 32 s and a third of the interval before its end (RFC 4028 section 10's BYE of the
     * side that does not refresh) to {@link #LATE_MICROS} after it.
     */
    static boolean atExpiry(long elapsedMicros, int seconds) {
        long interval = seconds * 1_000_000L;
        long early = Math.min(32_000_000L, interval / 3);
        return elapsedMicros >= interval - early - SLACK_MICROS && elapsedMicros <= interval + LATE_MICROS;
    }

    /**
     * The last 2xx to an INVITE or UPDATE of {@code ok}'s dialog at or after {@code ok} (the answer) and before
     * {@code bye}: the answer itself, or the last refresh's, where the session interval started again.
     */
    private static SipMessage lastSessionAnswer(CallFlow flow, SipMessage ok, SipMessage bye) {
        SipMessage last = ok;
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (!messages.get(i).retransmission() && m.status() >= 200 && m.status() < 300 && m.frame() > ok.frame()
                    && m.frame() < bye.frame() && ok.callId().equals(m.callId())
                    && ("UPDATE".equals(m.cseqMethod()) || "INVITE".equals(m.cseqMethod()))) {
                last = m;
            }
        }
        return last;
    }

    /** True when a refresh (re-INVITE or UPDATE) was sent after {@code since} and before {@code bye}. */
    private static boolean refreshTried(CallFlow flow, SipMessage since, SipMessage bye) {
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (m.isRequest() && m.frame() > since.frame() && m.frame() < bye.frame() && since.callId().equals(m.callId())
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
