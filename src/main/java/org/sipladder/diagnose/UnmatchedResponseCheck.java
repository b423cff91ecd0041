package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * SIP_RESPONSE_UNMATCHED: a final response that names a request of the call by its CSeq but carries another top Via
 * branch, so that it matches no client transaction (RFC 3261 17.1.3: branch and CSeq method together); a strict
 * client drops it. Told once per call, at the host that built it, with the hops that passed it on.
 */
final class UnmatchedResponseCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.SIP_RESPONSE_UNMATCHED;

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            Map<Key, List<FlowMessage>> requests = null;
            List<SipMessage> unmatched = new ArrayList<>();
            List<SipMessage> named = new ArrayList<>();
            List<FlowMessage> messages = flow.messages();
            boolean small = messages.size() <= SMALL_CALL;
            FlowCseqs cseqs = null;
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage fm = messages.get(i);
                SipMessage m = fm.message();
                // a garbled Via (a malformed message) is no other request's branch: the reader's finding tells of it
                if (fm.retransmission() || m.isRequest() || m.status() < 200 || m.malformed()) {
                    continue;
                }
                // the requests it may answer: the call's messages of its CSeq number (the memo's, which other rules
                // ask too; each message's number was parsed again for every response), or those on its hop with its CSeq
                List<FlowMessage> candidates = messages;
                int[] places = null;
                if (small) {
                    if (cseqs == null) {
                        cseqs = context.cseqs(flow);
                    }
                    places = cseqs.places().get(cseqs.cseqNumbers()[i]);
                } else {
                    if (requests == null) {
                        requests = requests(flow);
                    }
                    candidates = requests.getOrDefault(new Key(m.dst().address(), m.src().address(), m.cseqNumber(),
                            m.cseqMethod()), List.of());
                }
                SipMessage request = namedRequest(candidates, places, m);
                if (request != null && matters(candidates, places, m)) {
                    unmatched.add(m);
                    named.add(request);
                }
            }
            if (!unmatched.isEmpty()) {
                findings.add(finding(flow, unmatched, named));
            }
        }
        return findings;
    }

    /**
     * The most messages of a call whose messages are all looked through for each final response rather than its
     * requests indexed by hop and CSeq first: an index per call (a map, a key and a list per request) for each of a
     * large capture's 50,000 calls was 2.5 % of its diagnosis, and the call of 100,000 messages needs one.
     */
    private static final int SMALL_CALL = 64;

    /**
     * Whether {@code q}, a message with {@code response}'s CSeq number, is a well-formed request sent the other way on
     * its hop with its CSeq method.
     */
    private static boolean sameCseq(SipMessage q, SipMessage response) {
        return q.isRequest() && !q.malformed() && onHop(q, response)
                && Objects.equals(q.cseqMethod(), response.cseqMethod());
    }

    /** How many {@code candidates} there are: those at {@code places} (their count first), or all when it is null. */
    private static int count(List<FlowMessage> candidates, int[] places) {
        return places == null ? candidates.size() : places[0];
    }

    /** The {@code k}th of the {@code candidates} at {@code places}, or of all when it is null. */
    private static SipMessage candidate(List<FlowMessage> candidates, int[] places, int k) {
        return candidates.get(places == null ? k : places[k + 1]).message();
    }

    /**
     * The request among {@code candidates} (those at {@code places}: see {@link #candidate}), all of {@code response}'s
     * CSeq number, sent the other way on {@code response}'s hop that it names by CSeq, when no request there has its
     * branch and CSeq both; else null.
     */
    private static SipMessage namedRequest(List<FlowMessage> candidates, int[] places, SipMessage response) {
        SipMessage named = null;
        int count = count(candidates, places);
        for (int i = 0; i < count; i++) {
            SipMessage q = candidate(candidates, places, i);
            if (!sameCseq(q, response) || q.timestampMicros() > response.timestampMicros()) {
                continue;
            }
            if (q.sameBranch(response)) {
                return null;
            }
            named = named == null ? q : named;
        }
        return named;
    }

    /**
     * True when the mismatch of {@code response}, which names a request among {@code candidates} (as for
     * {@link #namedRequest}), is worth a finding: an INVITE's final answer (losing it loses the call or leaves the
     * caller retrying), or a request its sender sent again after the response, so that the capture shows it was not
     * taken. A BYE's 200 with another branch and no BYE after it was taken by a lenient peer: nothing came of it.
     */
    private static boolean matters(List<FlowMessage> candidates, int[] places, SipMessage response) {
        if ("INVITE".equals(response.cseqMethod())) {
            return true;
        }
        int count = count(candidates, places);
        for (int i = 0; i < count; i++) {
            SipMessage q = candidate(candidates, places, i);
            if (q.timestampMicros() > response.timestampMicros() && sameCseq(q, response)) {
                return true;
            }
        }
        return false;
    }

    /** A request's hop (from, to) and CSeq: what a response to it names. */
    private record Key(String from, String to, long cseq, String method) {
    }

    /** The call's well-formed requests by hop and CSeq, each list in capture order: one pass, not one per response. */
    private static Map<Key, List<FlowMessage>> requests(CallFlow flow) {
        Map<Key, List<FlowMessage>> requests = new HashMap<>();
        for (FlowMessage fm : flow.messages()) {
            SipMessage q = fm.message();
            if (q.isRequest() && !q.malformed()) {
                requests.computeIfAbsent(new Key(q.src().address(), q.dst().address(), q.cseqNumber(), q.cseqMethod()),
                        k -> new ArrayList<>(1)).add(fm);
            }
        }
        return requests;
    }

    /** True when {@code request} went the other way between the two hosts {@code response} went between. */
    private static boolean onHop(SipMessage request, SipMessage response) {
        return request.src().address().equals(response.dst().address())
                && request.dst().address().equals(response.src().address());
    }

    /** The request on the response's hop whose branch it carries, or null. */
    private static SipMessage branchOwner(CallFlow flow, SipMessage response) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage q = fm.message();
            if (q.isRequest() && onHop(q, response) && q.sameBranch(response) && q.hasBranch()) {
                return q;
            }
        }
        return null;
    }

    /** The ACK for the INVITE {@code response} answers, sent back after it on its hop, or null. */
    private static SipMessage ack(CallFlow flow, SipMessage response) {
        for (FlowMessage fm : flow.messages()) {
            SipMessage q = fm.message();
            if ("ACK".equals(q.method()) && onHop(q, response) && q.cseqNumber() == response.cseqNumber()
                    && q.timestampMicros() >= response.timestampMicros()) {
                return q;
            }
        }
        return null;
    }

    private static Finding finding(CallFlow flow, List<SipMessage> unmatched, List<SipMessage> named) {
        SipMessage first = unmatched.get(0);
        SipMessage request = named.get(0);
        String cseq = first.cseqNumber() + " " + first.cseqMethod();
        String response = first.status() + (first.reason() == null || first.reason().isEmpty() ? ""
                : " " + first.reason());
        String sender = first.src().address();
        SipMessage owner = branchOwner(flow, first);
        List<Long> frames = new ArrayList<>(List.of(request.frame()));
        List<String> facts = new ArrayList<>();
        facts.add("Frame " + request.frame() + ": " + request.method() + " CSeq " + cseq + " from "
                + request.src().address() + ", top Via branch " + request.topViaBranch());
        if (owner != null) {
            frames.add(owner.frame());
            facts.add("Frame " + owner.frame() + ": " + owner.method() + " CSeq " + owner.cseqNumber() + " "
                    + owner.cseqMethod() + " from " + owner.src().address() + ", top Via branch "
                    + owner.topViaBranch());
        }
        for (SipMessage m : unmatched) {
            frames.add(m.frame());
            facts.add("Frame " + m.frame() + ": " + m.status() + " CSeq " + m.cseqNumber() + " " + m.cseqMethod()
                    + " from " + m.src().address() + " to " + m.dst().address() + ", top Via branch "
                    + m.topViaBranch());
        }
        StringBuilder why = new StringBuilder();
        why.append(sender).append(" answered CSeq ").append(cseq).append(" with ").append(response)
                .append(" (frame ").append(first.frame()).append(") whose top Via branch ")
                .append(first.topViaBranch()).append(" is ")
                .append(owner != null ? "that of " + owner.method() + " CSeq " + owner.cseqNumber() + " (frame "
                        + owner.frame() + ")" : "that of no request the capture shows")
                .append(", not that of the ").append(request.method()).append(" it answers (")
                .append(request.topViaBranch()).append("). RFC 3261 17.1.3 matches a response to its client "
                        + "transaction by the top Via branch and the CSeq method together, so it matches none: a "
                        + "strict proxy or user agent drops it, and the request's transaction runs on to its "
                        + "timeout.");
        for (int i = 1; i < unmatched.size(); i++) {
            why.append(" ").append(unmatched.get(i).src().address()).append(" passed it on (frame ")
                    .append(unmatched.get(i).frame()).append(").");
        }
        SipMessage last = unmatched.get(unmatched.size() - 1);
        SipMessage ack = "INVITE".equals(first.cseqMethod()) && first.status() < 300 ? ack(flow, last) : null;
        boolean taken = ack != null;
        if (ack != null) {
            frames.add(ack.frame());
            why.append(" ").append(ack.src().address()).append(" took it anyway and sent the ACK (frame ")
                    .append(ack.frame()).append("): a stricter peer would not have, and the call would have "
                            + "failed.");
        } else if ("INVITE".equals(first.cseqMethod()) && first.status() < 300) {
            why.append(" No ACK for it follows: ").append(last.dst().address())
                    .append(" did not take it, and the answer was lost.");
        }
        List<String> steps = List.of("Make " + sender + " copy the Via headers of the request it answers into its "
                + "response, unchanged and in order (RFC 3261 8.2.6.2): an answer to the " + request.method()
                + " carries the " + request.method() + "'s branch, not that of a later request such as a PRACK or "
                + "UPDATE (in a SIPp scenario, [last_Via:] after a PRACK copies the PRACK's).");
        // a lost 2xx loses the answered call; a lost refusal leaves the caller retrying a call that failed anyway
        boolean answerLost = !taken && "INVITE".equals(first.cseqMethod()) && first.status() < 300;
        Severity severity = answerLost ? Severity.ERROR : Severity.WARNING;
        return new Finding(CODE, severity, CODE.title(response, sender, cseq), why.toString(), first.callId(),
                flow.id(), false, Findings.evidence(frames.stream().distinct().sorted().toList(), List.of(), facts),
                Findings.fix(steps, List.of(), null));
    }
}
