package org.sipladder.diagnose;

import java.util.List;
import java.util.Optional;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * Where a failed call's failure started: the hop that sent the failing response, and that response.
 *
 * @param hop      "Jambonz 10.0.0.5:5060", the sender's address when no hop holds it, or "no error response" /
 *                 "no hop answered" when the capture has no error response
 * @param response "503 Service Unavailable", or what the caller got when there is no error response
 */
public record FailurePoint(String hop, String response) {

    /** The failure point of {@code flow}, whose primary cause is {@code primary} (null when none). */
    public static FailurePoint of(CallFlow flow, Finding primary) {
        Optional<FlowMessage> failing = failingResponse(flow, primary);
        if (failing.isEmpty()) {
            return new FailurePoint(flow.aLeg().hasFinalResponse() ? "no error response" : "no hop answered",
                    flow.outcome().statusText());
        }
        SipMessage m = failing.get().message();
        String address = m.src() == null ? "" : m.src().address();
        String hop = m.src() == null ? address : flow.hops().stream().filter(h -> h.holds(m.src())).findFirst()
                .map(h -> h.role().displayName() + " " + h.place()).orElse(address);
        return new FailurePoint(hop, m.reason() == null || m.reason().isEmpty() ? Integer.toString(m.status())
                : m.status() + " " + m.reason());
    }

    /** The response where the call failed: the one the primary cause points at, else the first error response. */
    public static Optional<FlowMessage> failingResponse(CallFlow flow, Finding primary) {
        List<FlowMessage> originals = flow.messages().stream().filter(m -> !m.retransmission()).toList();
        if (primary != null && primary.evidence() != null) {
            List<Long> frames = primary.evidence().frames();
            Optional<FlowMessage> pointed = originals.stream()
                    .filter(m -> m.message().status() >= 300 && frames.contains(m.message().frame())).findFirst();
            if (pointed.isPresent()) {
                return pointed;
            }
        }
        return originals.stream().filter(m -> m.message().status() >= 300).findFirst();
    }

    /** The hop and the response, as the key of a {@link Tally}. */
    public List<String> key() {
        return List.of(hop, response);
    }
}
