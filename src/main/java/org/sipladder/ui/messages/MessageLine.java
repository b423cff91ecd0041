package org.sipladder.ui.messages;

import org.sipladder.flow.FlowMessage;

/** The Messages tab's one line about a message, apart from the table so that it is testable without a screen. */
final class MessageLine {

    private MessageLine() {
    }

    /** What the Messages tab says of {@code m}: "(malformed)" as the ladder's mark and {@code messages} say it. */
    static String of(FlowMessage m) {
        String label = m.message().label();
        String cseq = m.message().cseq();
        String text = m.message().isRequest() || cseq == null ? label : label + " (" + cseq + ")";
        if (m.message().sdp() != null) {
            text += " with SDP";
        }
        if (m.message().malformed()) {
            text += " (malformed)";
        }
        return m.retransmission() ? text + " [retransmission]" : text;
    }
}
