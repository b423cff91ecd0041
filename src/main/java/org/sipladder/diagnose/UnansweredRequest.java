package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Unreachable;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_NO_FINAL_RESPONSE of a dialog without INVITE (an OPTIONS ping, a REGISTER, a SUBSCRIBE...): the last attempt of
 * the request that opened it got no final response. What it says depends on what the peer did answer: nothing at
 * all (is it reachable?), a provisional response (it got the request), or an earlier attempt (a REGISTER's 401,
 * then silence for the one with credentials).
 */
final class UnansweredRequest {

    private static final FindingCode CODE = FindingCode.SIP_NO_FINAL_RESPONSE;

    /**
     * How long a non-INVITE request waits for a final response before its transaction times out (Timer F, 64 * T1:
     * RFC 3261 17.1.2.2).
     */
    static final long TIMER_F_MICROS = 32_000_000;

    private UnansweredRequest() {
    }

    /** The finding about {@code flow}, a dialog without INVITE, when its last attempt got no final response; else null. */
    static Finding finding(DiagnosisContext context, CallFlow flow) {
        String method = flow.aLeg().method();
        if (method == null) {
            return null;
        }
        List<DialogRequests> attempts = DialogRequests.attempts(context.dialogRequests(flow, method));
        if (attempts.isEmpty()) {
            return provisionalOnly(flow, method);
        }
        if (attempts.get(attempts.size() - 1).finalResponse() != null) {
            return null; // answered: the dialog failed for another reason
        }
        DialogRequests last = attempts.get(attempts.size() - 1);
        SipMessage earlier = attempts.size() < 2 ? null : attempts.get(attempts.size() - 2).finalResponse();
        List<SipMessage> provisional = provisional(flow, last.request());
        Unreachable refused = provisional.isEmpty()
                ? UnreachableEvidence.first(context, last.request(), TIMER_F_MICROS) : null;
        // an attempt before it that went unanswered for its whole Timer F shows the silence already
        DialogRequests before = attempts.size() < 2 ? null : attempts.get(attempts.size() - 2);
        DialogRequests timedOut = before != null && before.finalResponse() == null
                && last.request().timestampMicros() - before.request().timestampMicros() >= TIMER_F_MICROS ? before : null;
        return finding(flow, last, earlier, provisional, context.media().lastPacketMicros(), refused, timedOut);
    }

