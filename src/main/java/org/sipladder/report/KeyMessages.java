package org.sipladder.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sipladder.diagnose.FailurePoint;
import org.sipladder.diagnose.Finding;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;

/**
 * Picks the messages a reader needs in full: the response where the call failed (the first error
 * response, or the one the primary cause points at), the request it answered, and the final response
 * the caller got when that is a different message.
 */
final class KeyMessages {

    private KeyMessages() {
    }

    static List<FlowMessage> of(CallFlow flow, Finding primary) {
        List<FlowMessage> result = new ArrayList<>();
        Optional<FlowMessage> failing = FailurePoint.failingResponse(flow, primary);
        if (failing.isEmpty()) {
            firstRequest(flow).ifPresent(result::add);
            return result;
        }
        requestOf(flow, failing.get()).ifPresent(result::add);
        result.add(failing.get());
        callerFinal(flow).filter(f -> f != failing.get()).ifPresent(result::add);
        return result;
    }

    private static Optional<FlowMessage> requestOf(CallFlow flow, FlowMessage response) {
        return originals(flow).stream()
                .filter(m -> m.message().isRequest() && m.transactionKey().equals(response.transactionKey()))
                .findFirst();
    }

    /** The A-leg's final response to its INVITE, as the caller saw it. */
    private static Optional<FlowMessage> callerFinal(CallFlow flow) {
        int status = flow.finalStatus();
        return originals(flow).stream()
                .filter(m -> m.legIndex() == 0 && status >= 200 && m.message().status() == status).findFirst();
    }

    private static Optional<FlowMessage> firstRequest(CallFlow flow) {
        return originals(flow).stream().filter(m -> m.message().isRequest()).findFirst();
    }

    private static List<FlowMessage> originals(CallFlow flow) {
        return flow.messages().stream().filter(m -> !m.retransmission()).toList();
    }
}
