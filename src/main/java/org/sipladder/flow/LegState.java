package org.sipladder.flow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sipladder.sip.SipMessage;

/** The messages of one Call-ID seen so far, with retransmissions recognised as they arrive. */
final class LegState {

    private final String callId;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> seenMessages = new HashSet<>();
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
        String key = SipFields.transactionKey(m);
        boolean repeated = !seenMessages.add(identity(key, m));
        Entry e = new Entry(seq, m, repeated, key);
        entries.add(e);
        if (!repeated && "INVITE".equals(m.method()) && SipFields.isInitialRequest(m)) {
            hasInitialInvite = true;
        }
        return e;
    }

    /**
     * Two messages are the same message sent again when they belong to the same transaction, travel the same
     * way and say the same thing (method or status, To tag, RSeq of reliable provisionals).
     */
    private static String identity(String transactionKey, SipMessage m) {
        return transactionKey + '|' + m.src() + '>' + m.dst() + '|' + (m.isRequest() ? m.method() : String.valueOf(m.status())) + '|' + SipFields.toTag(m)
                + '|' + m.header("RSeq");
    }
}
