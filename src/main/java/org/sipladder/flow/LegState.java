package org.sipladder.flow;

import java.util.Objects;
import org.sipladder.sip.SipMessage;

/**
 * The messages of one Call-ID seen so far, with retransmissions recognised as they arrive. A leg holds the arrival
 * numbers of its first and last messages, which are in the shared {@link MessageStore} with the links from each to the
 * next of its leg, rather than objects per message or references, and looks the messages up when asked for: a large
 * capture holds hundreds of thousands of messages, and an object each, or a reference stored into every leg, cost the
 * collector more than the rest of loading them.
 */
final class LegState {

    /** Up to this many entries a new message is compared with each; beyond, an index by identity hash is used. */
    private static final int LINEAR = 32;

    private final String callId;
    private final MessageStore store;
    /** Arrival numbers of the first and the last message; the others are linked from the first in the store. */
    private int first;
    private int last;
    private int size;
    /** Arrival number of the first message by identity hash; built once the leg outgrows {@link #LINEAR}. */
    private IdentityIndex byIdentity;
    private boolean hasInitialInvite;
    /** The call this leg is part of now; kept by {@link FlowGroups}. */
    FlowGroups.Group group;
    /** The earlier attempt this leg retries under a new Call-ID ({@link RetryCorrelation}), or null. */
    LegState retried;
    /** True once {@link RetryCorrelation} kept this leg as an attempt a later INVITE may retry. */
    boolean keptFailing;
    /** The leg whose REFER asked for this one ({@link TransferCorrelation}), or null. */
    LegState referredBy;
    /** Arrival number of the leg's first dialog-opening INVITE, -1 before it ({@link RetryCorrelation}). */
    int initialInvite = -1;
    /** The address of record and registrar of the leg's last refused REGISTER, or null ({@link RegistrationRenewals}). */
    String refusedRegistration;
    /** Arrival number of the 2xx of a later registration that mends that refusal, -1 when none. */
    int renewal = -1;

    LegState(String callId, MessageStore store) {
        this.callId = callId;
        this.store = store;
    }

    String callId() {
        return callId;
    }

    /** The store of this leg's messages. */
    MessageStore store() {
        return store;
    }

    /** Set in an arrival number {@link #messages} gives for a retransmission (arrival numbers are never negative). */
    static final int REPEAT = Integer.MIN_VALUE;

    /** How many messages the leg holds. */
    int size() {
        return size;
    }

    /**
     * The messages in arrival order, looked up now along the store's links; {@code arrivals}, at least as long as the
     * leg holds messages, gets each one's arrival number, a retransmission's with {@link #REPEAT} set.
     */
    SipMessage[] messages(int[] arrivals) {
        SipMessage[] messages = new SipMessage[size];
        int seq = first;
        for (int i = 0; i < size; i++) {
            int link = store.link(seq);
            messages[i] = store.get(seq);
            arrivals[i] = MessageStore.repeatIn(link) ? seq | REPEAT : seq;
            seq = MessageStore.nextIn(link);
        }
        return messages;
    }

    /** The first message. */
    SipMessage firstMessage() {
        return store.get(first);
    }

    /** Capture time of the first message. */
    long firstMicros() {
        return firstMessage().timestampMicros();
    }

    /** Capture time of the last message. */
    long lastMicros() {
        return store.get(last).timestampMicros();
    }

    /** Arrival number of the first message. */
    long firstSeq() {
        return first;
    }

    /** True once the leg holds an INVITE that opens a dialog (the leg's first INVITE has been seen). */
    boolean hasInitialInvite() {
        return hasInitialInvite;
    }

    /**
     * False once the leg has ended (BYE or CANCEL) or its last INVITE was refused (a final 3xx-6xx): a B2BUA starts
     * no outgoing leg for such a call (an answered one it may still dial out for, as an IVR does).
     */
    boolean mayContinue() {
        boolean open = true;
        for (int i = 0, s = first; i < size; i++, s = store.next(s)) {
            SipMessage m = store.get(s);
            if (m.isRequest()) {
                String method = m.method();
                if ("BYE".equals(method) || "CANCEL".equals(method)) {
                    return false;
                }
                // a new attempt (after a 401/407 challenge) opens it again
                open |= "INVITE".equals(method);
            } else if (m.status() >= 300 && "INVITE".equals(m.cseqMethod())) {
                open = false;
            }
        }
        return open;
    }

    /** True when an INVITE of the leg got a 2xx: the leg was answered (an A-leg its B2BUA answered itself, an IVR). */
    boolean answered() {
        for (int i = 0, s = first; i < size; i++, s = store.next(s)) {
            SipMessage m = store.get(s);
            if (!m.isRequest() && m.status() >= 200 && m.status() < 300 && "INVITE".equals(m.cseqMethod())) {
                return true;
            }
        }
        return false;
    }

    /** The index by identity hash, or null while the leg is small enough to go without. */
    IdentityIndex index() {
        return byIdentity;
    }

    /** Adds the message that has arrival number {@code seq} in the store. */
    void add(int seq, SipMessage m) {
        // the hash only serves the index, which small legs do without
        long hash = byIdentity != null ? identityHash(m) : 0;
        boolean repeated = sameMessage(m, hash) >= 0;
        if (repeated) {
            store.markRepeat(seq);
        }
        if (size == 0) {
            first = seq;
        } else {
            store.link(last, seq);
        }
        last = seq;
        size++;
        if (byIdentity != null) {
            byIdentity.putIfAbsent(hash, seq);
        } else if (size > LINEAR) {
            byIdentity = new IdentityIndex();
            for (int i = 0, s = first; i < size; i++, s = store.next(s)) {
                byIdentity.putIfAbsent(identityHash(store.get(s)), s);
            }
        }
        if (!repeated && "INVITE".equals(m.method()) && SipFields.isInitialRequest(m)) {
            hasInitialInvite = true;
        }
    }

    /**
     * Arrival number of an earlier message that {@code m} repeats, or -1; {@code hash} is its identity hash once
     * indexed.
     */
    private int sameMessage(SipMessage m, long hash) {
        if (byIdentity != null) {
            int candidate = byIdentity.get(hash);
            if (candidate < 0) {
                return -1;
            }
            if (same(store.get(candidate), m)) {
                return candidate;
            }
            // two different messages with one hash: rare enough to look at every entry
        }
        int seq = first;
        for (int i = 0; i < size; i++) {
            if (same(store.get(seq), m)) {
                return seq;
            }
            seq = store.next(seq);
        }
        return -1;
    }

    /**
     * Two messages are the same message sent again when they belong to the same transaction, travel the same
     * way and say the same thing (method or status, To tag, RSeq of reliable provisionals).
     */
    private static boolean same(SipMessage a, SipMessage b) {
        return a.status() == b.status() && Objects.equals(a.method(), b.method()) && SipFields.sameTransaction(a, b)
                && a.src().equals(b.src()) && a.dst().equals(b.dst())
                && a.sameToTag(b) && Objects.equals(a.header("RSeq"), b.header("RSeq"));
    }

    private static long identityHash(SipMessage m) {
        long h = m.branchHash();
        h = h * 31 + m.cseqNumber();
        h = h * 31 + Objects.hashCode(m.cseqMethod());
        h = h * 31 + m.status();
        h = h * 31 + Objects.hashCode(m.method());
        h = h * 1_000_003 + m.src().hashCode();
        h = h * 1_000_003 + m.dst().hashCode();
        h = h * 1_000_003 + Objects.hashCode(SipFields.toTag(m));
        return h * 31 + Objects.hashCode(m.header("RSeq"));
    }
}
