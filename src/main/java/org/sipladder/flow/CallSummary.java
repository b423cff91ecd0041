package org.sipladder.flow;

import java.util.Objects;

/**
 * What a call list shows of a call and what {@link CallQuery} filters on, the values precomputed so sorting and
 * filtering never re-derive them; the desktop app's call list and the command line both use it.
 *
 * @param flow          the call flow summarised
 * @param startMicros   time of its first message
 * @param from          calling number or user (A-leg From)
 * @param to            called number or user (A-leg To)
 * @param legs          number of legs
 * @param hops          number of hops
 * @param finalStatus   final status the caller saw, 0 when none
 * @param statusText    "503 Service Unavailable", or "no final response"
 * @param postDialDelayMicros INVITE to first ringing, or null
 * @param durationMicros      answer to hang-up, or null
 */
public record CallSummary(CallFlow flow, long startMicros, String from, String to, int legs, int hops,
                          int finalStatus, String statusText, Long postDialDelayMicros, Long durationMicros) {

    /** Summarises {@code flow}. */
    public static CallSummary of(CallFlow flow) {
        var leg = flow.aLeg();
        String status = leg.hasFinalResponse()
                ? (leg.finalReason() == null || leg.finalReason().isEmpty()
                    ? Integer.toString(leg.finalStatus()) : leg.finalStatus() + " " + leg.finalReason())
                : "no final response";
        var timings = flow.timings();
        return new CallSummary(flow, flow.startMicros(), SipAddresses.user(leg.from()), SipAddresses.user(leg.to()),
                flow.legs().size(), flow.hops().size(), leg.finalStatus(), status,
                timings == null ? null : timings.postDialDelayMicros(),
                timings == null ? null : timings.durationMicros());
    }

    public String id() {
        return flow.id();
    }

    /** Call-ID of the first leg, the one the caller sent. */
    public String callId() {
        return flow.aLeg().callId();
    }

    /** Method of the call's first request (INVITE, REGISTER, OPTIONS...), or empty when none was captured. */
    public String method() {
        return flow.messages().stream().map(m -> m.message().method()).filter(Objects::nonNull)
                .findFirst().orElse("");
    }
}