    /**
     * A dialog the capture holds only provisional responses of (a 100 Trying): neither the request nor a final answer,
     * so that it shows one direction, or starts or ends in the middle of the exchange; null when it holds more.
     */
    private static Finding provisionalOnly(CallFlow flow, String method) {
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (m.isRequest() || m.status() >= 200) {
                return null;
            }
        }
        SipMessage first = messages.get(0).message();
        List<String> facts = List.of(first.src().address() + " answered a " + method + " with " + first.label()
                + " (frame " + first.frame() + "), and the capture holds nothing else of it",
                Findings.requestNotCaptured(method));
        Finding f = new Finding(CODE, CODE.severity(), CODE.title(method, first.src().toString()), "Only a provisional "
                + "response of this " + method + " is in the capture: how it was sent and answered in the end, the "
                + "capture does not show. Capture both directions, from before the call until it ends.",
                first.callId(), flow.id(), false, Findings.evidence(List.of(first.frame()), List.of(), facts),
                Findings.fix(List.of("Capture both directions of " + first.src().address() + "'s traffic (or on a "
                        + "host that sees both), from before the " + method + " until the call ends."), List.of(), null));
        return f.withSeverity(Severity.WARNING);
    }

    /** The provisional responses to {@code request}. */
    private static List<SipMessage> provisional(CallFlow flow, SipMessage request) {
        List<SipMessage> found = new ArrayList<>(2);
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            if (!m.isRequest() && m.status() < 200 && !messages.get(i).retransmission()
                    && m.cseqNumber() == request.cseqNumber() && request.method().equals(m.cseqMethod())
                    && request.callId().equals(m.callId())) {
                found.add(m);
            }
        }
        return found;
    }

    /**
     * The finding about {@code last}, the unanswered attempt; {@code earlier}: the final response to the attempt
     * before it, or null; {@code captureEndMicros}: when the capture ends, 0 when not known; {@code refused}: an ICMP
     * error about the attempt, or null; {@code timedOut}: the attempt before it when that one went unanswered for
     * its whole Timer F, or null.
     */
    private static Finding finding(CallFlow flow, DialogRequests last, SipMessage earlier, List<SipMessage> provisional,
                                   long captureEndMicros, Unreachable refused, DialogRequests timedOut) {
        SipMessage request = last.request();
        String method = request.method();
        String dst = request.dst().toString();
        int sent = last.copies();
        List<String> facts = new ArrayList<>();
        facts.add(method + " frame " + request.frame() + " to " + dst + ", sent " + sent + (sent == 1 ? " time" : " times"));
        // the peer answered an earlier attempt: it is reachable, and the silence is about this one
        boolean answeredBefore = earlier != null && earlier.src().address().equals(request.dst().address());
        if (answeredBefore) {
            facts.add("The " + method + " before it was answered " + earlier.label() + " (frame " + earlier.frame() + ")"
                    + (DialogRequests.hasCredentials(request) ? "; this one carries credentials" : ""));
        }
        facts.add(provisional.isEmpty() ? (answeredBefore ? "No response to this one" : "No response at all")
                : "Only provisional responses: " + String.join(", ", provisional.stream().map(SipMessage::label).toList()));
        if (refused != null) {
            facts.add(UnreachableEvidence.fact(refused, request));
        }
        if (timedOut != null) {
            facts.add(String.format(Locale.ROOT, "The %s before it (frame %d) was sent %d time%s and got no answer in "
                    + "the %.1f s before this one", method, timedOut.request().frame(), timedOut.copies(),
                    timedOut.copies() == 1 ? "" : "s",
                    (request.timestampMicros() - timedOut.request().timestampMicros()) / 1e6));
        }
        long waited = captureEndMicros - request.timestampMicros();
        // a refusal is an answer, and an earlier attempt that timed out shows the silence: the capture's end does not
        // leave the outcome open
        boolean early = captureEndMicros > 0 && waited < TIMER_F_MICROS && refused == null && timedOut == null;
        if (captureEndMicros > 0) {
            facts.add(String.format(Locale.ROOT, "The capture ends %.1f s after the first", waited / 1e6));
        }
        String ended = early ? String.format(Locale.ROOT, " The capture ends %.1f s after it, before the 32 s its sender"
                + " waits (Timer F): a response may have come later.", waited / 1e6) : "";
        String why = "Every request gets a final response; without one, the sender of this " + method
                + " gives up after 32 s (Timer F). " + (refused != null ? UnreachableEvidence.answered(refused, request)
                : silence(request, earlier, answeredBefore, provisional, early) + ended);
        List<String> steps = new ArrayList<>();
        String capture = "Capture for longer (more than 32 s after the " + method + ") to see how it was answered.";
        if (early && (answeredBefore || !provisional.isEmpty())) {
            steps.add(capture);
        }
        if (answeredBefore) {
            steps.add("If no answer ever comes, check the logs of " + dst + " for the " + method + " of frame "
                    + request.frame() + ", and whether it rate-limits or blocks " + request.src().address() + ".");
        } else if (!provisional.isEmpty()) {
            steps.add(dst + " is reachable (it answered " + provisional.get(0).label() + "): check why it, or the server"
                    + " it passes the " + method + " to, never answered (its logs, its next hop).");
        } else {
            steps.add(refused != null ? UnreachableEvidence.step(refused, request) : "Check that " + dst + " is up and "
                    + "reachable from " + request.src().address() + " (firewall, security groups, address, port and "
                    + "transport).");
            if (early) {
                steps.add(capture);
            }
            if ("OPTIONS".equals(method)) {
                steps.add("Where this is a keepalive to a peer that no longer exists, remove the peer from the sender's "
                        + "configuration.");
            }
        }
        List<Long> frames = new ArrayList<>(3);
        if (earlier != null && answeredBefore) {
            frames.add(earlier.frame());
        }
        frames.add(request.frame());
        if (refused != null) {
            frames.add(refused.frame());
        }
        Finding f = new Finding(CODE, CODE.severity(), CODE.title(method, dst), why, request.callId(), flow.id(), false,
                Findings.evidence(frames, List.of(), facts),
                Findings.fix(steps, List.of(), null));
        // sent once and the capture soon over: nothing shows that it failed yet
        return early && sent == 1 ? f.withSeverity(Severity.WARNING) : f;
    }

    /** What the silence means, from what the peer did answer. */
    private static String silence(SipMessage request, SipMessage earlier, boolean answeredBefore,
                                  List<SipMessage> provisional, boolean early) {
        String dst = request.dst().toString();
        if (answeredBefore) {
            return dst + " answered the " + request.method() + " before it (" + earlier.label() + "), so it is reachable;"
                    + " this one got no answer" + (early ? "." : ": " + dst + " dropped it (overload, a rate limit, a"
                    + " block after failed logins), or its answer did not reach the capture point.");
        }
        if (!provisional.isEmpty()) {
            return dst + " answered " + provisional.get(0).label() + ", so it got the request, but never decided: it,"
                    + " or the server it passes the request to, did not answer.";
        }
        return "Nothing came back from " + dst + ": it is down or does not listen on that address, port or transport, a"
                + " firewall drops the request or the answer, or the capture does not show the return path.";
    }
}
