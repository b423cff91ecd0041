package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Role;
import org.sipladder.sip.SipMessage;

/**
 * B2BUA_FAILURE_RELAYED: the caller's failure started further down the path and was relayed (by a proxy) or
 * translated (by a B2BUA) on its way back; the finding names the hop where it started and every step since.
 */
final class B2buaFailureRelayedCheck implements FindingRule {

    static final FindingCode CODE = FindingCode.B2BUA_FAILURE_RELAYED;

    /** What a Jambonz on the path can do about the status it gives the caller. */
    private static final String JAMBONZ_STEP = "If the carrier should retry or fail over instead of treating the call as"
            + " declined, let the Jambonz application answer the failed dial itself: in the dial verb's actionHook,"
            + " return a sip:decline verb with a retryable status (e.g. 480 or 503).";

    private static final String TRANSLATED = "The status the caller saw is not where the failure started. A proxy "
            + "relays the next hop's answer unchanged; a B2BUA such as Jambonz runs separate dialogs toward the caller "
            + "and toward the next hop, and when its outbound leg fails it ends the inbound one with its own status "
            + "(Jambonz: 603 Decline, or 480 with an X-Reason header), so the caller's status hides the real cause: "
            + "look at the hop where it started.";
    private static final String RELAYED_ONLY = "The hop the caller got this answer from did not make it: it passed "
            + "back the answer of the next hop unchanged, as a proxy does (RFC 3261 16.7), so the cause is at the hop "
            + "where it started, not at the relay.";

    @Override
    public List<Finding> findings(DiagnosisContext context) {
        List<Finding> findings = new ArrayList<>();
        for (CallFlow flow : context.flows()) {
            if (flow.finalStatus() < 300) {
                continue;
            }
            List<InviteTransaction> chain = relayChain(context.invites(flow));
            if (chain != null) {
                findings.add(finding(context, flow, chain));
            }
        }
        return findings;
    }

    /**
     * The failure the caller got: of the failed INVITEs on the first leg, the one answered last. A proxy keeps the
     * Call-ID, so the INVITE it passed on is on the first leg too, sent after the caller's but answered before it.
     */
    private static InviteTransaction toCaller(List<InviteTransaction> failed) {
        InviteTransaction toCaller = null;
        for (InviteTransaction t : failed) {
            if (t.invite().legIndex() == 0 && (toCaller == null
                    || t.finalResponse().frame() > toCaller.finalResponse().frame())) {
                toCaller = t;
            }
        }
        return toCaller;
    }

    /**
     * The INVITE where the failure the caller got started, when a hop relayed or translated it on its way back (as
     * this rule reports it); null when the caller's failure started where the caller sent its INVITE.
     */
    static InviteTransaction origin(List<InviteTransaction> invites) {
        List<InviteTransaction> chain = relayChain(invites);
        return chain == null ? null : chain.get(0);
    }

    /**
     * The caller's failure from where it started to the caller, when it started further down and the caller did not
     * cancel before it; null otherwise.
     */
    static List<InviteTransaction> relayChain(List<InviteTransaction> invites) {
        List<InviteTransaction> failed = failedOf(invites);
        InviteTransaction toCaller = toCaller(failed);
        if (toCaller == null) {
            return null;
        }
        List<InviteTransaction> chain = chain(toCaller, failed);
        return chain.size() > 1 && !cancelledFirst(toCaller, chain.get(0)) ? chain : null;
    }

    /**
     * The failed INVITEs from where the failure of {@code end} started to {@code end} itself (just {@code end} when
     * it started there).
     */
    static List<InviteTransaction> chainTo(List<InviteTransaction> invites, InviteTransaction end) {
        if (!failed(end)) {
            return List.of(end);
        }
        return chain(end, failedOf(invites));
    }

    /** The {@link #failed} of {@code invites}, in order (a loop: a stream's set-up costs more under the quick JIT). */
    private static List<InviteTransaction> failedOf(List<InviteTransaction> invites) {
        List<InviteTransaction> failed = new ArrayList<>(invites.size());
        for (int i = 0; i < invites.size(); i++) {
            if (failed(invites.get(i))) {
                failed.add(invites.get(i));
            }
        }
        return failed;
    }

    /**
     * True when the caller cancelled its INVITE before the failure further down: the 487s (or whatever the hops
     * answered after the CANCEL they passed on) follow from the caller giving up, not from a hop that failed.
     */
    private static boolean cancelledFirst(InviteTransaction toCaller, InviteTransaction start) {
        SipMessage cancel = toCaller.cancel();
        return cancel != null && cancel.frame() < start.finalResponse().frame();
    }

    /** An INVITE that failed for good; a 401/407 challenge is part of authentication, not a failure. */
    private static boolean failed(InviteTransaction t) {
        SipMessage fin = t.finalResponse();
        return fin != null && fin.status() >= 300 && fin.status() != 401 && fin.status() != 407 && !t.inDialog();
    }

    /**
     * From the caller's failure back to where it started: each earlier step is the failure the hop that answered the
     * next step received before answering (on the address it answered from, else on another of its own): the same
     * response relayed (status and To tag kept, RFC 3261 16.7) where one came, else the last one. A forking proxy
     * gets a failure from each branch and passes on the best, not always the last (a 6xx wins, a 4xx beats a 5xx).
     */
    private static List<InviteTransaction> chain(InviteTransaction toCaller, List<InviteTransaction> failed) {
        LinkedList<InviteTransaction> chain = new LinkedList<>();
        chain.add(toCaller);
        InviteTransaction current = toCaller;
        while (true) {
            SipMessage answer = current.finalResponse();
            InviteTransaction before = null;
            boolean relayed = false;
            for (InviteTransaction t : failed) {
                SipMessage fin = t.finalResponse();
                if (!holds(chain, t) && fin.frame() < answer.frame() && fin.dst().address().equals(answer.src().address())) {
                    boolean same = relays(answer, fin);
                    if (before == null || same && !relayed || same == relayed && fin.frame() > before.finalResponse().frame()) {
                        before = t;
                        relayed = same;
                    }
                }
            }
            if (before == null) {
                before = toOtherAddress(chain, current, failed);
            }
            if (before == null || cancelledFirst(before, before)) {
                // a hop that cancelled its INVITE ended that branch itself: the failure it answered started with it
                return chain;
            }
            chain.addFirst(before);
            current = before;
        }
    }

