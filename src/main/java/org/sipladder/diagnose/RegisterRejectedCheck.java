package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.Counted;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Role;
import org.sipladder.flow.SipAddresses;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipUriEquivalence;

/**
 * SIP_REGISTER_REJECTED: a registration whose last attempt was refused. What it says depends on the status: a
 * challenge of a REGISTER that carried credentials (a 401/407 loop), a challenge nobody answered, a refused account
 * (403), an unknown user or domain (404), a proxy loop (483), no registrar reachable (480, 5xx), an interval too
 * brief (423)... A last attempt the capture holds no answer to is no rejection (SIP_NO_FINAL_RESPONSE tells it).
 */
final class RegisterRejectedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_REGISTER_REJECTED;

    /** 405 Method Not Allowed and 501 Not Implemented: the peer is no registrar. */
    private static final String NO_REGISTRAR = "it does not take REGISTER: it is no registrar, or not for this domain";
    private static final String REGISTRAR_ELSEWHERE =
            "Send the registration to the provider's registrar (its domain or address), not to %1$s.";
    /**
     * LiveKit SIP's 405: it handles INVITE, ACK, BYE, OPTIONS and NOTIFY (and CANCEL in its transaction layer) and
     * answers every other method 405 Method Not Allowed with no Allow header (livekit/sip pkg/sip/server.go: Start
     * registers those handlers, OnNoRoute answers the rest). It keeps no registrations: an inbound trunk admits calls.
     */
    private static final StatusMeaning LIVEKIT_NO_REGISTRAR = new StatusMeaning(405, 405,
            "LiveKit SIP takes no registrations: it answers every REGISTER 405 Method Not Allowed (it handles only "
                    + RequestRejectedCheck.LIVEKIT_METHODS + "), and admits calls through an inbound trunk "
                    + "instead, by the caller's source address or by digest credentials on each INVITE",
            "Stop registering to LiveKit (in Jambonz: untick registration on the LiveKit carrier) and let calls in "
                    + "with an inbound trunk: allowed addresses with %2$s (the address LiveKit sees: the public one behind a NAT) (lk sip inbound create with allowedAddresses), "
                    + "or authUsername/authPassword that the sender answers on each INVITE's 407.");

    /**
     * What a status means to a REGISTER and what to check, from the most to the least specific ({@link
     * StatusMeaning#check(String, String)}).
     */
    private static final List<StatusMeaning> MEANINGS = List.of(
            new StatusMeaning(403, 403, "it refuses this account (the username is unknown, the account is disabled, "
                    + "the password is wrong, which some registrars answer with 403, or the source address is not "
                    + "allowed)",
                    "Check that the account exists and is enabled at the registrar, its username and password, and "
                            + "that the registrar accepts registrations from %2$s."),
            new StatusMeaning(404, 404, "it does not know the user or the domain being registered (the address of "
                    + "record in To)",
                    "Check the username and the domain of the registration (To and Request-URI) against the "
                            + "provider's: the domain must be one its registrar serves."),
            new StatusMeaning(405, 405, NO_REGISTRAR, REGISTRAR_ELSEWHERE),
            new StatusMeaning(408, 408, "no answer came back in time from the registrar behind it",
                    "Check that the registrar behind %1$s is up and reachable from it."),
            new StatusMeaning(423, 423, "the registration interval (Expires) is shorter than the registrar's minimum",
                    "Raise the registration's expiry to at least the registrar's Min-Expires."),
            new StatusMeaning(480, 480, "it could not reach a registrar for this domain now (no DNS result for the "
                    + "domain, or the registrar behind it is down)",
                    "Check that the Request-URI's domain resolves (DNS NAPTR, SRV, A) where %1$s looks it up and "
                            + "that the registrar is up; retry after Retry-After when it gives one."),
            new StatusMeaning(483, 483, "the REGISTER went round a loop of proxies until its Max-Forwards ran out (a "
                    + "proxy routes the registrar's domain back to itself or to a proxy already on the path)",
                    "Check how %1$s and the proxies behind it route the Request-URI's domain: it must lead to the "
                            + "registrar, not back to a proxy already on the path (the Via headers of the 483 show "
                            + "the loop)."),
            new StatusMeaning(501, 501, NO_REGISTRAR, REGISTRAR_ELSEWHERE),
            new StatusMeaning(300, 399, "it redirected the registration elsewhere",
                    "Register where the redirect's Contact points, or configure that registrar directly."),
            new StatusMeaning(400, 499, "it rejected the REGISTER",
                    "Read the reason phrase and the Warning, and the registrar's logs, for the exact cause."),
            new StatusMeaning(500, 599, "the registrar failed or is unavailable (overloaded, in maintenance, or its "
                    + "own next hop or database failed)",
                    "Check the registrar's health; retry after Retry-After when it gives one, or register with "
                            + "another of the provider's registrars."),
            new StatusMeaning(600, 699, "the registrar declined the registration everywhere",
                    "Ask the provider why it declines this account."));

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            if (!flow.failed() || !"REGISTER".equals(flow.aLeg().method())) {
                continue; // nearly every call: its requests' methods need not be read
            }
            List<DialogRequests> attempts = DialogRequests.attempts(context.dialogRequests(flow, "REGISTER"));
            if (attempts.isEmpty()) {
                // a failed dialog of registrar answers alone (the capture shows one direction) is explained by them
                SipMessage answer = Findings.lastAnswer(flow, "REGISTER", 200);
                if (answer != null && answer.status() >= 300) {
                    findings.add(withoutRegister(flow, answer));
                }
                continue;
            }
            SipMessage last = attempts.get(attempts.size() - 1).finalResponse();
            // no answer to the last attempt in the capture (it ended first): nothing was refused yet
            if (last != null && last.status() >= 300) {
                List<DialogRequests> path = DialogRequests.relayPath(context.dialogRequests(flow, "REGISTER"),
                        attempts.get(attempts.size() - 1));
                findings.add(finding(flow, attempts, path, context.media().lastPacketMicros()));
            }
        }
        return findings;
    }

    /** A registrar's refusal whose REGISTER is not in the capture: what the answer alone says. */
    private static Finding withoutRegister(CallFlow flow, SipMessage answer) {
        boolean challenge = answer.status() == 401 || answer.status() == 407;
        String peer = answer.src().address();
        List<String> facts = new ArrayList<>(List.of(peer + " answered a REGISTER with " + answer.label()
                + " (frame " + answer.frame() + ")", Findings.requestNotCaptured("REGISTER")));
        ResponseFacts.add(answer, facts);
        StatusMeaning m = meaning(flow, answer);
        String why = challenge
                ? "The registrar asked for credentials. That is the first step of every digest registration; whether "
                + "the REGISTER that followed carried them, and was accepted, the capture does not show."
                : peer + " answered " + answer.label() + " to a REGISTER: " + m.meaning() + ".";
        Finding f = new Finding(CODE, CODE.severity(), CODE.title(peer, answer.label(), ""),
                why + " Capture both directions to see the REGISTER and what follows.", answer.callId(), flow.id(),
                false, Findings.evidence(List.of(answer.frame()), List.of(), facts),
                Findings.fix(List.of(challenge ? credentialsStep() : m.check(peer, answer.dst().address())),
                        List.of(), null));
        return challenge ? f.withSeverity(Severity.WARNING) : f;
    }

    /** What {@code answer} means to a REGISTER: LiveKit's 405 has its own meaning and fix. */
    private static StatusMeaning meaning(CallFlow flow, SipMessage answer) {
        return answer.status() == 405 && flow.hasHop(answer.src(), Role.LIVEKIT) ? LIVEKIT_NO_REGISTRAR
                : StatusMeaning.of(MEANINGS, answer.status());
    }

    private static String credentialsStep() {
        return "Check the username, password and realm configured for this registration (in Jambonz: the carrier's "
                + "outbound/registration settings) against the provider's.";
    }

    /**
     * The finding about the last of {@code attempts}, whose answer came back along {@code path}
     * ({@link DialogRequests#relayPath}: the registrar behind a proxy made it).
     */
    private static Finding finding(CallFlow flow, List<DialogRequests> attempts, List<DialogRequests> path,
                                   long captureEndMicros) {
        SipMessage lastRegister = attempts.get(attempts.size() - 1).request();
        SipMessage last = attempts.get(attempts.size() - 1).finalResponse();
        List<SipMessage> registers = registers(flow, lastRegister.src().address());
        long withCredentials = registers.stream().filter(DialogRequests::hasCredentials).count();
        // the registrar: where the answer was made, past any proxy that relayed it
        String peer = path.get(0).finalResponse().src().address();
        List<String> facts = new ArrayList<>();
        facts.add(Counted.of(registers.size(), "REGISTER") + " from " + lastRegister.src().address() + " to " + lastRegister.dst().address()
                + ", " + withCredentials + " with credentials; answers: "
                + String.join(", ", attempts.stream().map(DialogRequests::finalResponse).filter(r -> r != null)
                .map(SipMessage::label).toList()));
        String uri = DigestUri.of(lastRegister);
        // a REGISTER with credentials the registrar accepted proves them (and its digest uri) right
        SipMessage accepted = acceptedWithCredentials(attempts, lastRegister);
        // a REGISTER with credentials accepted with the same digest uri (any account) shows the registrar takes it
        boolean uriDiffers = uri != null && !SipUriEquivalence.equivalent(uri, lastRegister.requestUri())
                && acceptedWithCredentials(attempts, null) == null;
        if (uriDiffers) {
            facts.add("The digest uri \"" + uri + "\" is not the Request-URI " + lastRegister.requestUri()
                    + ": registrars compute the expected answer with the Request-URI");
        }
        List<Long> frames = new ArrayList<>(List.of(lastRegister.frame(), last.frame()));
        DialogRequests.addRelayEvidence(path, "REGISTER", facts, frames);
        ResponseFacts.add(path.get(0).finalResponse(), facts);
        boolean challenge = last.status() == 401 || last.status() == 407;
        List<String> steps = new ArrayList<>();
        String why;
        boolean early = false;
        boolean liveKit = meaning(flow, path.get(0).finalResponse()) == LIVEKIT_NO_REGISTRAR;
        SipMessage previous = attempts.size() < 2 ? null : attempts.get(attempts.size() - 2).finalResponse();
        if (challenge && withCredentials > 0 && DialogRequests.hasCredentials(lastRegister)
                && (accepted != null || stale(last))) {
            why = staleWhy(accepted, last, lastRegister, previous, facts, steps);
        } else if (challenge && withCredentials > 0) {
            why = "Every REGISTER was challenged again, also those that carried credentials: the registrar did not "
                    + "accept the digest answer (a wrong username or password"
                    + (uriDiffers ? ", a realm other than the challenge's, or a digest uri other than the Request-URI)."
                    : ", or a realm other than the challenge's).");
            steps.add(credentialsStep());
            if (uriDiffers) {
                steps.add("Make the digest uri (\"" + uri + "\") equal to the Request-URI " + lastRegister.requestUri() + ".");
            }
        } else if (challenge) {
            long after = captureEndMicros - last.timestampMicros();
            early = captureEndMicros > 0 && after < UnansweredRequest.TIMER_F_MICROS;
            why = peer + " asked for credentials (" + last.label() + ") and no REGISTER with them followed: the sender "
                    + "has none configured for this account, or gave up."
                    + (early ? String.format(Locale.ROOT, " The capture ends %.1f s after the challenge: the REGISTER"
                    + " with credentials may have come later.", after / 1e6) : "");
            steps.add("Configure the username and password of this registration (in Jambonz: the carrier's "
                    + "outbound/registration settings) as the provider gave them.");
        } else {
            StatusMeaning m = meaning(flow, path.get(0).finalResponse());
            why = peer + " answered " + last.label() + " to the last REGISTER: " + m.meaning() + ".";
            steps.add(m.check(peer, lastRegister.src().address()));
        }
        SipMessage renewal = flow.outcome().renewal();
        String lapse = renewal == null ? "" : renewed(renewal, last, facts, frames);
        Finding f = new Finding(CODE, CODE.severity(), CODE.title(peer, last.label(),
                        (last.status() == 403 ? "" : " after " + Counted.of(registers.size(), "attempt"))
                                + (renewal == null ? "" : ", registered again later")),
                why + (liveKit ? " Calls to LiveKit do not depend on it: the refusal is harmless once the sender stops"
                        + " registering, and calls are admitted by the inbound trunk."
                        : renewal != null ? lapse
                        : " Without a registration, calls to this account are not delivered."),
                lastRegister.callId(), flow.id(), false,
                Findings.evidence(frames, List.of(), facts),
                Findings.fix(steps, List.of(), null));
        return early || liveKit || renewal != null ? f.withSeverity(Severity.WARNING) : f;
    }

    /**
     * What a later registration of the same address of record ({@code renewal}, its 2xx under another Call-ID) makes
     * of the refusal {@code last}: a lapse, not a lasting failure. Adds the fact and the frame.
     */
    private static String renewed(SipMessage renewal, SipMessage last, List<String> facts, List<Long> frames) {
        double gap = (renewal.timestampMicros() - last.timestampMicros()) / 1e6;
        frames.add(renewal.frame());
        facts.add(String.format(Locale.ROOT, "%s registered the same address of record again %.1f s later under "
                + "Call-ID %s: %s from %s (frame %d)", renewal.dst().address(), gap, renewal.callId(),
                renewal.label(), renewal.src().address(), renewal.frame()));
        return String.format(Locale.ROOT, " The same address of record was registered again %.1f s later under a "
                + "new Call-ID (frame %d), so calls to this account were not delivered only in between.", gap,
                renewal.frame());
    }

    /**
     * The first 2xx to a REGISTER that carried credentials for the account of {@code lastRegister} (any account when
     * null), or null.
     */
    private static SipMessage acceptedWithCredentials(List<DialogRequests> attempts, SipMessage lastRegister) {
        // the same account: a client may register several through one Call-ID
        String account = lastRegister == null ? null : SipAddresses.user(lastRegister.header("To"));
        for (DialogRequests a : attempts) {
            SipMessage r = a.finalResponse();
            if (r != null && r.status() >= 200 && r.status() < 300 && DialogRequests.hasCredentials(a.request())
                    && (account == null || account.equals(SipAddresses.user(a.request().header("To"))))) {
                return r;
            }
        }
        return null;
    }

    /** A challenge that says the nonce answered had expired: stale=true (RFC 2617 3.2.1), or a reason saying so. */
    static boolean stale(SipMessage challenge) {
        String header = challenge.header(challenge.status() == 407 ? "Proxy-Authenticate" : "WWW-Authenticate");
        String reason = challenge.reason() == null ? "" : challenge.reason().toLowerCase(Locale.ROOT);
        return header != null && header.toLowerCase(Locale.ROOT).replace(" ", "").contains("stale=true")
                || reason.contains("nonce") || reason.contains("stale");
    }

    /**
     * Why credentials that are right (accepted before, or challenged as stale) were challenged again: the sender
     * answered the challenge too late for the registrar's nonce, or did not retry with the new one. Adds the facts
     * and the steps.
     */
    private static String staleWhy(SipMessage accepted, SipMessage last, SipMessage lastRegister, SipMessage previous,
                                   List<String> facts, List<String> steps) {
        if (accepted != null) {
            facts.add("The registrar accepted a REGISTER with credentials in frame " + accepted.frame() + " ("
                    + accepted.label() + "): the username, password and realm are right");
        }
        double delay = previous == null || previous.status() != last.status() ? -1
                : (lastRegister.timestampMicros() - previous.timestampMicros()) / 1e6;
        if (delay >= 0) {
            facts.add(String.format(Locale.ROOT, "The last REGISTER with credentials (frame %d) answered the challenge of "
                    + "frame %d %.1f s after it", lastRegister.frame(), previous.frame(), delay));
        }
        steps.add("Make the sender answer the registrar's challenge at once" + (delay >= 1
                ? String.format(Locale.ROOT, " (it waited %.1f s)", delay) : "")
                + ", and answer a stale challenge (" + last.label() + ") again with its new nonce instead of giving up.");
        return "The REGISTER with credentials was challenged again with " + last.label() + (accepted != null
                ? "; this account's credentials were accepted before (frame " + accepted.frame() + "), so they are not "
                + "what is wrong" : "") + (stale(last) ? ": the nonce it answered was no longer the registrar's (the "
                + "sender answers challenges late, or reuses an old nonce)" : ": the registrar no longer took its "
                + "nonce") + ", and the sender does not answer the new challenge, so the registration lapses.";
    }

    /** The REGISTERs of {@code flow} as {@code sender} first sent them (not a proxy's copies passed on). */
    private static List<SipMessage> registers(CallFlow flow, String sender) {
        List<SipMessage> registers = new ArrayList<>();
        List<FlowMessage> messages = flow.messages();
        for (int i = 0; i < messages.size(); i++) {
            FlowMessage m = messages.get(i);
            if (!m.retransmission() && m.message().isRequest() && "REGISTER".equals(m.message().method())
                    && sender.equals(m.message().src().address())) {
                registers.add(m.message());
            }
        }
        return registers;
    }
}
