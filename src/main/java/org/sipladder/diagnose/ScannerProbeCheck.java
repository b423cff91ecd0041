package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.Counted;
import org.sipladder.capture.Unreachable;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.SipAddresses;
import org.sipladder.livekit.DigestCheck;
import org.sipladder.sip.SipMessage;

/**
 * SIP_SCANNER_PROBE: a call whose first request a scanner sent ({@link CallFlow#scanner}) is a scan, not a call: what
 * the scanner probed (methods, users, targets, guessed credentials) and how the target answered. A refusal, a
 * challenge or silence is the right answer (a warning: a security event); a 2xx to its INVITE or REGISTER let it in
 * (an error). A 404 for a user that a 401 would have challenged tells the scanner which users exist: RFC 3261 lets a
 * server challenge or refuse any request alike (8.2, 22.1).
 */
final class ScannerProbeCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_SCANNER_PROBE;

    /** Users, targets and answers named one by one; the rest are counted. */
    static final int LISTED = 5;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = List.of();
        for (CallFlow flow : context.flows()) {
            Scan scan = Scan.of(flow, context.memo());
            if (scan != null) {
                if (findings.isEmpty()) {
                    findings = new ArrayList<>(1);
                }
                findings.add(new Probe(scan).read(flow, context).finding(flow));
            }
        }
        return findings;
    }

    /** A network error (ICMP, TCP reset) about a scanner's request that got no SIP response. */
    private record Refusal(Unreachable error, SipMessage request) {
    }

    /** What one call from a scanner sent and got back. */
    private static final class Probe {
        private final Scan scan;
        private final Map<String, Integer> methods = new LinkedHashMap<>();
        private final Set<String> users = new LinkedHashSet<>();
        private final Set<String> targets = new LinkedHashSet<>();
        private final List<Long> credentialFrames = new ArrayList<>();
        private final Set<String> credentialUsers = new LinkedHashSet<>();
        /** The distinct final answers ("198.51.100.20 answered 401 Unauthorized") with the frame of each first. */
        private final Map<String, Long> answers = new LinkedHashMap<>();
        private SipMessage firstRequest;
        private SipMessage lastFinal;
        /** A 2xx to an INVITE or REGISTER: the target let the scanner in. */
        private SipMessage accepted;
        private SipMessage ringing;
        private String software;
        /** Its requests that got no SIP response at all, in order. */
        private final List<SipMessage> unanswered = new ArrayList<>();
        /** The transactions ("1 INVITE") some response answered. */
        private final Set<String> responded = new LinkedHashSet<>();
        /** The network's errors about unanswered requests, one per reporter, error and target, in order. */
        private final Map<String, Refusal> refusals = new LinkedHashMap<>();

        Probe(Scan scan) {
            this.scan = scan;
        }

        Probe read(CallFlow flow, DiagnosisContext context) {
            for (FlowMessage fm : flow.messages()) {
                SipMessage m = fm.message();
                if (fm.retransmission()) {
                    continue;
                }
                if (m.isRequest() && scan.scanner().holds(m.src())) {
                    request(m, context);
                } else if (!m.isRequest() && scan.scanner().holds(m.dst())) {
                    response(m, context);
                }
            }
            for (SipMessage request : unanswered) {
                if (!responded.contains(transaction(request))) {
                    Unreachable u = UnreachableEvidence.first(context, request, NoFinalResponseCheck.TIMER_B_MICROS);
                    if (u != null) {
                        refusals.putIfAbsent(u.reporter() + " " + u.reason() + " " + request.dst(), new Refusal(u, request));
                    }
                }
            }
            return this;
        }

        /** The transaction a request opens or a response answers, by CSeq. */
        private static String transaction(SipMessage m) {
            return m.cseqNumber() + " " + m.cseqMethod();
        }

        private void request(SipMessage m, DiagnosisContext context) {
            String method = m.method();
            if ("ACK".equals(method) || "CANCEL".equals(method)) {
                return; // part of the INVITE's transaction, not a probe of its own
            }
            firstRequest = firstRequest == null ? m : firstRequest;
            unanswered.add(m);
            methods.merge(method, 1, Integer::sum);
            String uri = m.requestUri();
            String user = uri != null && uri.indexOf('@') > 0 ? SipAddresses.user(uri)
                    : SipAddresses.user(context.header(m, "To"));
            if (!user.isEmpty()) {
                users.add(user);
            }
            targets.add(m.dst().toString());
            String credentials = context.header(m, "Authorization");
            credentials = credentials == null ? context.header(m, "Proxy-Authorization") : credentials;
            if (credentials != null) {
                credentialFrames.add(m.frame());
                Map<String, String> digest = DigestCheck.parse(credentials);
                String name = digest == null ? null : digest.get("username");
                credentialUsers.add(name == null || name.isEmpty() ? "(none named)" : name);
            }
        }

        private void response(SipMessage m, DiagnosisContext context) {
            responded.add(transaction(m));
            if (software == null) {
                String server = context.header(m, "Server");
                software = server != null ? "Server: " + server : agentLine(context.header(m, "User-Agent"));
            }
            if (m.status() < 200) {
                ringing = ringing == null && (m.status() == 180 || m.status() == 183) ? m : ringing;
                return;
            }
            lastFinal = m;
            answers.putIfAbsent(m.src().address() + " answered " + m.label(), m.frame());
            boolean entry = "INVITE".equals(m.cseqMethod()) || "REGISTER".equals(m.cseqMethod());
            if (m.status() < 300 && entry && accepted == null) {
                accepted = m;
            }
        }

        private static String agentLine(String agent) {
            return agent == null ? null : "User-Agent: " + agent;
        }

        Finding finding(CallFlow flow) {
            String method = firstRequest == null ? "request" : firstRequest.method();
            String target = firstRequest == null ? "its target" : firstRequest.dst().address();
            String user = users.isEmpty() ? null : users.iterator().next();
            String what = method + (users.isEmpty() ? "" : " for " + listed(users)) + " at " + listed(targets);
            Refusal refused = refusals.isEmpty() ? null : refusals.values().iterator().next();
            String answer = accepted != null ? "accepted (" + accepted.label() + ")"
                    : lastFinal != null ? "answered " + lastFinal.label()
                    : ringing != null ? "rang (" + ringing.label() + "), no final answer"
                    : refused != null ? UnreachableEvidence.label(refused.error()) + " from " + refused.error().reporter()
                    : "no answer";
            Severity severity = accepted != null ? Severity.ERROR : CODE.severity();
            String explanation = scan.source() + " is " + (scan.tool() == null ? "a SIP scanner"
                    : scan.tool().title() + " (it " + scan.clue() + ")") + ": this is a scan, not a call. Scanners "
                    + "sweep the internet for SIP servers, for the users they serve and for passwords they can guess, "
                    + "then place calls through what they find at the owner's cost (toll fraud)." + answered(target, user);
            List<String> facts = new ArrayList<>();
            if (scan.tool() != null) {
                facts.add(scan.source() + " " + scan.clue() + ": " + scan.tool().title() + " (frame " + scan.frame()
                        + ")");
            }
            facts.add(sent(method));
            if (!credentialFrames.isEmpty()) {
                facts.add("It sent credentials for user " + listed(credentialUsers) + " " + times(credentialFrames.size())
                        + " (frames " + frames(credentialFrames) + ")");
            }
            if (answers.isEmpty() && (ringing != null || refusals.isEmpty())) {
                facts.add(ringing != null ? ringing.src().address() + " answered " + ringing.label() + " (frame "
                        + ringing.frame() + "), no final answer" : "No answer to any of its requests in the capture");
            }
            int shown = 0;
            for (Map.Entry<String, Long> a : answers.entrySet()) {
                if (shown++ == LISTED) {
                    facts.add("and " + (answers.size() - LISTED) + " more different answers");
                    break;
                }
                facts.add(a.getKey() + " (frame " + a.getValue() + ")");
            }
            shown = 0;
            for (Refusal r : refusals.values()) {
                if (shown++ == LISTED) {
                    facts.add("and " + (refusals.size() - LISTED) + " more network errors");
                    break;
                }
                facts.add(UnreachableEvidence.fact(r.error(), r.request()));
            }
            if (software != null) {
                facts.add("The answers name the target's software: " + software);
            }
            List<Long> evidenceFrames = new ArrayList<>();
            evidenceFrames.add(firstRequest == null ? scan.frame() : firstRequest.frame());
            for (Long f : answers.values()) {
                if (evidenceFrames.size() < 2 * LISTED) {
                    evidenceFrames.add(f);
                }
            }
            for (Refusal r : refusals.values()) {
                if (evidenceFrames.size() < 2 * LISTED) {
                    evidenceFrames.add(r.error().frame());
                }
            }
            String callId = firstRequest == null ? flow.aLeg().callId() : firstRequest.callId();
            return new Finding(CODE, severity, CODE.title(scan.product(), scan.source(), what + ", " + answer),
                    explanation, callId, flow.id(), false, Findings.evidence(evidenceFrames, List.of(), facts),
                    Findings.fix(steps(method, target, user), List.of(), null));
        }

        /** What the target's answer means to a scanner, a sentence (or two) starting with a space. */
        private String answered(String target, String user) {
            if (accepted != null) {
                String method = accepted.cseqMethod();
                if (!credentialFrames.isEmpty()) {
                    return " " + target + " accepted its " + method + " (" + accepted.label() + ", frame "
                            + accepted.frame() + ") after it sent credentials for user " + listed(credentialUsers)
                            + ": the scanner guessed (or knew) the password, and can now "
                            + ("REGISTER".equals(method) ? "register as that user, take its calls " : "")
                            + "and place calls at its owner's expense.";
                }
                return " " + target + " accepted its " + method + " (" + accepted.label() + ", frame "
                        + accepted.frame() + ") without credentials: "
                        + ("REGISTER".equals(method) ? "anyone who reaches it can register as " + user
                        + " and take its calls." : "anyone who reaches it can place calls through it, which is what "
                        + "scanners look for.");
            }
            String rang = ringing == null ? "" : " It rang first (" + ringing.label() + ", frame " + ringing.frame()
                    + "): a phone may have rung for the scanner (a ghost call).";
            if (lastFinal == null && ringing == null && !refusals.isEmpty()) {
                return " " + refusedText(refusals.values().iterator().next());
            }
            if (lastFinal == null) {
                return rang + " Nothing in the capture answered it with a final response: a target that drops a "
                        + "scanner's requests tells it nothing, the best answer (unless the capture holds one "
                        + "direction only).";
            }
            int status = lastFinal.status();
            String said = " " + target + " answered " + lastFinal.label() + " (frame " + lastFinal.frame() + ")";
            if (status == 401 || status == 407) {
                return rang + said + (credentialFrames.isEmpty() ? "" : " to the credentials it sent "
                        + times(credentialFrames.size()) + " (it is guessing the password)")
                        + ". A challenge is the right answer to a scanner, as long as every account's password is "
                        + "long and random, since a scanner tries passwords next.";
            }
            if (status == 403) {
                return rang + said + ": a refusal is the right answer to a scanner.";
            }
            if (status == 404 || status == 484 || status == 604) {
                return rang + said + ": this tells the scanner that " + (user == null ? "the user" : user)
                        + " does not exist, and so that the users answered otherwise (401, 403) do. Answer unknown "
                        + "users as known ones.";
            }
            if (status < 300) {
                return rang + said + ": it told the scanner that a SIP server is there"
                        + (software == null ? "." : ", and what it runs (" + software + ").");
            }
            return rang + said + ".";
        }

        /** What the network's error in place of a SIP answer tells the scanner. */
        private String refusedText(Refusal r) {
            Unreachable u = r.error();
            String said = "The network answered instead: " + UnreachableEvidence.meaning(u, r.request()) + " (frame "
                    + u.frame() + ")";
            if (u.portClosed()) {
                return said + ": no SIP service there, so the scanner found nothing to probe, though it learned that "
                        + "the host is up.";
            }
            if (u.reason().equals("administratively prohibited")) {
                return said + ": the scanner got no SIP answer, only that a filter is there (one that drops such "
                        + "packets silently tells it even less).";
            }
            return said + ": the scanner got no SIP answer.";
        }

        private List<String> steps(String method, String target, String user) {
            List<String> steps = new ArrayList<>();
            if (accepted != null && !credentialFrames.isEmpty()) {
                steps.add("Change the password of " + listed(credentialUsers) + " now, to a long random one (16 "
                        + "characters or more): the scanner has it. Then look through the call records for calls "
                        + "placed through it since, and remove the registrations it made.");
            } else if (accepted != null) {
                steps.add("Require authentication for every " + accepted.cseqMethod() + " " + target + " takes from "
                        + "addresses that are not your carriers' (allow those by address): it accepted a scanner's "
                        + "without credentials. Look through the call records for calls placed through it.");
            }
            steps.add("Block " + scan.scanner().address() + " at the firewall in front of " + target + ", and block "
                    + "scanners as they come: fail2ban watching the SIP server's authentication failures (Asterisk's "
                    + "security log; Kamailio or OpenSIPS logging failed auth_check, with pike against floods), or a "
                    + "list of known scanners such as APIBAN fed to the firewall.");
            if (accepted == null) {
                steps.add("Keep requiring authentication for every INVITE and REGISTER that does not come from your "
                        + "carriers' addresses, with long random passwords, so that a scanner gets no further than a "
                        + "challenge.");
            }
            if (lastFinal != null && lastFinal.status() >= 400) {
                steps.add("Answer unknown users exactly as known ones, so the scanner cannot tell which users exist: "
                        + "RFC 3261 lets a server challenge (401/407) or refuse (403) any request alike, while 404 "
                        + "for unknown users and 401 for known ones lists them. Asterisk chan_sip: alwaysauthreject=yes "
                        + "(PJSIP challenges unknown users alike); Kamailio and OpenSIPS: send the same reply whether "
                        + "auth_check found no such user or a wrong password.");
            }
            if (software != null) {
                steps.add("Leave the product and version out of " + target + "'s " + software.substring(0,
                        software.indexOf(':')) + " header: they tell scanners which known flaws to try.");
            }
            return steps;
        }

        /** "It sent 1 INVITE, for user 100, to 198.51.100.20:5060". */
        private String sent(String method) {
            StringBuilder out = new StringBuilder("It sent ");
            if (methods.isEmpty()) {
                out.append("no request the capture holds");
            }
            int i = 0;
            for (Map.Entry<String, Integer> e : methods.entrySet()) {
                out.append(i++ == 0 ? "" : ", ").append(Counted.of(e.getValue(), e.getKey()));
            }
            if (!users.isEmpty()) {
                out.append(", for ").append(users.size() == 1 ? "user " : users.size() + " users: ")
                        .append(listed(users));
            }
            return out.append(", to ").append(listed(targets)).toString();
        }

        private static String times(int n) {
            return n == 1 ? "once" : n + " times";
        }

        private static String frames(List<Long> frames) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < frames.size() && i < 2 * LISTED; i++) {
                out.append(i == 0 ? "" : ", ").append(frames.get(i));
            }
            return frames.size() > 2 * LISTED ? out.append(", ...").toString() : out.toString();
        }

        /** The first {@link #LISTED} values, "and N more". */
        private static String listed(Set<String> values) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            for (String v : values) {
                if (i == LISTED) {
                    return out.append(" and ").append(values.size() - LISTED).append(" more").toString();
                }
                out.append(i++ == 0 ? "" : ", ").append(v);
            }
            return out.toString();
        }
    }
}
