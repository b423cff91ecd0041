package org.sipladder.flow;

import org.sipladder.sip.SipMessage;

/**
 * A message as a leg holds it: with its arrival number, so that legs merge back into capture order.
 *
 * @param seq            0-based arrival number across all messages given to the assembler
 * @param message        the message
 * @param retransmission true when the leg already holds the same message of the same transaction
 */
record Entry(long seq, SipMessage message, boolean retransmission) {

    /** Branch + CSeq; made when asked for, as a leg holds hundreds of thousands of entries in a large capture. */
    String transactionKey() {
        return SipFields.transactionKey(message);
    }

    /** True when both messages belong to one transaction (as equal transaction keys say, without making them). */
    boolean sameTransaction(Entry other) {
        return SipFields.sameTransaction(message, other.message);
    }
}
