package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sipladder.Counted;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_PRACK_MISSING: an INVITE rejected 5xx by the side that sent it a reliable provisional response (Require: 100rel,
 * RSeq) that no PRACK acknowledged. RFC 3262 3 has that side send the response again, T1 doubling, until a PRACK whose
 * RAck names its RSeq, CSeq number and method comes back, and reject the INVITE with a 5xx when none has after 64*T1:
 * the 5xx follows from the missing PRACK and says nothing of the rejecter's health. Taken as such only when the
 * capture shows the rejecter did not get its PRACK: it sent the response again, or a PRACK was refused or went
 * unanswered (a capture that misses the PRACK's direction proves nothing).
 */
final class PrackMissingCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_PRACK_MISSING;

    /** A reliable provisional response of an INVITE and what came of its PRACK. */
    private record Unacknowledged(SipMessage provisional, int copies, SipMessage prack, SipMessage prackAnswer) {
    }

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>(0);
        for (CallFlow flow : context.flows()) {
            if (!flow.failed()) {
                continue; // nearly every call: only a rejected INVITE can have been rejected for this
            }
            for (InviteTransaction tx : context.invites(flow)) {
                SipMessage rejection = tx.finalResponse();
                if (tx.inDialog() || rejection == null || rejection.status() < 500 || rejection.status() > 599) {
                    continue;
                }
                Unacknowledged u = unacknowledged(tx, rejection);
                if (u != null) {
                    findings.add(finding(tx, rejection, u));
                }
            }
        }
        return findings;
    }

    /** The first reliable provisional response {@code rejection}'s sender sent that was not acknowledged, or null. */
    private static Unacknowledged unacknowledged(InviteTransaction tx, SipMessage rejection) {
        for (FlowMessage fm : tx.responses()) {
            SipMessage p = fm.message();
            long rseq = rseq(p);
            if (p.status() <= 100 || p.status() >= 200 || rseq < 0 || !p.src().address().equals(rejection.src().address())
                    || !requires100rel(p)) {
                continue;
            }
            SipMessage prack = prack(tx.flow(), p, rseq, rejection);
            SipMessage answer = prack == null ? null : answer(tx.flow(), prack, rejection);
            if (answer != null && answer.status() >= 200 && answer.status() < 300) {
                continue;
            }
            int copies = copies(tx.flow(), p, rejection);
            if (copies > 0 || prack != null) {
                return new Unacknowledged(p, copies, prack, answer);
            }
        }
        return null;
    }

    /** The RSeq of {@code m} (RFC 3262 7.1: 1 to 2**32-1), or -1 when it has none or it is no number. */
    private static long rseq(SipMessage m) {
        String v = m.header("RSeq");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** True when a Require header of {@code m} lists the option tag 100rel (RFC 3262 3). */
    private static boolean requires100rel(SipMessage m) {
        for (String v : m.headers("Require")) {
            for (String tag : v.split(",")) {
                if ("100rel".equalsIgnoreCase(tag.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The PRACK meant for {@code p}, sent back toward its sender before {@code end}: one whose RAck names {@code rseq}
     * and {@code p}'s CSeq, else any PRACK of its Call-ID sent to that host (its RAck then matches nothing), else null.
     */
    private static SipMessage prack(CallFlow flow, SipMessage p, long rseq, SipMessage end) {
        SipMessage any = null;
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (fm.retransmission() || m.frame() <= p.frame() || m.frame() >= end.frame() || !m.isRequest()
                    || !"PRACK".equals(m.method()) || !p.callId().equals(m.callId())
                    || !m.dst().address().equals(p.src().address())) {
                continue;
            }
            if ((rseq + " " + p.cseqNumber() + " INVITE").equals(rack(m))) {
                return m;
            }
            any = any == null ? m : any;
        }
        return any;
    }

    /** The RAck of {@code prack} with its runs of blanks made one (RFC 3262 7.2: response-num CSeq-num method). */
    private static String rack(SipMessage prack) {
        String v = prack.header("RAck");
        return v == null ? "" : v.trim().replaceAll("\\s+", " ");
    }

    /** The first final response to {@code prack} sent back by its receiver before {@code end}, or null. */
    private static SipMessage answer(CallFlow flow, SipMessage prack, SipMessage end) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (m.frame() > prack.frame() && m.frame() < end.frame() && !m.isRequest() && m.status() >= 200
                    && "PRACK".equals(m.cseqMethod()) && m.cseqNumber() == prack.cseqNumber()
                    && prack.callId().equals(m.callId()) && m.src().address().equals(prack.dst().address())) {
                return m;
            }
        }
        return null;
    }

    /** How many times {@code p}'s sender sent it again before {@code end} (copies {@link AckMissingCheck#DUPLICATE_MICROS} apart). */
    private static int copies(CallFlow flow, SipMessage p, SipMessage end) {
        int copies = 0;
        long last = p.timestampMicros();
        for (FlowMessage fm : flow.messages()) {
            SipMessage m = fm.message();
            if (fm.retransmission() && m.frame() > p.frame() && m.frame() < end.frame() && !m.isRequest()
                    && m.status() == p.status() && "INVITE".equals(m.cseqMethod()) && m.cseqNumber() == p.cseqNumber()
                    && p.callId().equals(m.callId()) && p.src().equals(m.src()) && p.dst().equals(m.dst())
                    && p.header("RSeq").equals(m.header("RSeq"))) {
                copies += m.timestampMicros() - last >= AckMissingCheck.DUPLICATE_MICROS ? 1 : 0;
                last = m.timestampMicros();
            }
        }
        return copies;
    }

    private static Finding finding(InviteTransaction tx, SipMessage rejection, Unacknowledged u) {
        SipMessage p = u.provisional();
        String sender = p.src().address();
        String caller = tx.request().src().address();
        String rseq = p.header("RSeq").trim();
        List<Long> frames = new ArrayList<>(List.of(tx.frame(), p.frame()));
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "%s sent %s reliably (frame %d: Require: 100rel, RSeq: %s)%s", sender,
                p.label(), p.frame(), rseq, u.copies() == 0 ? "" : ", and sent it again " + Counted.of(u.copies(), "time")));
        String outcome;
        String why;
        if (u.prack() == null) {
            outcome = "no PRACK came back";
            facts.add("No PRACK from " + caller + " for it in the capture");
            why = caller + " never acknowledged it with a PRACK: it lists 100rel in Supported or Require but does not "
                    + "send PRACK, or a hop between drops the PRACK, or the PRACK goes to an address " + sender
                    + " does not listen on (the Contact of the " + p.status() + ", NAT).";
        } else {
            frames.add(u.prack().frame());
            String rack = rack(u.prack());
            String expected = rseq + " " + p.cseqNumber() + " INVITE";
            boolean matches = rack.equals(expected);
            String how = u.prackAnswer() == null ? "got no response" : "was answered " + u.prackAnswer().label()
                    + " (frame " + u.prackAnswer().frame() + ")";
            if (u.prackAnswer() != null) {
                frames.add(u.prackAnswer().frame());
            }
            outcome = "its PRACK " + (u.prackAnswer() == null ? "got no response" : "was answered " + u.prackAnswer().label());
            facts.add("PRACK frame " + u.prack().frame() + " from " + u.prack().src() + " (RAck: " + rack + ") " + how
                    + (matches ? "" : "; the " + p.status() + " needs RAck: " + expected));
            why = matches ? "Its PRACK (RAck " + rack + ") " + how + ", so " + sender + " never took it as acknowledged: "
                    + "the PRACK did not reach the transaction it names (another address or port than the Contact of "
                    + "the " + p.status() + ", a hop that lost the early dialog)."
                    : "The RAck of its PRACK (" + rack + ") does not name the response (RAck " + expected + ": the RSeq, "
                    + "then the CSeq number and method of the INVITE, RFC 3262 7.2), so " + sender + " could not match it"
                    + " and kept waiting for the right one.";
        }
        frames.add(rejection.frame());
        facts.add(String.format(Locale.ROOT, "%s then rejected the INVITE with %s (frame %d), %.1f s after the %d",
                rejection.src().address(), rejection.label(), rejection.frame(),
                (rejection.timestampMicros() - p.timestampMicros()) / 1e6, p.status()));
        ResponseFacts.add(rejection, facts);
        String title = CODE.title(p.label(), sender, outcome);
        String explanation = sender + " sent " + p.label() + " as a reliable provisional response (RFC 3262). " + why
                + " RFC 3262 3 has the sender of such a response send it again until its PRACK arrives and, when none "
                + "has after 64*T1 (32 s), reject the INVITE with a 5xx: the " + rejection.label() + " follows from the "
                + "missing PRACK, not from an overloaded or failing " + sender + ".";
        return Findings.call(tx, CODE, title, explanation, Findings.evidence(frames, List.of(), facts),
                Findings.fix(List.of("Make " + caller + " answer each reliable provisional response with a PRACK (RFC "
                        + "3262 7.2: RAck = its RSeq, the INVITE's CSeq number and INVITE), sent to the response's "
                        + "Contact through its Record-Route, and keep every hop between passing PRACK on.",
                        "If " + caller + " cannot do PRACK, take 100rel out of its Supported and Require headers (or "
                                + "turn 100rel off at " + sender + ") so provisional responses are sent unreliably."),
                        List.of(), null));
    }
}
