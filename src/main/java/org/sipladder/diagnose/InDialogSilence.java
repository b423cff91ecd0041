package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Unreachable;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.media.RtpStream;
import org.sipladder.sip.SipMessage;

/**
 * The SIP_IN_DIALOG_NO_RESPONSE finding about one unanswered in-dialog request: how often and how long it was sent,
 * what the far end did afterwards (its own BYE, RTP that went on, an ICMP error), and where the request had to go
 * (the remote target's Contact, the route set).
 */
final class InDialogSilence {

    private static final FindingCode CODE = FindingCode.SIP_IN_DIALOG_NO_RESPONSE;

    /** RTP this long after the request is the call going on, not packets already in flight. */
    private static final long RTP_AFTER_MICROS = 2_000_000;

    private InDialogSilence() {
    }

    /**
     * The finding about {@code r}, unanswered, in the dialog {@code answer} (its INVITE's 2xx) set up; null when the
     * capture ends before a single sending could have been resent: then nothing shows it went unanswered.
     */
    static Finding finding(DiagnosisContext context, CallFlow flow, DialogRequests r, SipMessage answer) {
        SipMessage request = r.request();
        long lastSent = r.lastSentMicros();
        Unreachable refused = UnreachableEvidence.first(context, request, UnansweredRequest.TIMER_F_MICROS);
        long captureEnd = context.media().lastPacketMicros();
        long waited = captureEnd - request.timestampMicros();
        boolean early = captureEnd > 0 && waited < UnansweredRequest.TIMER_F_MICROS && refused == null;
        if (early && r.copies() < 2) {
            return null;
        }
        String method = request.method();
        List<Long> frames = new ArrayList<>(List.of(request.frame()));
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "%s frame %d from %s to %s, sent %d time%s over %.1f s: no response at "
                        + "all", method, request.frame(), request.src(), request.dst(), r.copies(),
                r.copies() == 1 ? "" : "s", (lastSent - request.timestampMicros()) / 1e6));
        StringBuilder why = new StringBuilder("Every request gets a response; " + request.src().address()
                + " got none to this " + method + " and gives up after 32 s (Timer F, RFC 3261 17.1.2.2): "
                + request.dst().address() + " never got it, or its answer never came back.");
        if ("BYE".equals(method)) {
            why.append(" The call may stay up on the far side (billing, a stuck channel, a LiveKit room kept until its"
                    + " media timeout).");
        }
        if (refused != null) {
            frames.add(refused.frame());
            facts.add(UnreachableEvidence.fact(refused, request));
            why.append(' ').append(UnreachableEvidence.answered(refused, request));
        }
        farEndAfter(context, flow, request, frames, facts);
        RouteSet routes = RouteSet.of(flow, request);
        RouteSet.Bypass bypass = routes == null ? null : routes.bypass(request);
        String contact = bypass != null ? null : remoteTarget(context, flow, request, answer);
        if (bypass != null) {
            facts.add(bypass.fact());
            why.append(bypass.cause());
        } else if (contact != null) {
            facts.add("The remote target (Contact) of the dialog is " + contact + "; the " + method + " went to "
                    + request.dst());
        }
        if (captureEnd > 0) {
            facts.add(String.format(Locale.ROOT, "The capture ends %.1f s after the first", waited / 1e6));
        }
        if (early) {
            why.append(String.format(Locale.ROOT, " The capture ends %.1f s after it, before the 32 s its sender waits:"
                    + " a response may have come later.", waited / 1e6));
        }
        Finding f = DialogRequests.finding(flow, request, CODE, CODE.title(method, request.dst()), why.toString(),
                frames, facts, steps(request, refused, bypass, contact, early));
        return early ? f.withSeverity(Severity.INFO) : f;
    }

    /** Adds what the far end did after the request: its own BYE, RTP of the call that went on. */
    private static void farEndAfter(DiagnosisContext context, CallFlow flow, SipMessage request, List<Long> frames,
                                    List<String> facts) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (!fm.retransmission() && m.frame() > request.frame() && "BYE".equals(m.method())
                    && request.callId().equals(m.callId()) && m.src().address().equals(request.dst().address())) {
                frames.add(m.frame());
                facts.add(String.format(Locale.ROOT, "%s sent its own BYE (frame %d) %.1f s later: it still had the "
                        + "call", m.src().address(), m.frame(), (m.timestampMicros() - request.timestampMicros()) / 1e6));
                break;
            }
        }
        RtpStream latest = null;
        for (RtpStream s : context.media().streamsOf(request.callId())) {
            if (s.lastMicros() - request.timestampMicros() > RTP_AFTER_MICROS
                    && (latest == null || s.lastMicros() > latest.lastMicros())) {
                latest = s;
            }
        }
        if (latest != null) {
            facts.add(String.format(Locale.ROOT, "RTP %s -> %s went on for %.1f s after it (last packet frame %d)",
                    latest.key().src(), latest.key().dst(),
                    (latest.lastMicros() - request.timestampMicros()) / 1e6, latest.lastFrame()));
        }
    }

    /**
     * The Contact the request's sender had to address it to (RFC 3261 12.2.1.1): the 2xx's for the caller's side, the
     * INVITE's for the callee's; null when not in the capture. Read back for this one request only.
     */
    private static String remoteTarget(DiagnosisContext context, CallFlow flow, SipMessage request, SipMessage answer) {
        if (!request.src().address().equals(answer.src().address())) {
            return context.header(answer, "Contact");
        }
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (m.isRequest() && "INVITE".equals(m.method()) && m.cseqNumber() == answer.cseqNumber()
                    && answer.callId().equals(m.callId())) {
                return context.header(m, "Contact");
            }
        }
        return null;
    }

    /** The fixes, from what the capture shows. */
    private static List<String> steps(SipMessage request, Unreachable refused, RouteSet.Bypass bypass, String contact,
                                      boolean early) {
        List<String> steps = new ArrayList<>();
        String method = request.method();
        if (bypass != null) {
            steps.addAll(bypass.steps());
        }
        if (refused != null) {
            steps.add(UnreachableEvidence.step(refused, request));
        }
        String host = contact == null ? null : SipAddress.parse(contact).host();
        if (host != null && PrivateAddresses.isPrivate(host) && !PrivateAddresses.isPrivate(request.src().address())) {
            steps.add("The Contact " + contact + " is a private address that " + request.src().address() + " cannot "
                    + "reach: make the far end (or the SBC in front of it) put its public address in Contact, or have "
                    + "the sender's proxy fix NATed Contacts (send to where the INVITE came from, RFC 3581).");
        }
        steps.add("Check that " + request.dst() + " is reachable from " + request.src().address() + " for the whole"
                + " call, not only at its start (firewall, a NAT binding that expired since the INVITE, the address, "
                + "port and transport of the Contact), and its logs for the " + method + " of frame "
                + request.frame() + ".");
        if (early) {
            steps.add("Capture for longer (more than 32 s after the " + method + ") to see whether it was answered.");
        }
        return steps;
    }
}
