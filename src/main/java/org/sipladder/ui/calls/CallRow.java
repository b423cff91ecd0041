package org.sipladder.ui.calls;

import org.sipladder.flow.CallFlow;

/**
 * One line of the call list, the values precomputed so sorting and filtering never re-derive them.
 *
 * @param flow          the call flow shown
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
public record CallRow(CallFlow flow, long startMicros, String from, String to, int legs, int hops,
                      int finalStatus, String statusText, Long postDialDelayMicros, Long durationMicros) {

    /** Summarises {@code flow} for the list. */
    public static CallRow of(CallFlow flow) {
        var leg = flow.aLeg();
        String status = leg.hasFinalResponse()
                ? (leg.finalReason() == null || leg.finalReason().isEmpty()
                    ? Integer.toString(leg.finalStatus()) : leg.finalStatus() + " " + leg.finalReason())
                : "no final response";
        var timings = flow.timings();
        return new CallRow(flow, flow.startMicros(), SipAddresses.user(leg.from()), SipAddresses.user(leg.to()),
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
        return flow.messages().stream().map(m -> m.message().method()).filter(java.util.Objects::nonNull)
                .findFirst().orElse("");
    }

    /** The row as one tab-separated line, for Copy row. */
    public String asText(TimeFormat time) {
        return String.join("\t", time.start(startMicros), callId(), method(), from, to, String.valueOf(legs),
                String.valueOf(hops), statusText, TimeFormat.duration(postDialDelayMicros),
                TimeFormat.duration(durationMicros));
    }

    public StatusClass statusClass() {
        return StatusClass.of(finalStatus);
    }
}
