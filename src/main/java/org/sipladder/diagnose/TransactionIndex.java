package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * The messages of a call of more than {@link InviteTransaction#WALKED} messages by what rules ask of each INVITE
 * transaction (its resends, its CANCEL and the answer to it, its last response, the failure its sender passed back):
 * each question walked the whole call, and a caller retrying thousands of times on one Call-ID asked it of every
 * INVITE (20,000 INVITEs took 75 s to diagnose). Each table is made at the first question that needs it, with the
 * messages of each key in capture order, so a look-up finds what the walk found first.
 */
final class TransactionIndex {

    private final List<FlowMessage> messages;
    /** Whether the frame numbers never go down along the messages: then the first after a frame is searched for. */
    private final boolean framesInOrder;

    /** Resent requests by method, CSeq number, Call-ID, sender and receiver; the places, their count first. */
    private Map<String, int[]> resends;
    /** When each receiver last answered an INVITE, by CSeq number, Call-ID and that receiver. */
    private Map<String, long[]> lastAnswers;
    /** CANCELs by Call-ID, CSeq number, sender and receiver. */
    private Map<String, int[]> cancels;
    /** Final responses to CANCELs by Call-ID, CSeq number and the address of their sender. */
    private Map<String, int[]> cancelAnswers;
    /** 3xx-6xx responses to INVITEs as first sent, by the address of their sender. */
    private Map<String, int[]> failures;

    /** INVITEs as first sent by the address of their sender. */
    private Map<String, int[]> invitesBySender;

    /** How many messages the tables and look-ups looked at: for tests that the questions are not walks. */
    long looks;

    TransactionIndex(CallFlow flow) {
        this.messages = flow.messages();
        boolean inOrder = true;
        for (int i = 1; i < messages.size() && inOrder; i++) {
            inOrder = messages.get(i - 1).message().frame() <= messages.get(i).message().frame();
        }
        this.framesInOrder = inOrder;
    }

    /** As {@link InviteTransaction#retransmissionsOf}; {@code request}'s Call-ID is not null. */
    synchronized int retransmissionsOf(SipMessage request) {
        if (resends == null) {
            resends = new HashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage m = messages.get(i);
                SipMessage s = m.message();
                if (m.retransmission() && s.method() != null && s.callId() != null) {
                    add(resends, s.method() + '\n' + s.cseqNumber() + '\n' + s.callId() + '\n' + key(s.src()) + '\n'
                            + key(s.dst()), i);
                }
            }
            looks += messages.size();
        }
        int[] places = resends.get(request.method() + '\n' + request.cseqNumber() + '\n' + request.callId() + '\n'
                + key(request.src()) + '\n' + key(request.dst()));
        int count = 0;
        if (places != null) {
            looks += places[0];
            for (int k = 1; k <= places[0]; k++) {
                if (messages.get(places[k]).message().sameBranch(request)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** As {@link InviteTransaction#lastResponseMicros}; {@code request}'s Call-ID is not null. */
    synchronized long lastResponseMicros(SipMessage request) {
        if (lastAnswers == null) {
            lastAnswers = new HashMap<>();
            for (FlowMessage m : messages) {
                SipMessage r = m.message();
                if (!r.isRequest() && "INVITE".equals(r.cseqMethod()) && r.callId() != null) {
                    String key = r.cseqNumber() + "\n" + r.callId() + '\n' + key(r.src());
                    long[] last = lastAnswers.get(key);
                    if (last == null) {
                        lastAnswers.put(key, new long[] {r.timestampMicros()});
                    } else {
                        last[0] = Math.max(last[0], r.timestampMicros());
                    }
                }
            }
            looks += messages.size();
        }
        long[] last = lastAnswers.get(request.cseqNumber() + "\n" + request.callId() + '\n' + key(request.dst()));
        return last == null ? -1 : Math.max(-1, last[0]);
    }

    /** As {@link InviteTransaction#cancel}; {@code request}'s Call-ID is not null. */
    synchronized SipMessage cancel(SipMessage request) {
        if (cancels == null) {
            cancels = new HashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                SipMessage c = messages.get(i).message();
                if ("CANCEL".equals(c.method()) && c.callId() != null) {
                    add(cancels, c.callId() + '\n' + c.cseqNumber() + '\n' + key(c.src()) + '\n' + key(c.dst()), i);
                }
            }
            looks += messages.size();
        }
        int[] places = cancels.get(request.callId() + '\n' + request.cseqNumber() + '\n' + key(request.src()) + '\n'
                + key(request.dst()));
        int k = firstAfter(places, request.frame());
        return k < 0 ? null : messages.get(places[k]).message();
    }

    /** As {@link InviteTransaction#cancelAnswer}, for the INVITE {@code request}; {@code cancel}'s Call-ID is not null. */
    synchronized SipMessage cancelAnswer(SipMessage request, SipMessage cancel) {
        if (cancelAnswers == null) {
            cancelAnswers = new HashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                SipMessage r = messages.get(i).message();
                if (!r.isRequest() && r.status() >= 200 && "CANCEL".equals(r.cseqMethod()) && r.callId() != null) {
                    add(cancelAnswers, r.callId() + '\n' + r.cseqNumber() + '\n' + r.src().address(), i);
                }
            }
            looks += messages.size();
        }
        int[] places = cancelAnswers.get(cancel.callId() + '\n' + cancel.cseqNumber() + '\n'
                + request.dst().address());
        int k = firstAfter(places, cancel.frame());
        return k < 0 ? null : messages.get(places[k]).message();
    }

    /**
     * The first 3xx-6xx response to an INVITE (not a resend) after {@code request} sent by its sender to another
     * address than its receiver, or null: NoFinalResponseCheck's answer the silence turned into.
     */
    synchronized SipMessage failureSentBack(SipMessage request) {
        if (failures == null) {
            failures = new HashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage m = messages.get(i);
                SipMessage r = m.message();
                if (!m.retransmission() && r.status() >= 300 && "INVITE".equals(r.cseqMethod())) {
                    add(failures, r.src().address(), i);
                }
            }
            looks += messages.size();
        }
        int[] places = failures.get(request.src().address());
        String receiver = request.dst().address();
        for (int k = firstAfter(places, request.frame()); k > 0 && k <= places[0]; k++) {
            looks++;
            SipMessage r = messages.get(places[k]).message();
            if (r.frame() > request.frame() && !r.dst().address().equals(receiver)) {
                return r;
            }
        }
        return null;
    }

    /**
     * The INVITEs (not resends) {@code sender} sent after {@code frame}, in capture order, for {@code
     * LiveKitRoutings.forwarded}; with frames out of order, ones before it among them.
     */
    synchronized List<FlowMessage> invitesSentAfter(String sender, long frame) {
        if (invitesBySender == null) {
            invitesBySender = new HashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                FlowMessage m = messages.get(i);
                if (!m.retransmission() && "INVITE".equals(m.message().method())) {
                    add(invitesBySender, m.message().src().address(), i);
                }
            }
            looks += messages.size();
        }
        int[] places = invitesBySender.get(sender);
        int first = firstAfter(places, frame);
        if (first < 0) {
            return List.of();
        }
        List<FlowMessage> after = new ArrayList<>(places[0] - first + 1);
        for (int k = first; k <= places[0]; k++) {
            after.add(messages.get(places[k]));
        }
        return after;
    }

    /**
     * The place in {@code places} (count first, capture order; null for none) of the first message after
     * {@code frame}, or -1: searched for when frames are in order, else walked.
     */
    private int firstAfter(int[] places, long frame) {
        if (places == null) {
            return -1;
        }
        if (!framesInOrder) {
            for (int k = 1; k <= places[0]; k++) {
                looks++;
                if (messages.get(places[k]).message().frame() > frame) {
                    return k;
                }
            }
            return -1;
        }
        int low = 1;
        int high = places[0] + 1;
        while (low < high) {
            looks++;
            int mid = (low + high) >>> 1;
            if (messages.get(places[mid]).message().frame() > frame) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low <= places[0] ? low : -1;
    }

    private static void add(Map<String, int[]> table, String key, int place) {
        table.put(key, InviteTransaction.append(table.get(key), place));
    }

    private static String key(Endpoint endpoint) {
        return endpoint.address() + '\n' + endpoint.port();
    }
}
