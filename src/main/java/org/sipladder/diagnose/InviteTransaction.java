package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Timings;
import org.sipladder.sip.SipMessage;

/**
 * One INVITE sent on a leg with the responses that came back for it (retransmissions left out).
 *
 * @param flow      the call flow
 * @param invite    the INVITE as first sent
 * @param responses its responses in capture order
 * @param index     the call's messages by what is asked of its transactions, shared by them, or null: the call is
 *                  walked for each question (a call of up to {@link #WALKED} messages, a detached transaction)
 */
public record InviteTransaction(CallFlow flow, FlowMessage invite, List<FlowMessage> responses,
                                TransactionIndex index) {

    /** A transaction whose questions walk the call. */
    public InviteTransaction(CallFlow flow, FlowMessage invite, List<FlowMessage> responses) {
        this(flow, invite, responses, null);
    }

    // equal when of the same flow, INVITE and responses, whichever index each has: the index is only a way to the
    // answers, and the transactions of two memos (a routing's and a rule's) are compared
    @Override
    public boolean equals(Object o) {
        return o instanceof InviteTransaction t && Objects.equals(flow, t.flow) && Objects.equals(invite, t.invite)
                && Objects.equals(responses, t.responses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flow, invite, responses);
    }

    private static final Timings NO_TIMINGS = new Timings(null, null, null, null);

    /** The INVITE transactions of every leg of a flow, in capture order. */
    public static List<InviteTransaction> of(CallFlow flow) {
        return of(flow, new long[1]);
    }

    /** Calls of up to this many messages are walked for each INVITE; longer ones are indexed first. */
    static final int WALKED = 64;

    /**
     * {@link #of(CallFlow)}, adding to {@code looks[0]} how many messages were looked at for the INVITEs: a long call's
     * re-INVITEs (one a second all day) are each matched against the messages of their own CSeq, not all of them, and
     * thousands of INVITEs of one CSeq (a caller retrying with a new From tag each time) not against each other.
     */
    static List<InviteTransaction> of(CallFlow flow, long[] looks) {
        return of(flow, looks, null);
    }

    /** {@link #of(CallFlow, long[])} with the flow's CSeq numbers of {@code memo} (read here when null). */
    static List<InviteTransaction> of(CallFlow flow, long[] looks, CallMemo memo) {
        if (flow.messages().size() > WALKED) {
            return SameCseqInvites.transactions(flow, looks);
        }
        return walked(flow, looks, memo == null ? FlowCseqs.of(flow) : memo.cseqs(flow));
    }

    /** {@link #of(CallFlow)} by walking, for each INVITE, the messages of its CSeq number. */
    static List<InviteTransaction> walked(CallFlow flow, long[] looks) {
        return walked(flow, looks, FlowCseqs.of(flow));
    }

    private static List<InviteTransaction> walked(CallFlow flow, long[] looks, FlowCseqs cseqs) {
        List<FlowMessage> messages = flow.messages();
        // the CSeq of each message read once (by the memo, for every rule): it is compared for every INVITE
        long[] cseqNumbers = cseqs.cseqNumbers();
        boolean[] answersInvite = new boolean[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            SipMessage m = messages.get(i).message();
            answersInvite[i] = !m.isRequest() && "INVITE".equals(m.cseqMethod());
        }
        CseqPlaces byCseq = cseqs.places();
        List<InviteTransaction> result = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            FlowMessage m = messages.get(i);
            if (!m.retransmission() && "INVITE".equals(m.message().method())) {
                int[] same = byCseq.get(cseqNumbers[i]);
                looks[0] += 3L * same[0];
                result.add(new InviteTransaction(flow, m, responsesTo(messages, same, answersInvite, m)));
            }
        }
        return result;
    }

    /** {@code places} (their count first; null for none yet) with {@code i} appended: the array, grown when full. */
    static int[] append(int[] places, int i) {
        int[] grown = places;
        if (grown == null) {
            grown = new int[4];
        } else if (grown[0] + 1 == grown.length) {
            grown = Arrays.copyOf(grown, grown.length * 2);
        }
        grown[++grown[0]] = i;
        return grown;
    }

    /** {@code same}: the places of the messages with the INVITE's CSeq number, its length first ({@link CseqPlaces}). */
    private static List<FlowMessage> responsesTo(List<FlowMessage> messages, int[] same, boolean[] answersInvite,
                                                 FlowMessage invite) {
        SipMessage request = invite.message();
        boolean proxied = proxied(messages, same, request);
        boolean twin = twin(messages, same, invite);
        List<FlowMessage> responses = new ArrayList<>();
        for (int k = 1; k <= same[0]; k++) {
            int i = same[k];
            FlowMessage m = messages.get(i);
            if (!m.retransmission() && answersInvite[i] && answers(m, invite, twin, proxied)) {
                responses.add(m);
            }
        }
        return responses;
    }

    /**
     * True when {@code m}, a response to an INVITE with {@code invite}'s CSeq number, answers {@code invite}: on its
     * leg, after it, of its Call-ID, and when it has a twin ({@link #twin}) of its branch, when it was proxied
     * ({@link #proxied}) from where it was sent.
     */
    static boolean answers(FlowMessage m, FlowMessage invite, boolean twin, boolean proxied) {
        SipMessage r = m.message();
        SipMessage request = invite.message();
        return m.legIndex() == invite.legIndex() && r.frame() > request.frame() && sameCallId(r, request)
                && (!twin || sameTransaction(r, request)) && (!proxied || answers(r, request));
    }

    /**
     * True when a proxy passed the same INVITE (Call-ID and CSeq) on to another hop: each hop's responses are then
     * only those coming back from where its copy was sent, so a proxy's relayed answer is not taken for the next
     * hop's.
     */
    private static boolean proxied(List<FlowMessage> messages, int[] same, SipMessage request) {
        for (int k = 1; k <= same[0]; k++) {
            FlowMessage m = messages.get(same[k]);
            SipMessage other = m.message();
            if (!m.retransmission() && "INVITE".equals(other.method())
                    && sameCallId(other, request) && !other.src().address().equals(request.src().address())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when another INVITE of the leg, not a retransmission, has the same Call-ID and CSeq (a new dialog after a
     * rejection, with a new From tag and branch): only then are responses told apart by branch, so that a response
     * whose Via a damaged capture or a careless peer altered still answers the only INVITE it can.
     */
    private static boolean twin(List<FlowMessage> messages, int[] same, FlowMessage invite) {
        SipMessage request = invite.message();
        for (int k = 1; k <= same[0]; k++) {
            FlowMessage m = messages.get(same[k]);
            if (m != invite && !m.retransmission() && m.legIndex() == invite.legIndex()
                    && "INVITE".equals(m.message().method()) && sameCallId(m.message(), request)
                    && m.message().src().address().equals(request.src().address())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True unless both carry a top Via branch and the branches differ: a response echoes its request's Via (RFC 3261
     * 17.1.3). Peers without branches (RFC 2543) are matched by Call-ID and CSeq alone.
     */
    private static boolean sameTransaction(SipMessage response, SipMessage request) {
        return !response.hasBranch() || !request.hasBranch() || response.sameBranch(request);
    }

    private static boolean answers(SipMessage response, SipMessage request) {
        return response.src().address().equals(request.dst().address())
                && response.dst().address().equals(request.src().address());
    }

    private static boolean sameCallId(SipMessage a, SipMessage b) {
        return a.callId() != null && a.callId().equals(b.callId());
    }

    /**
     * This transaction keeping of its call only the id, and of itself only the INVITE (as sent: its frame, numbers
     * and headers are read from it): for keeping it after the call is let go (the desktop app assembles a call when
     * it is shown, and keeps a routing per INVITE that reached LiveKit: 48,000 on a capture of 50,000 calls, where
     * the legs, timings and responses kept 25 MB). What the capture answered stays in the routing's observed
     * statuses.
     */
    public InviteTransaction detached() {
        return new InviteTransaction(new CallFlow(flow.id(), List.of(), List.of(), List.of(), List.of(), NO_TIMINGS),
                invite, List.of());
    }

    public SipMessage request() {
        return invite.message();
    }

    /** The first final (2xx-6xx) response, or null when none was captured. */
    public SipMessage finalResponse() {
        // a loop: a dozen rules ask this of every INVITE of every call
        for (int i = 0; i < responses.size(); i++) {
            SipMessage r = responses.get(i).message();
            if (r.status() >= 200) {
                return r;
            }
        }
        return null;
    }

    /**
     * How many times the sender sent the INVITE again (same Call-ID, CSeq, direction and Via branch: a proxy's forks
     * of one INVITE to the same peer are transactions of their own).
     */
    public int retransmissions() {
        return retransmissionsOf(request());
    }

    /**
     * How many times the sender sent {@code request} (this INVITE or its {@link #cancel}) again: the flow's
     * retransmissions of the same method, Call-ID, CSeq, direction and Via branch.
     */
    public int retransmissionsOf(SipMessage request) {
        if (index != null && request.callId() != null) {
            return index.retransmissionsOf(request);
        }
        int count = 0;
        for (FlowMessage m : flow.messages()) {
            SipMessage other = m.message();
            if (m.retransmission() && request.method().equals(other.method()) && other.cseqNumber() == request.cseqNumber()
                    && request.callId().equals(other.callId()) && other.src().equals(request.src())
                    && other.dst().equals(request.dst()) && other.sameBranch(request)) {
                count++;
            }
        }
        return count;
    }

    /**
     * When the receiver of the INVITE last answered it (same Call-ID and CSeq, back to its sender), its repeated
     * responses included; -1 when it never did.
     */
    public long lastResponseMicros() {
        SipMessage request = request();
        if (index != null && request.callId() != null) {
            return index.lastResponseMicros(request);
        }
        long last = -1;
        for (FlowMessage m : flow.messages()) {
            SipMessage r = m.message();
            if (!r.isRequest() && r.cseqNumber() == request.cseqNumber() && "INVITE".equals(r.cseqMethod())
                    && r.src().equals(request.dst()) && r.callId().equals(request.callId())) {
                last = Math.max(last, r.timestampMicros());
            }
        }
        return last;
    }

    /**
     * The caller's CANCEL of the INVITE on its leg (same Call-ID, CSeq number, sender and receiver, after it), or
     * null: a forking proxy sends each branch's CANCEL where that branch's INVITE went (RFC 3261 9.1).
     */
    public SipMessage cancel() {
        SipMessage request = request();
        if (index != null && request.callId() != null) {
            return index.cancel(request);
        }
        for (FlowMessage fm : flow.messages()) {
            SipMessage c = fm.message();
            if (c.frame() > request.frame() && "CANCEL".equals(c.method()) && request.callId().equals(c.callId())
                    && c.cseqNumber() == request.cseqNumber() && c.src().equals(request.src())
                    && c.dst().equals(request.dst())) {
                return c;
            }
        }
        return null;
    }

    /** The final response to {@code cancel} (a CANCEL of this INVITE) from the INVITE's receiver, or null. */
    public SipMessage cancelAnswer(SipMessage cancel) {
        SipMessage request = request();
        if (index != null && cancel.callId() != null) {
            return index.cancelAnswer(request, cancel);
        }
        for (FlowMessage fm : flow.messages()) {
            SipMessage r = fm.message();
            if (r.frame() > cancel.frame() && !r.isRequest() && r.status() >= 200 && "CANCEL".equals(r.cseqMethod())
                    && cancel.callId().equals(r.callId()) && r.cseqNumber() == cancel.cseqNumber()
                    && r.src().address().equals(request.dst().address())) {
                return r;
            }
        }
        return null;
    }

    /** True for a re-INVITE: its To header already carries the dialog's tag, so no routing happens for it. */
    public boolean inDialog() {
        String to = request().header("To");
        return to != null && hasTagParameter(to);
    }

    /**
     * True when {@code to} holds {@code ;tag=} (white space allowed around the name, any case): what
     * {@code Pattern.compile(">?\\s*;\\s*tag\\s*=", CASE_INSENSITIVE).matcher(to).find()} finds, written out, as
     * several rules ask it of every INVITE.
     */
    static boolean hasTagParameter(String to) {
        for (int semi = to.indexOf(';'); semi >= 0; semi = to.indexOf(';', semi + 1)) {
            int i = skipSpace(to, semi + 1);
            if (i + 3 <= to.length() && (to.charAt(i) | 0x20) == 't' && (to.charAt(i + 1) | 0x20) == 'a'
                    && (to.charAt(i + 2) | 0x20) == 'g') {
                int eq = skipSpace(to, i + 3);
                if (eq < to.length() && to.charAt(eq) == '=') {
                    return true;
                }
            }
        }
        return false;
    }

    /** The index of the first character from {@code from} that is not in the class {@code \\s}. */
    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    public String callId() {
        return request().callId();
    }

    public long frame() {
        return request().frame();
    }
}
