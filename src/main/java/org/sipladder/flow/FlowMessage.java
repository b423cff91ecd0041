package org.sipladder.flow;

import java.util.Objects;
import org.sipladder.sip.SipMessage;

/**
 * A message placed in a call flow: the SIP message, the index of the leg it belongs to, whether it repeats an earlier
 * message of the same transaction, and the branch + CSeq key of its transaction. Equal as a record of those four
 * would be. An assembled call's messages make their transaction's key when it is first asked for: a diagnosis reads
 * every message of every call of a large capture, and no key.
 */
public final class FlowMessage {

    private final SipMessage message;
    private final int legIndex;
    private final boolean retransmission;
    /** The key, or the {@link Transaction} that makes it. */
    private final Object transaction;

    /**
     * @param message        the SIP message
     * @param legIndex       index of the leg it belongs to
     * @param retransmission true when it repeats an earlier message of the same transaction
     * @param transactionKey branch + CSeq key of its transaction
     */
    public FlowMessage(SipMessage message, int legIndex, boolean retransmission, String transactionKey) {
        this(message, legIndex, retransmission, (Object) transactionKey);
    }

    /** A message whose transaction's key {@code transaction} makes when asked for (shared by its messages). */
    FlowMessage(SipMessage message, int legIndex, boolean retransmission, Transaction transaction) {
        this(message, legIndex, retransmission, (Object) transaction);
    }

    private FlowMessage(SipMessage message, int legIndex, boolean retransmission, Object transaction) {
        this.message = message;
        this.legIndex = legIndex;
        this.retransmission = retransmission;
        this.transaction = transaction;
    }

    public SipMessage message() {
        return message;
    }

    /** This placement of {@code judged}, the same message judged again (by the full parser), in the same transaction. */
    public FlowMessage withMessage(SipMessage judged) {
        return new FlowMessage(judged, legIndex, retransmission, transaction);
    }

    public int legIndex() {
        return legIndex;
    }

    public boolean retransmission() {
        return retransmission;
    }

    public String transactionKey() {
        return transaction instanceof Transaction t ? t.key() : (String) transaction;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowMessage m && Objects.equals(message, m.message) && legIndex == m.legIndex
                && retransmission == m.retransmission && Objects.equals(transactionKey(), m.transactionKey());
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, legIndex, retransmission, transactionKey());
    }

    @Override
    public String toString() {
        return "FlowMessage[message=" + message + ", legIndex=" + legIndex + ", retransmission=" + retransmission
                + ", transactionKey=" + transactionKey() + "]";
    }

    /**
     * The transaction of an assembled call's messages: its first message, and its key once made (a key made twice
     * by two threads at once is made equal).
     */
    static final class Transaction {
        private final SipMessage first;
        private String key;

        Transaction(SipMessage first) {
            this.first = first;
        }

        /** True when {@code m} belongs to this transaction. */
        boolean has(SipMessage m) {
            return SipFields.sameTransaction(first, m);
        }

        String key() {
            String k = key;
            if (k == null) {
                k = SipFields.transactionKey(first);
                key = k;
            }
            return k;
        }
    }
}
