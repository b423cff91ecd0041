package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;

/**
 * SIP_REQUEST_REJECTED: a dialog without INVITE other than a registration (a SUBSCRIBE, PUBLISH, OPTIONS,
 * MESSAGE...) whose last attempt was refused: a subscription to an event package the server does not support (489),
 * a mailbox it does not know (404), a method it does not implement (501)... Registrations are SIP_REGISTER_REJECTED's,
 * calls SIP_CALL_REJECTED's.
 */
final class RequestRejectedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_REQUEST_REJECTED;

    /** Methods no call depends on: their refusal is a warning (presence, message waiting, keepalives). */
    private static final Set<String> OPTIONAL = Set.of("SUBSCRIBE", "PUBLISH", "OPTIONS");

    /** What to check after a 401 or 407. */
    private static final String CREDENTIALS = "Check the username, password and realm the sender uses for %1$s (often "
            + "those of its registration), and that it answers the challenge.";

    /** 405 Method Not Allowed and 501 Not Implemented: the peer does not take the method. */
    private static final String METHOD_REFUSED = "Turn this request off at the sender (presence, message waiting or "
            + "keepalive settings), or enable it at %1$s.";

    /**
     * The methods LiveKit SIP takes: livekit/sip pkg/sip/server.go Start registers handlers for these (CANCEL is
     * sipgo's transaction layer's); its OnNoRoute answers every other method 405 Method Not Allowed, with no Allow.
     */
    static final String LIVEKIT_METHODS = "INVITE, ACK, CANCEL, BYE, OPTIONS and NOTIFY";

    /** LiveKit's 405: no setting of LiveKit enables another method. */
    private static final StatusMeaning LIVEKIT_REFUSED = new StatusMeaning(405, 405, "LiveKit SIP handles only "
            + LIVEKIT_METHODS + " and answers every other method 405 Method Not Allowed, with no Allow header; no "
            + "LiveKit setting enables it",
            "Turn this request off at the sender for the LiveKit destination (in Jambonz: on the LiveKit carrier); "
                    + "LiveKit never takes it.");

    /**
     * What a status means to a request other than INVITE and REGISTER and what to check, from the most to the least
     * specific ({@link StatusMeaning#check(String, String)}).
     */
    private static final List<StatusMeaning> MEANINGS = List.of(
            new StatusMeaning(401, 401, "it asks for credentials", CREDENTIALS),
            new StatusMeaning(407, 407, "a proxy asks for credentials", CREDENTIALS),
            new StatusMeaning(403, 403, "it refuses this sender or this request (the account may not use it, or "
                    + "the source address is not allowed)",
                    "Check what the account may do at %1$s (presence, voicemail...) and that it accepts requests "
                            + "from %2$s."),
            new StatusMeaning(404, 404, "it does not know what the request is about (the user or mailbox of the "
                    + "Request-URI)",
                    "Check that the Request-URI's user exists at %1$s (for message-summary: that it has a mailbox), "
                            + "or turn the request off at the sender."),
            new StatusMeaning(405, 405, "it does not allow this method (its Allow header lists those it does)",
                    METHOD_REFUSED),
            new StatusMeaning(480, 480, "what the request is about is unavailable now (the user is not registered "
                    + "or not reachable)",
                    "Check that the Request-URI's user is registered or reachable at %1$s; the sender tries again "
                            + "later."),
            new StatusMeaning(482, 482, "it saw " + RequestLoop.MEANING, RequestLoop.CHECK),
            new StatusMeaning(489, 489, "it does not support the event package the request names (its Event "
                    + "header)",
                    "Turn that subscription or publication off at the sender (presence, dialog or message-summary "
                            + "settings), or enable the event package at %1$s."),
            new StatusMeaning(501, 501, "it does not implement this method", METHOD_REFUSED),
            new StatusMeaning(300, 399, "it redirected the request",
                    "Send the request where the redirect's Contact points."),
            new StatusMeaning(400, 499, "it rejected the request",
                    "Read the reason phrase, the Warning and the logs of %1$s for the exact cause."),
            new StatusMeaning(500, 599, "it failed or is unavailable",
                    "Check the health of %1$s; retry after Retry-After when it gives one."),
            new StatusMeaning(600, 699, "it declined the request everywhere", "Ask the operator of %1$s why it "
                    + "declines it."));

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(0);
        for (CallFlow flow : context.flows()) {
            String method = flow.aLeg().method();
            if (!flow.failed() || method == null || flow.aLeg().isCall() || "REGISTER".equals(method)) {
                continue; // nearly every call
            }
            List<DialogRequests> attempts = DialogRequests.attempts(context.dialogRequests(flow, method));
            if (attempts.isEmpty()) {
                // the answers alone (the capture shows one direction)
                SipMessage answer = Findings.lastAnswer(flow, method, 300);
                if (answer != null) {
                    findings.add(finding(flow, method, null,
                            List.of(new DialogRequests(null, answer, 1, answer.timestampMicros())), List.of()));
                }
                continue;
            }
            DialogRequests last = attempts.get(attempts.size() - 1);
            if (last.finalResponse() != null && last.finalResponse().status() >= 300) {
                List<DialogRequests> path = DialogRequests.relayPath(context.dialogRequests(flow, method), last);
                findings.add(finding(flow, method, last.request(), path, attempts));
            }
        }
        return findings;
    }

    /**
     * The finding about the answer to {@code request} (null: not in the capture), the last of {@code attempts}; its
     * {@code path} runs from the hop that made the answer to the request, each step's answer relayed by the next.
     */
    private static Finding finding(CallFlow flow, String method, SipMessage request, List<DialogRequests> path,
                                   List<DialogRequests> attempts) {
        SipMessage answer = path.get(path.size() - 1).finalResponse();
        SipMessage made = path.get(0).finalResponse();
        String peer = made.src().address();
        String sender = made.dst().address();
        int status = answer.status();
        boolean challenge = status == 401 || status == 407;
        StatusMeaning m = status == 405 && flow.hasHop(made.src(), Role.LIVEKIT) ? LIVEKIT_REFUSED
                : StatusMeaning.of(MEANINGS, status);
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>(2);
        if (request == null) {
            facts.add(peer + " answered a " + method + " with " + answer.label() + " (frame " + answer.frame() + ")");
            facts.add(Findings.requestNotCaptured(method));
        } else {
            frames.add(request.frame());
            facts.add(method + " frame " + request.frame() + " from " + request.src().address() + " to " + request.dst() + ", answered "
                    + answer.label() + " (frame " + answer.frame() + ")"
                    + (attempts.size() < 2 ? "" : (attempts.size() == 2 ? "; the attempt before it was answered "
                    : "; the attempts before it were answered ") + String.join(", ",
                    attempts.subList(0, attempts.size() - 1).stream().map(DialogRequests::finalResponse)
                            .filter(r -> r != null).map(SipMessage::label).toList())));
            String event = request.header("Event");
            if (event != null) {
                facts.add("Event: " + event);
            }
        }
        frames.add(answer.frame());
        DialogRequests.addRelayEvidence(path, method, facts, frames);
        if (status == 482 && path.get(0).request() != null) {
            RequestLoop.add(flow, path.get(0).request(), facts, frames);
        }
        ResponseFacts.add(made, facts);
        boolean credentialsRefused = challenge && request != null && DialogRequests.hasCredentials(request);
        // a 405 whose own Allow lists the method refuses it here, not everywhere
        String allow = status == 405 ? made.header("Allow") : null;
        boolean allowed = allow != null && Arrays.stream(allow.split(","))
                .anyMatch(a -> a.trim().equalsIgnoreCase(method));
        String why = peer + " answered " + answer.label() + " to the " + method + ": "
                + (credentialsRefused ? "it did not accept the credentials the sender gave (a wrong username or "
                + "password, or a realm other than the challenge's)" : challenge ? m.meaning() + ", and no " + method
                + " with them followed" : allowed ? "it refuses the method for this request although its Allow header "
                + "lists " + method + " (not for this Request-URI, event package or account)" : m.meaning()) + "."
                + ("OPTIONS".equals(method) ? " It did answer, so it is up: a keepalive that takes any answer as alive"
                + " is not affected." : "")
                + (request == null ? " Capture both directions to see the " + method + " and what follows." : "");
        Finding f = new Finding(CODE, CODE.severity(), CODE.title(method, peer, answer.label()), why,
                answer.callId(), flow.id(), false, Findings.evidence(frames, List.of(), facts),
                Findings.fix(List.of(m.check(peer, sender)), List.of(), null));
        return OPTIONAL.contains(method) ? f.withSeverity(Severity.WARNING) : f;
    }
}