    /**
     * True when {@code answer} passes {@code received} on unchanged, as a proxy does (RFC 3261 16.7: status and To tag
     * kept): its sender got {@code received} before answering.
     */
    static boolean relays(SipMessage answer, SipMessage received) {
        return received.frame() < answer.frame() && received.dst().address().equals(answer.src().address())
                && received.status() == answer.status() && received.sameToTag(answer);
    }

    /**
     * The failure a B2BUA with an address on each side (an SBC's outside and inside interfaces) got on its other
     * address before answering {@code current} from this one: the last failure before that answer on another leg,
     * whose INVITE was sent after {@code current}'s arrived, to an address no step of the chain came from or went to.
     */
    private static InviteTransaction toOtherAddress(List<InviteTransaction> chain, InviteTransaction current,
                                                    List<InviteTransaction> failed) {
        SipMessage answer = current.finalResponse();
        InviteTransaction before = null;
        for (InviteTransaction t : failed) {
            SipMessage fin = t.finalResponse();
            if (!holds(chain, t) && fin.frame() < answer.frame() && t.request().frame() > current.request().frame()
                    && t.invite().legIndex() != current.invite().legIndex() && !passesThrough(chain, fin.dst().address())
                    && (before == null || fin.frame() > before.finalResponse().frame())) {
                before = t;
            }
        }
        return before;
    }

    /** True when an INVITE of the chain came from or went to {@code address}. */
    private static boolean passesThrough(List<InviteTransaction> chain, String address) {
        for (InviteTransaction step : chain) {
            SipMessage request = step.request();
            if (request.src().address().equals(address) || request.dst().address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code t} itself is in the chain: a transaction is one INVITE of the flow, and the record's own
     * equals would compare whole message lists (and be linked by a method-handle bootstrap at its first call).
     */
    private static boolean holds(List<InviteTransaction> chain, InviteTransaction t) {
        for (InviteTransaction step : chain) {
            if (step == t) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(DiagnosisContext context, CallFlow flow, List<InviteTransaction> chain) {
        boolean throughJambonz = flow.hops().stream().anyMatch(h -> h.role() == Role.JAMBONZ);
        SipMessage start = chain.get(0).finalResponse();
        SipMessage end = chain.get(chain.size() - 1).finalResponse();
        String origin = name(flow, start.src());
        List<String> facts = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        SipMessage previous = null;
        // the hops that passed the status back as they got it, while no step turned it into another
        List<String> relays = new ArrayList<>(chain.size());
        for (InviteTransaction t : chain) {
            SipMessage fin = t.finalResponse();
            frames.add(fin.frame());
            String from = name(flow, fin.src());
            String to = name(flow, fin.dst());
            if (previous == null) {
                facts.add("It started at " + from + ": " + fin.label() + " to " + to + " (frame " + fin.frame()
                        + ", Call-ID " + t.callId() + ")");
            } else if (previous.status() == fin.status()) {
                facts.add(from + " relayed " + fin.status() + " to " + to + " (frame " + fin.frame() + ")");
                if (relays != null && !relays.contains(from)) {
                    relays.add(from);
                }
            } else {
                relays = null;
                long gapMs = (fin.timestampMicros() - previous.timestampMicros()) / 1000;
                facts.add(from + " turned " + previous.status() + " into " + fin.label() + " toward " + to + ", " + gapMs
                        + " ms later (frame " + fin.frame() + ")");
            }
            previous = fin;
        }
        facts.addAll(flow.joinEvidence());
        InviteTransaction toCaller = chain.get(chain.size() - 1);
        // where it started, the callee's own outcome (a Reason naming no answer, busy): nothing there to find out
        String outcome = Q850.calleeOutcome(context, start);
        String first = outcome != null ? "Nothing is broken where it started: " + origin + "'s answer names " + outcome
                + ", the callee's own outcome." : "Find out why " + origin + " answered " + start.label()
                + " and fix that first: the other findings of this call say what the analyzer knows.";
        // every step passed the same status back: it was relayed, not turned into another one
        boolean relayedOnly = relays != null;
        String title = relayedOnly ? start.label() + " from " + origin + ", relayed to the caller unchanged by "
                + String.join(" and ", relays) : CODE.title(end.label(), start.label(), origin);
        return new Finding(CODE, outcome != null ? Severity.INFO : CODE.severity(), title,
                relayedOnly ? RELAYED_ONLY : TRANSLATED,
                toCaller.callId(), flow.id(), false,
                Findings.evidence(frames, List.of(), facts),
                Findings.fix(throughJambonz ? List.of(first, JAMBONZ_STEP) : List.of(first), List.of(), null));
    }

    /** The name of the hop {@code endpoint} is (a party of a shared host is known by its port), with its address. */
    private static String name(CallFlow flow, Endpoint endpoint) {
        for (Hop h : flow.hops()) {
            if (h.holds(endpoint)) {
                String place = h.place();
                return h.name().contains(place) ? h.name() : h.name() + " (" + place + ")";
            }
        }
        return endpoint.address();
    }
}
