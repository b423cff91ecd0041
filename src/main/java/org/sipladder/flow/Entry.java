package org.sipladder.flow;

import org.sipladder.sip.SipMessage;

/**
 * A message as a leg holds it: with its arrival number, so that legs merge back into capture order.
 *
 * @param seq            0-based arrival number across all messages given to the assembler
 * @param message        the message
 * @param retransmission true when the leg already holds the same message of the same transaction
 * @param transactionKey branch + CSeq
 */
record Entry(long seq, SipMessage message, boolean retransmission, String transactionKey) {
}
