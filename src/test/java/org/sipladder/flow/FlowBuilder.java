package org.sipladder.flow;

import java.util.List;
import org.sipladder.sip.SipMessage;

/**
 * The call flows of a whole list of messages at once, for tests: the application streams messages into
 * {@link LiveFlows} as it reads them.
 */
public final class FlowBuilder {

    /** The call flows of {@code messages} (in capture order), in start order. */
    public List<CallFlow> build(List<SipMessage> messages) {
        LiveFlows flows = new LiveFlows();
        messages.forEach(flows::add);
        return flows.snapshot();
    }
}
