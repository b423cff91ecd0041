package org.sipladder.flow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.sipladder.sip.SipMessage;

/**
 * The messages of one Call-ID seen so far, with retransmissions recognised as they arrive. A leg holds the arrival
 * numbers of its messages, which are in the shared {@link MessageStore}, rather than {@link Entry} objects or
 * references, and makes entries when asked for: a large capture holds hundreds of thousands of messages, and an
 * object each, or a reference stored into every leg, cost the collector more than the rest of loading them.
 */
final class LegState {

    /** Up to this many entries a new message is compared with each; beyond, an index by identity hash is used. */
    private static final int LINEAR = 32;
    /** Set in a {@link #seqs} element for a retransmission (arrival numbers are never negative). */
    private static final int REPEAT = Integer.MIN_VALUE;

    private final String callId;
    private final MessageStore store;
    /**
     * Arrival number of each message, with {@link #REPEAT} set for a retransmission; first sized for a usual leg
     * (INVITE, 100, 180, 200, ACK, BYE, 200) to need no growing.
     */
    private int[] seqs = new int[8];
    private int size;
    /** First entry by identity hash; built once the leg outgrows {@link #LINEAR}. */
    private Map<Long, Integer> byIdentity;
    private boolean hasInitialInvite;
    /** The call this leg is part of now; kept by {@link FlowGroups}. */
    FlowGroups.Group group;

    LegState(String callId, MessageStore store) {
        this.callId = callId;
        this.store = store;
    }

    String callId() {
        return callId;
    }

    /** The entries in arrival order, made now (one per message: a leg keeps none). */
    Entry[] entryArray() {
        Entry[] entries = new Entry[size];
        for (int i = 0; i < size; i++) {
            entries[i] = entry(i);
        }
        return entries;
    }

    Entry first() {
        return entry(0);
    }

    /** The first message. */
    SipMessage firstMessage() {
        return message(0);
    }

    /** Capture time of the first message. */
    long firstMicros() {
        return message(0).timestampMicros();
    }

    /** Arrival number of the first message. */
    long firstSeq() {
        return seqs[0] & ~REPEAT;
    }

    private Entry entry(int i) {
        return new Entry(seqs[i] & ~REPEAT, message(i), seqs[i] < 0);
    }

    private SipMessage message(int i) {
        return store.get(seqs[i] & ~REPEAT);
    }

    /** True once the leg holds an INVITE that opens a dialog (the leg's first INVITE has been seen). */
    boolean hasInitialInvite() {
        return hasInitialInvite;
    }

    /** Adds the message that has arrival number {@code seq} in the store. */
    void add(int seq, SipMessage m) {
        // the hash only serves the index, which small legs do without
        long hash = byIdentity != null ? identityHash(m) : 0;
        boolean repeated = sameMessage(m, hash) >= 0;
        if (size == seqs.length) {
            seqs = Arrays.copyOf(seqs, size * 2);
        }
        seqs[size] = repeated ? seq | REPEAT : seq;
        size++;
        if (byIdentity != null) {
            byIdentity.putIfAbsent(hash, size - 1);
        } else if (size > LINEAR) {
            byIdentity = new HashMap<>();
            for (int i = 0; i < size; i++) {
                byIdentity.putIfAbsent(identityHash(message(i)), i);
            }
        }
        if (!repeated && "INVITE".equals(m.method()) && SipFields.isInitialRequest(m)) {
            hasInitialInvite = true;
        }
    }

    /** Index of an earlier entry that {@code m} repeats, or -1; {@code hash} is its identity hash once indexed. */
    private int sameMessage(SipMessage m, long hash) {
        if (byIdentity != null) {
            Integer candidate = byIdentity.get(hash);
            if (candidate == null) {
                return -1;
            }
            if (same(message(candidate), m)) {
                return candidate;
            }
            // two different messages with one hash: rare enough to look at every entry
        }
        for (int i = 0; i < size; i++) {
            if (same(message(i), m)) {
                return i;
            }
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
