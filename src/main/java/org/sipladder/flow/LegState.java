package org.sipladder.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sipladder.sip.SipMessage;

/** The messages of one Call-ID seen so far, with retransmissions recognised as they arrive. */
final class LegState {

    /** Up to this many entries a new message is compared with each; beyond, an index by identity hash is used. */
    private static final int LINEAR = 32;

    private final String callId;
    private final List<Entry> entries = new ArrayList<>(4);
    /** First entry by identity hash; built once the leg outgrows {@link #LINEAR}. */
    private Map<Long, Integer> byIdentity;
    private boolean hasInitialInvite;

    LegState(String callId) {
        this.callId = callId;
    }

    String callId() {
        return callId;
    }

    List<Entry> entries() {
        return entries;
    }

    Entry first() {
        return entries.get(0);
    }

    /** True once the leg holds an INVITE that opens a dialog (the leg's first INVITE has been seen). */
    boolean hasInitialInvite() {
        return hasInitialInvite;
    }

    Entry add(long seq, SipMessage m) {
        // the hash only serves the index, which small legs do without
        long hash = byIdentity != null ? identityHash(m) : 0;
        boolean repeated = sameMessage(m, hash) >= 0;
        Entry e = new Entry(seq, m, repeated);
        entries.add(e);
        if (byIdentity != null) {
            byIdentity.putIfAbsent(hash, entries.size() - 1);
        } else if (entries.size() > LINEAR) {
            byIdentity = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                byIdentity.putIfAbsent(identityHash(entries.get(i).message()), i);
            }
        }
        if (!repeated && "INVITE".equals(m.method()) && SipFields.isInitialRequest(m)) {
            hasInitialInvite = true;
        }
        return e;
    }

    /** Index of an earlier entry that {@code m} repeats, or -1; {@code hash} is its identity hash once indexed. */
    private int sameMessage(SipMessage m, long hash) {
        if (byIdentity != null) {
            Integer candidate = byIdentity.get(hash);
            if (candidate == null) {
                return -1;
            }
            if (same(entries.get(candidate).message(), m)) {
                return candidate;
            }
            // two different messages with one hash: rare enough to look at every entry
        }
        for (int i = 0; i < entries.size(); i++) {
            if (same(entries.get(i).message(), m)) {
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
                && Objects.equals(SipFields.toTag(a), SipFields.toTag(b)) && Objects.equals(a.header("RSeq"), b.header("RSeq"));
    }

    private static long identityHash(SipMessage m) {
        long h = m.topViaBranch().hashCode();
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
