package org.sipladder.flow;

import java.util.List;
import org.sipladder.sip.SipMessage;

/** Groups SIP messages into call flows: dialogs, transactions, retransmissions, joined B2BUA legs, hops and timings. */
public final class FlowBuilder {

    private final FlowSettings settings;

    public FlowBuilder(FlowSettings settings) {
        this.settings = settings;
    }

    /** The call flows of {@code messages} (in capture order), in start order. */
    public List<CallFlow> build(List<SipMessage> messages) {
        LiveFlows flows = new LiveFlows(settings);
        messages.forEach(flows::add);
        return flows.snapshot();
    }
}
