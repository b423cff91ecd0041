package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_REGISTER_REJECTED: a registration that never succeeded: the registrar refused it (403) or challenged every
 * attempt, including those that carried credentials (a 401/407 loop).
 */
final class RegisterRejectedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_REGISTER_REJECTED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            List<SipMessage> registers = new ArrayList<>();
            List<SipMessage> finals = new ArrayList<>();
            List<FlowMessage> messages = flow.messages();
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage m = messages.get(i);
                if (!m.retransmission() && m.message().isRequest() && "REGISTER".equals(m.message().method())) {
                    registers.add(m.message());
                }
            }
            if (registers.isEmpty()) {
                // nearly every call: its responses' CSeq methods need not be read; but a failed dialog of
                // registrar answers alone (the capture shows one direction) is explained by them
                if (flow.failed() && context.invites(flow).isEmpty()) {
                    SipMessage answer = Findings.lastAnswer(flow, "REGISTER", 200);
                    if (answer != null && answer.status() >= 300) {
                        findings.add(withoutRegister(flow, answer));
                    }
                }
                continue;
            }
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage m = messages.get(i);
                SipMessage s = m.message();
                if (!m.retransmission() && !s.isRequest() && s.status() >= 200 && "REGISTER".equals(s.cseqMethod())) {
                    finals.add(s);
                }
            }
            if (registers.isEmpty() || finals.isEmpty() || finals.get(finals.size() - 1).status() < 300) {
                continue;
            }
            List<DialogRequests> attempts = DialogRequests.attempts(context.dialogRequests(flow, "REGISTER"));
            if (!attempts.isEmpty() && attempts.get(attempts.size() - 1).finalResponse() == null) {
                // the last attempt's answer is not in the capture (it ended first): nothing was refused yet
                continue;
            }
            long withCredentials = registers.stream().filter(RegisterRejectedCheck::hasCredentials).count();
            SipMessage last = finals.get(finals.size() - 1);
            boolean challengeLoop = (last.status() == 401 || last.status() == 407) && withCredentials > 0;
            if (last.status() == 403 || challengeLoop || last.status() >= 400 && last.status() != 401 && last.status() != 407) {
                findings.add(finding(flow, registers, finals, withCredentials));
            }
        }
        return findings;
    }

    /** A registrar's refusal whose REGISTER is not in the capture: what the answer alone says. */
    private static Finding withoutRegister(CallFlow flow, SipMessage answer) {
        boolean challenge = answer.status() == 401 || answer.status() == 407;
        List<String> facts = List.of(answer.src().address() + " answered a REGISTER with " + answer.label()
                        + " (frame " + answer.frame() + ")",
                Findings.requestNotCaptured("REGISTER"));
        String why = challenge
                ? "The registrar asked for credentials. That is the first step of every digest registration; whether "
                + "the REGISTER that followed carried them, and was accepted, the capture does not show."
                : "The registrar answered " + answer.label() + " to a REGISTER"
                + (answer.status() == 403 ? ": the username is unknown, the account is disabled, or the source "
                + "address is not allowed." : ".");
        Finding f = new Finding(CODE, CODE.severity(), CODE.title(answer.src().address(), answer.label(), ""),
                why + " Capture both directions to see the REGISTER and what follows.", answer.callId(), flow.id(),
                false, Findings.evidence(List.of(answer.frame()), List.of(), facts),
                Findings.fix(List.of("Check the username, password and realm configured for this registration against "
                        + "the provider's, and that the provider accepts registrations from this address."),
                        List.of(), null));
        return challenge ? f.withSeverity(Severity.WARNING) : f;
    }

    private static boolean hasCredentials(SipMessage m) {
        return m.header("Authorization") != null || m.header("Proxy-Authorization") != null;
    }

    private static Finding finding(CallFlow flow, List<SipMessage> registers, List<SipMessage> finals, long withCredentials) {
        SipMessage last = finals.get(finals.size() - 1);
        SipMessage lastRegister = registers.get(registers.size() - 1);
        List<String> facts = new ArrayList<>();
        facts.add(registers.size() + " REGISTER(s) from " + lastRegister.src().address() + " to " + lastRegister.dst().address()
                + ", " + withCredentials + " with credentials; answers: "
                + String.join(", ", finals.stream().map(SipMessage::label).toList()));
        String uri = DigestUri.of(lastRegister);
        if (uri != null && !uri.equals(lastRegister.requestUri())) {
            facts.add("The digest uri \"" + uri + "\" is not the Request-URI " + lastRegister.requestUri()
                    + ": registrars compute the expected answer with the Request-URI");
        }
        boolean forbidden = last.status() == 403;
        String why = forbidden
                ? "The registrar refused the registration (403 Forbidden): the username is unknown, the account is "
                + "disabled, or the source address is not allowed."
                : last.status() == 401 || last.status() == 407
                ? "Every REGISTER was challenged again, also those that carried credentials: the registrar did not "
                + "accept the digest answer (wrong username or password, a realm other than the challenge's, or a "
                + "digest uri other than the Request-URI)."
                : "The registrar answered " + last.label() + " to the last REGISTER.";
        return new Finding(CODE, CODE.severity(), CODE.title(lastRegister.dst().address(), last.label(),
                        forbidden ? "" : " after " + registers.size() + " attempt(s)"),
                why + " Without a registration, calls to this account are not delivered.",
                lastRegister.callId(), flow.id(), false,
                Findings.evidence(List.of(lastRegister.frame(), last.frame()), List.of(), facts),
                Findings.fix(List.of("Check the username, password and realm configured for this registration (in "
                                + "Jambonz: the carrier's outbound/registration settings) against the provider's.",
                        "Make the digest uri equal to the Request-URI, and check that the provider allows the "
                                + "source address " + lastRegister.src().address() + "."),
                        List.of(), null));
    }
}
