package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * {@link InviteTransaction#of} for a call of many messages: whether an INVITE has a twin or a proxied copy is counted
 * once per CSeq number instead of looked for among that number's INVITEs for each of them, and only responses are
 * looked at for its answers. A caller that retried thousands of times on one Call-ID and CSeq, each time with a new
 * From tag, had every INVITE compared with every other (20,000 INVITEs took 72 s to diagnose).
 */
final class SameCseqInvites {

    /** How many INVITEs of a CSeq number share a Call-ID, a Call-ID and sender, a leg, Call-ID and sender. */
    private final Map<String, int[]> counts = new HashMap<>();

    private final List<FlowMessage> messages;
    /** The places of the responses to INVITEs of the number, their count first, or null. */
    private final int[] responses;
    /** The places of those responses by top Via branch ("" for none), each list's count first, once asked. */
    private Map<String, int[]> byBranch;

    private SameCseqInvites(List<FlowMessage> messages, int[] invites, int[] responses) {
        this.messages = messages;
        this.responses = responses;
        for (int k = 1; k <= invites[0]; k++) {
            FlowMessage m = messages.get(invites[k]);
            SipMessage invite = m.message();
            String callId = invite.callId();
            if (callId != null) {
                String sender = invite.src().address();
                tally("c\n" + callId);
                tally("s\n" + callId + '\n' + sender);
                tally("l" + m.legIndex() + '\n' + callId + '\n' + sender);
            }
        }
    }

    /** The INVITE transactions of {@code flow}, adding the messages looked at to {@code looks[0]}. */
    static List<InviteTransaction> transactions(CallFlow flow, long[] looks) {
        List<FlowMessage> messages = flow.messages();
        // the INVITEs as first sent, and the responses to INVITEs not resent, by CSeq number: nothing else can be
        // an INVITE's twin, copy or answer
        long[] numbers = new long[messages.size()];
        boolean[] invite = new boolean[messages.size()];
        boolean[] response = new boolean[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            FlowMessage m = messages.get(i);
            SipMessage s = m.message();
            numbers[i] = s.cseqNumber();
            invite[i] = !m.retransmission() && "INVITE".equals(s.method());
            response[i] = !m.retransmission() && !s.isRequest() && "INVITE".equals(s.cseqMethod());
        }
        CseqPlaces invites = new CseqPlaces(numbers, invite);
        CseqPlaces responses = new CseqPlaces(numbers, response);
        looks[0] += messages.size();
        Map<Long, SameCseqInvites> byNumber = new HashMap<>();
        TransactionIndex index = new TransactionIndex(flow);
        List<InviteTransaction> result = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!invite[i]) {
                continue;
            }
            FlowMessage m = messages.get(i);
            Long number = numbers[i];
            SameCseqInvites same = byNumber.get(number);
            if (same == null) {
                int[] numbered = invites.get(number);
                same = new SameCseqInvites(messages, numbered, responses.get(number));
                looks[0] += numbered[0];
                byNumber.put(number, same);
            }
            result.add(new InviteTransaction(flow, m, same.answers(m, looks), index));
        }
        return result;
    }

    /**
     * The responses answering {@code invite}: when it has a twin, only those of its branch or of none can (a caller
     * retrying thousands of times on one CSeq got each retry rejected).
     */
    private List<FlowMessage> answers(FlowMessage invite, long[] looks) {
        boolean twin = twin(invite);
        boolean proxied = proxied(invite);
        List<FlowMessage> answers = new ArrayList<>();
        if (responses == null) {
            return answers;
        }
        if (!twin || !invite.message().hasBranch()) {
            addAnswers(responses, invite, twin, proxied, answers, looks);
            return answers;
        }
        if (byBranch == null) {
            byBranch = byBranch();
            looks[0] += responses[0];
        }
        int[] branched = byBranch.get(invite.message().topViaBranch());
        int[] unbranched = byBranch.get("");
        addAnswers(branched == null ? unbranched : unbranched == null ? branched : union(branched, unbranched),
                invite, twin, proxied, answers, looks);
        return answers;
    }

    private Map<String, int[]> byBranch() {
        Map<String, int[]> found = new HashMap<>();
        for (int k = 1; k <= responses[0]; k++) {
            SipMessage r = messages.get(responses[k]).message();
            String branch = r.hasBranch() ? r.topViaBranch() : "";
            found.put(branch, InviteTransaction.append(found.get(branch), responses[k]));
        }
        return found;
    }

    /** The places of {@code a} and {@code b} (each count first, each in capture order) in capture order. */
    private static int[] union(int[] a, int[] b) {
        int[] places = new int[a[0] + b[0] + 1];
        int i = 1;
        int j = 1;
        while (i <= a[0] || j <= b[0]) {
            places[++places[0]] = j > b[0] || i <= a[0] && a[i] < b[j] ? a[i++] : b[j++];
        }
        return places;
    }

    private void addAnswers(int[] places, FlowMessage invite, boolean twin, boolean proxied,
                            List<FlowMessage> answers, long[] looks) {
        if (places == null) {
            return;
        }
        looks[0] += places[0];
        for (int k = 1; k <= places[0]; k++) {
            FlowMessage m = messages.get(places[k]);
            if (InviteTransaction.answers(m, invite, twin, proxied)) {
                answers.add(m);
            }
        }
    }

    /** As {@code InviteTransaction.proxied}: an INVITE of the same Call-ID came from another address. */
    private boolean proxied(FlowMessage invite) {
        String callId = invite.message().callId();
        return callId != null
                && count("c\n" + callId) > count("s\n" + callId + '\n' + invite.message().src().address());
    }

    /** As {@code InviteTransaction.twin}: another INVITE of the leg has the same Call-ID and sender. */
    private boolean twin(FlowMessage invite) {
        String callId = invite.message().callId();
        return callId != null
                && count("l" + invite.legIndex() + '\n' + callId + '\n' + invite.message().src().address()) >= 2;
    }

    private void tally(String key) {
        int[] count = counts.get(key);
        if (count == null) {
            counts.put(key, new int[] {1});
        } else {
            count[0]++;
        }
    }

    private int count(String key) {
        int[] count = counts.get(key);
        return count == null ? 0 : count[0];
    }
}
