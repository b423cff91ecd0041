package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Unreachable;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_CALL_REJECTED: what a final error response means when no more specific finding explains it. It is about
 * the hop where the failure started (the last leg that failed before the caller was answered), and stays
 * silent when that hop is LiveKit, whose answers the LiveKit findings read, and on calls LiveKit placed, which
 * the LK_OUTBOUND_* findings read.
 */
final class CallRejectedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_CALL_REJECTED;

    /** What a status means to an INVITE and what to check, from the most to the least specific. */
    private static final List<StatusMeaning> MEANINGS = List.of(
            new StatusMeaning(401, 401, "the peer wants the caller to authenticate (or rejected its credentials)",
                    "Check the user name, password and realm the caller uses for this peer, and that it answers a fresh challenge."),
            new StatusMeaning(407, 407, "a proxy wants the caller to authenticate (or rejected its credentials)",
                    "Check the user name, password and realm the caller uses for this proxy, and that it answers a fresh challenge."),
            new StatusMeaning(403, 403, "the peer refuses this caller (account, credentials, IP allow-list or number not permitted)",
                    "Check the account and the IP allow-list at the peer, and that the caller may call this number."),
            new StatusMeaning(404, 404, "the peer does not know the called user or number",
                    "Check the dialled number's format (country code, leading + or 0) against what the peer expects."),
            new StatusMeaning(408, 408, "no final answer came back in time from the peer or a hop behind it",
                    "Check that the next hop is reachable and answers (firewall, routing, transport), and look at the legs behind the peer."),
            new StatusMeaning(480, 480, "the callee is temporarily unavailable (not registered, no route, or the application declined)",
                    "Check that the destination is registered or routable at the peer, and the peer's logs for why it declined."),
            // the SER family's own codes (Kamailio, OpenSIPS): tm and sl answer them when the request cannot go on
            new StatusMeaning(477, 477, "the proxy could not send the request on to its next hop (Kamailio, OpenSIPS: "
                    + "the TCP or TLS connection to it was refused or failed, or the send failed)",
                    "Check that the next hop the proxy routes this call to is up and listens on the transport and port "
                            + "the proxy uses (a refused TCP connection shows as a reset in a capture on the proxy), "
                            + "and the proxy's log for the send error."),
            new StatusMeaning(478, 478, "the proxy could not resolve the next hop's address (Kamailio, OpenSIPS: no "
                    + "DNS record for the destination host)",
                    "Check the DNS records (NAPTR, SRV, A/AAAA) of the destination host the proxy routes this call to, "
                            + "and the proxy's resolver."),
            new StatusMeaning(486, 486, "the callee is busy", "Nothing is broken in signalling: retry later or route busy calls elsewhere."),
            new StatusMeaning(487, 487, "the caller cancelled before the call was answered",
                    "Nothing is broken in signalling; if callers give up because of a long post-dial delay, shorten it."),
            new StatusMeaning(482, 482, RequestLoop.MEANING, RequestLoop.CHECK),
            new StatusMeaning(488, 488, "the peer cannot accept the offered media (codecs, crypto or SDP)",
                    "Compare the offered codecs with what the peer supports; offer G.711 (PCMA/PCMU)."),
            new StatusMeaning(415, 415, "the peer cannot take the INVITE's body: its type or encoding (the answer's"
                    + " Accept or Accept-Encoding header says what it takes)",
                    "Send only what the peer accepts, usually plain application/sdp: turn off multipart bodies"
                            + " (SIP-I/SIP-T ISUP) or body compression towards this peer, or enable them at the peer."),
            new StatusMeaning(420, 420, "the peer does not support an extension the INVITE requires (the answer's"
                    + " Unsupported header names it)",
                    "Remove that option tag from the caller's Require header (100rel, timer...) or enable the"
                            + " extension at the peer."),
            new StatusMeaning(421, 421, "the peer requires an extension the INVITE did not offer (the answer's"
                    + " Require header names it: 100rel for reliable provisional responses, timer for session timers)",
                    "Enable that extension at the caller and list it in its Supported header (100rel: RFC 3262;"
                            + " timer: RFC 4028), or stop the peer from requiring it."),
            new StatusMeaning(422, 422, "the INVITE's Session-Expires is below the peer's smallest session interval"
                    + " (the answer's Min-SE header, RFC 4028 6)",
                    "Have the caller send Session-Expires and Min-SE at least the Min-SE of the 422 (RFC 4028 7.4"
                            + " has it retry so by itself), or lower the minimum at the peer."),
            new StatusMeaning(484, 484, "the dialled number is incomplete: too few digits for the peer's dial plan"
                    + " (overlap dialling, a missing area or country code)",
                    "Send the complete number with all its digits in the format the peer expects (E.164 with the"
                            + " country code, or its national format), and check the number translations on the way."),
            new StatusMeaning(300, 399, "the peer redirected the call", "Make the caller follow the Contact of the redirect, or route to it directly."),
            new StatusMeaning(400, 499, "the peer rejected the request", "Read the reason phrase and the peer's logs for the exact cause."),
            new StatusMeaning(500, 599, "the peer failed or is unavailable", "Check the peer's health, capacity and Retry-After; retry or fail over."),
            new StatusMeaning(600, 699, "the callee's side declined the call everywhere", "Check why the far end declines; with a B2BUA, look at its outbound leg."));

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(1);
        for (CallFlow flow : context.flows()) {
            if (flow.failed() && context.outbound(flow).isEmpty()) {
                List<InviteTransaction> invites = context.invites(flow);
                InviteTransaction tx = origin(invites).orElse(null);
                if (tx != null && !LiveKitRoutings.sentToLiveKit(tx.flow(), tx.request())) {
                    findings.add(finding(context, tx, Attempts.of(flow, invites, tx), invites));
                } else if (invites.isEmpty()) {
                    // the INVITE is not in the capture (it started after it, or it shows one direction only)
                    SipMessage answer = Findings.lastAnswer(flow, "INVITE", 300);
                    if (answer != null) {
                        findings.add(withoutInvite(flow, answer));
                    }
                }
            }
        }
        return List.copyOf(findings);
    }

    /**
     * The failed INVITE where the failure started: on the deepest leg that failed, the last attempt; where its
     * answer was relayed from further down (a proxy keeps the Call-ID, so its next hop is on the same leg), the
     * INVITE whose answer started it.
     */
    private static Optional<InviteTransaction> origin(List<InviteTransaction> invites) {
        return invites.stream()
                .filter(tx -> !tx.inDialog() && tx.finalResponse() != null && tx.finalResponse().status() >= 300)
                .max(Comparator.comparingInt((InviteTransaction tx) -> tx.invite().legIndex())
                        .thenComparingLong(tx -> tx.finalResponse().frame()))
                .map(last -> relayedChallenge(invites, B2buaFailureRelayedCheck.chainTo(invites, last).get(0)));
    }

    /**
     * Where a 401/407 the call ended on began: a proxy passes a challenge on unchanged (RFC 3261 16.7: status and To
     * tag kept), so the INVITE whose challenge it relayed, further down under the same Call-ID, is where it came from
     * (Kamailio in front of a PBX that asks for the password); {@code tx} itself when it got its challenge first-hand.
     */
    private static InviteTransaction relayedChallenge(List<InviteTransaction> invites, InviteTransaction tx) {
        InviteTransaction current = tx;
        while (current.finalResponse().status() == 401 || current.finalResponse().status() == 407) {
            SipMessage answer = current.finalResponse();
            InviteTransaction before = null;
            for (InviteTransaction t : invites) {
                SipMessage fin = t.finalResponse();
                if (t != current && !t.inDialog() && fin != null && B2buaFailureRelayedCheck.relays(answer, fin)
                        && t.callId().equals(current.callId())
                        && (before == null || fin.frame() > before.finalResponse().frame())) {
                    before = t;
                }
            }
            if (before == null) {
                return current;
            }
            current = before;
        }
        return current;
    }

    private static Finding withoutInvite(CallFlow flow, SipMessage answer) {
        StatusMeaning m = meaning(answer.status());
        String peer = answer.src().address();
        List<String> facts = new ArrayList<>();
        facts.add(peer + " answered an INVITE with " + answer.label() + " (frame " + answer.frame() + ")");
        facts.add(Findings.requestNotCaptured("INVITE"));
        ResponseFacts.add(answer, facts);
        Finding finding = new Finding(CODE, CODE.severity(), CODE.title(peer, answer.label()),
                answer.status() + " means " + m.meaning() + ". The capture shows no more specific cause (nor the "
                        + "INVITE: capture both directions from before the call starts to see why).",
                answer.callId(), flow.id(), false, Findings.evidence(List.of(answer.frame()), List.of(), facts),
                Findings.fix(List.of(PeerChecks.check(flow, answer)), List.of(), null));
        return withSeverityOf(finding, answer.status());
    }

    /**
     * The INVITEs {@code tx}'s answerer passed on after receiving it that got no final answer before it answered
     * {@code tx}: a proxy or B2BUA whose next hop stays silent answers 408 (its Timer B or C), 480 or 503 itself. A
     * B2BUA with an address on each side (IPv4 toward the carrier, IPv6 toward LiveKit) sends its leg from the other
     * one: an INVITE of another leg of the call, neither from {@code tx}'s sender nor back to it, counts as well.
     */
    private static List<InviteTransaction> unansweredOnward(InviteTransaction tx, List<InviteTransaction> invites) {
        SipMessage answer = tx.finalResponse();
        String caller = tx.request().src().address();
        List<InviteTransaction> unanswered = new ArrayList<>(0);
        for (InviteTransaction t : invites) {
            SipMessage r = t.request();
            if (t != tx && t.finalResponse() == null && !t.inDialog() && r.frame() > tx.frame()
                    && r.frame() < answer.frame() && (r.src().address().equals(answer.src().address())
                    || t.invite().legIndex() != tx.invite().legIndex() && !r.src().address().equals(caller)
                    && !r.dst().address().equals(caller) && !r.dst().address().equals(answer.src().address()))) {
                unanswered.add(t);
            }
        }
        return unanswered;
    }

    /**
     * The TCP connections refused or left unanswered while {@code tx}'s answerer held the INVITE, to a third host: the
     * next hop it could not send the call on to (RFC 3261 16.9: a proxy treats that transport error as a 503 and may
     * answer with its own status, Kamailio's 477). Each connection once, by its first failure. The connection may
     * leave from any local address of the answerer's host, whatever its Via says (RFC 3261 18.1.1), so the source
     * address is not required to be the answerer's: only neither end may be the caller's SIP endpoint.
     */
    private static List<Unreachable> failedConnects(DiagnosisContext context, InviteTransaction tx, SipMessage answer) {
        List<Unreachable> found = new ArrayList<>(0);
        if (context.media() == null) {
            return found;
        }
        SipMessage invite = tx.request();
        for (Unreachable u : context.media().unreachables()) {
            if (u.udp() || !(u.refused() || u.unanswered()) || u.micros() < invite.timestampMicros()
                    || u.micros() > answer.timestampMicros() || u.src().equals(invite.src())
                    || u.dst().address().equals(answer.src().address()) || u.dst().equals(invite.src())
                    || found.stream().anyMatch(f -> f.src().equals(u.src()) && f.dst().equals(u.dst()))) {
                continue;
            }
            found.add(u);
        }
        return found;
    }

    private static String connectFact(Unreachable u, String answerer) {
        Endpoint from = u.src();
        String what = u.refused() ? "was refused (TCP reset, frame " + u.frame() + "): nothing listens there"
                : "got no answer to its SYN (sent again, frame " + u.frame() + "): the host is down, unreachable or "
                + "behind a firewall that drops";
        String source = from.address().equals(answerer) ? "" : "; it left from " + from.address() + ", not from "
                + answerer + ": probably the source address the kernel chose for a SIP server that does not bind its "
                + "outgoing connections to its listen address";
        return "While " + answerer + " held the INVITE, a TCP connection from " + from + " to " + u.dst() + " " + what
                + ", so the call could not be sent on" + source;
    }

    /** True when the capture holds a response to {@code cancel}: its Call-ID, CSeq number and method, sent back. */
    private static boolean answered(CallFlow flow, SipMessage cancel) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (!m.isRequest() && m.frame() > cancel.frame() && "CANCEL".equals(m.cseqMethod())
                    && m.cseqNumber() == cancel.cseqNumber() && Objects.equals(m.callId(), cancel.callId())
                    && m.src().address().equals(cancel.dst().address())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a fact past the answer itself says why (a Reason, Warning or Accept header, the body type, the
     * CANCEL, where a redirect points); who answered (Server, User-Agent) and when to retry do not.
     */
    private static boolean tellsACause(List<String> facts) {
        for (int i = 1; i < facts.size(); i++) {
            String f = facts.get(i);
            if (!f.startsWith("Server: ") && !f.startsWith("User-Agent: ") && !f.startsWith("Retry-After: ")) {
                return true;
            }
        }
        return false;
    }

    /** A busy callee (486) or a caller who cancelled (487) is information, not an error. */
    private static Finding withSeverityOf(Finding finding, int status) {
        return status == 487 || status == 486 ? finding.withSeverity(Severity.INFO) : finding;
    }

    /** What a final status means to an INVITE and what to check. */
    static StatusMeaning meaning(int status) {
        return StatusMeaning.of(MEANINGS, status);
    }

    /** The finding about {@code tx}, the last of the sender's {@code attempts} at the call, one of {@code invites}. */
    private static Finding finding(DiagnosisContext context, InviteTransaction tx, List<InviteTransaction> attempts,
                                   List<InviteTransaction> invites) {
        SipMessage last = tx.finalResponse();
        StatusMeaning m = meaning(last.status());
        String peer = last.src().address();
        List<String> facts = new ArrayList<>();
        facts.add(peer + " answered the INVITE of frame " + tx.frame() + " with " + last.label() + " (frame " + last.frame() + ")");
        List<InviteTransaction> unanswered = unansweredOnward(tx, invites);
        for (InviteTransaction t : unanswered) {
            facts.add(String.format(Locale.ROOT, "%s passed the INVITE on to %s (frame %d, sent %d time%s) and got no"
                    + " final answer (%s), so it made the %d itself, %.1f s later", peer, t.request().dst(), t.frame(),
                    1 + t.retransmissions(), t.retransmissions() == 0 ? "" : "s", t.responses().isEmpty() ? "no response"
                    : "only " + t.responses().get(t.responses().size() - 1).message().label(), last.status(),
                    (last.timestampMicros() - t.request().timestampMicros()) / 1e6));
        }
        List<Unreachable> connects = failedConnects(context, tx, last);
        for (Unreachable u : connects) {
            facts.add(connectFact(u, peer));
        }
        ResponseFacts.add(last, facts);
        if (last.status() == 415) {
            // the other half of the mismatch: what the INVITE carried against the Accept of the answer
            String type = tx.request().header("Content-Type");
            facts.add(type == null ? "The INVITE names no Content-Type" : "The INVITE's body: Content-Type " + type.trim());
        }
        List<Long> frames = new ArrayList<>(List.of(tx.frame(), last.frame()));
        for (InviteTransaction t : unanswered) {
            frames.add(frames.size() - 1, t.frame());
        }
        for (Unreachable u : connects) {
            frames.add(frames.size() - 1, u.frame());
        }
        if (last.status() == 482) {
            RequestLoop.add(tx.flow(), tx.request(), facts, frames);
        }
        SipMessage cancel = tx.cancel();
        ProxyRingTimeout timeout = ProxyRingTimeout.of(tx, cancel, invites);
        // a CANCEL tells who gave up first, whatever answer followed it (a proxy may still answer 408 or 480)
        if (timeout != null) {
            facts.add(timeout.fact(tx));
            frames.add(1, cancel.frame());
            frames.add(timeout.upstream().finalResponse().frame());
        } else if (last.status() == 487 || cancel != null) {
            if (cancel == null) {
                facts.add("No CANCEL of this INVITE on this leg in the capture: it came from a hop further back, or the"
                        + " capture missed it");
            } else {
                facts.add(String.format(Locale.ROOT, "CANCEL frame %d from %s, %.3f s after the INVITE: the"
                        + " caller gave up before the answer", cancel.frame(), cancel.src(),
                        (cancel.timestampMicros() - tx.request().timestampMicros()) / 1e6));
                frames.add(1, cancel.frame());
                if (!answered(tx.flow(), cancel)) {
                    facts.add(String.format(Locale.ROOT, "Nobody answered the CANCEL, though RFC 3261 (9.2) asks its"
                            + " receiver for a 200 at once; the answer to the INVITE came %.3f s after it",
                            (last.timestampMicros() - cancel.timestampMicros()) / 1e6));
                }
            }
        }
        CredentialsRefusal refusal = CredentialsRefusal.of(tx, invites);
        if (refusal != null) {
            // its frames stay in the fact: the evidence starts with this INVITE, which names the finding's transaction
            facts.add(refusal.fact());
        }
        String cause = refusal != null ? CredentialsRefusal.WHY
                : tellsACause(facts) ? "" : " The capture shows no more specific cause.";
        String tries = "";
        if (attempts.size() > 1) {
            // every attempt failed, or the call would not have (the last one decides it); a forking proxy sends its
            // branches at once and passes on the best answer (RFC 3261 16.7), not the last
            boolean forked = Attempts.forked(attempts);
            int pending = 0;
            for (InviteTransaction a : attempts) {
                pending += a.finalResponse() == null ? 1 : 0;
            }
            String sender = tx.request().src().address();
            facts.add(attempts.size() + (forked ? " branches forked by " : " attempts from ") + sender
                    + (forked && pending > 0 ? ", none took the call: INVITE " : ", all failed: INVITE ")
                    + Attempts.list(attempts));
            tries = !forked ? " The sender tried " + attempts.size() + " times and every attempt failed."
                    : " " + sender + " forked the call to " + attempts.size() + " branches at once: "
                    + (pending == 0 ? "every branch failed" : (attempts.size() - pending) + " failed, " + pending
                    + " got no final answer (a proxy cancels the branches still pending once it has a final answer"
                    + " to pass on, RFC 3261 16.7 step 10)") + "; it passed on this answer as the best (RFC 3261 16.7:"
                    + " a 6xx first, else the lowest class).";
            for (InviteTransaction a : attempts) {
                if (!frames.contains(a.frame())) {
                    frames.add(a.frame());
                }
                SipMessage branchCancel = a.finalResponse() == null ? a.cancel() : null;
                if (branchCancel != null && !frames.contains(branchCancel.frame())) {
                    frames.add(branchCancel.frame());
                }
            }
            frames.sort(null);
        }
        // a caller who gave up is no server's refusal: the title says who ended it
        boolean cancelled = last.status() == 487 && cancel != null;
        // the answerer gave up on a silent next hop, not the caller on it (a CANCEL on this leg came first)
        boolean consequence = !unanswered.isEmpty() && cancel == null;
        String title = timeout != null ? timeout.title(tx)
                : cancelled ? cancel.src().address() + " cancelled the call: " + last.label()
                : consequence ? peer + " rejected the call with " + last.label() + " after its INVITE to "
                + unanswered.get(0).request().dst() + " got no final response" : CODE.title(peer, last.label());
        // the Reason of the answer where the rejection started: a relay's own Reason may only translate the status
        String outcome = consequence || cancel != null ? null : Q850.calleeOutcome(context, last);
        // the answerer took the call and its route onward failed, as its own Reason says
        String beyond = consequence || cancel != null || outcome != null ? null : Q850.beyondAnswerer(context, last);
        Finding finding = Findings.call(tx, CODE, title,
                (timeout != null ? timeout.explanation(tx, meaning(timeout.upstream().finalResponse().status()).meaning())
                        : last.status() + " means " + m.meaning() + "." + cause) + tries + (consequence ? CONSEQUENCE : "") + (outcome == null ? ""
                        : " The Reason header of " + peer + "'s answer names " + outcome + ": the callee's network "
                        + "delivered the call and reports what the callee did, so no route or setting is at fault.")
                        + (beyond == null ? "" : " The Reason header of " + peer + "'s answer names " + beyond + ": "
                        + peer + " took the call and could not pass it on, so the fault lies behind " + peer + " (the "
                        + "route or trunk it uses onward, or the network it reaches), not in its own health."),
                Findings.evidence(frames, List.of(), facts),
                Findings.fix(List.of(timeout != null ? timeout.fixStep(tx) : consequence ? "Find out why " + unanswered.get(0).request().dst() + " gave no "
                        + "final answer to the INVITE of frame " + unanswered.get(0).frame() + " and fix that first: "
                        + "the call's other findings about it say what the analyzer knows."
                        : outcome != null ? "Nothing is broken in signalling (" + outcome + "): call again later, or "
                        + "route calls the callee does not take elsewhere (voicemail, another number)."
                        : refusal != null ? refusal.step()
                        : beyond != null ? "Check the route and trunk " + peer + " uses onward for this number, and the "
                        + "network behind it (" + beyond + "); fail over to another route while it lasts."
                        : PeerChecks.check(tx.flow(), last)), List.of(), null));
        Finding rated = outcome != null ? finding.withSeverity(Severity.INFO) : withSeverityOf(finding, last.status());
        // the hop behind stayed silent, its own finding's error: this answer follows from it and is no second cause
        return consequence && rated.severity() == Severity.ERROR ? rated.withSeverity(Severity.WARNING) : rated;
    }

    private static final String CONSEQUENCE = " The hop that answered made this status itself because the hop it "
            + "passed the call to never gave it a final answer: that silence is the cause (see the finding about that "
            + "INVITE), and this rejection only follows from it.";
}
