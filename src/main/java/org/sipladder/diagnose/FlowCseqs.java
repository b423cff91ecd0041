package org.sipladder.diagnose;

import java.util.List;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * Each message of a flow's Call-ID and CSeq number, and its messages by CSeq number: read once per flow for the
 * questions of several rules (its INVITE transactions, its requests of each method, its answers' ACKs), where each
 * read them again (a CSeq number is parsed from the header's text at every ask).
 *
 * @param callIds     each message's Call-ID, by its place in the flow
 * @param cseqNumbers each message's CSeq number, by its place in the flow
 * @param places      the messages by CSeq number
 */
record FlowCseqs(String[] callIds, long[] cseqNumbers, CseqPlaces places) {

    static FlowCseqs of(CallFlow flow) {
        List<FlowMessage> messages = flow.messages();
        String[] callIds = new String[messages.size()];
        long[] cseqNumbers = new long[messages.size()];
        for (int i = 0; i < cseqNumbers.length; i++) {
            SipMessage m = messages.get(i).message();
            callIds[i] = m.callId();
            cseqNumbers[i] = m.cseqNumber();
        }
        return new FlowCseqs(callIds, cseqNumbers, new CseqPlaces(cseqNumbers, null));
    }
}
