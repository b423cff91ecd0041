package org.sipladder.flow;

import org.sipladder.sip.SipMessage;

/**
 * A message placed in a call flow.
 *
 * @param message        the SIP message
 * @param legIndex       index of the leg it belongs to
 * @param retransmission true when it repeats an earlier message of the same transaction
 * @param transactionKey branch + CSeq key of its transaction
 */
public record FlowMessage(SipMessage message, int legIndex, boolean retransmission, String transactionKey) {
}
