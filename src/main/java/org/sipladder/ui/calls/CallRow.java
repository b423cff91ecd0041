package org.sipladder.ui.calls;

import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallSummary;

/**
 * One line of the call list: the call's {@link CallSummary} (which the filter reads) and how the list shows it.
 *
 * @param summary the values shown, precomputed so sorting and filtering never re-derive them
 */
public record CallRow(CallSummary summary) {

    /** Summarises {@code flow} for the list. */
    public static CallRow of(CallFlow flow) {
        return new CallRow(CallSummary.of(flow));
    }

    /**
     * The call, assembled again on each call for a capture read from a file (see {@link CallSummary}): the window
     * keeps the few it shows.
     */
    public CallFlow flow() {
        return summary.flow();
    }

    /** As {@link CallFlow#failedForGood}: a scan or a registration renewed later is no failed call. */
    public boolean failed() {
        return summary.failed();
    }

    public long startMicros() {
        return summary.startMicros();
    }

    /** Calling number or user (A-leg From). */
    public String from() {
        return summary.from();
    }

    /** Called number or user (A-leg To). */
    public String to() {
        return summary.to();
    }

    public int legs() {
        return summary.legs();
    }

    public int hops() {
        return summary.hops();
    }

    /** Final status the caller saw, 0 when none. */
    public int finalStatus() {
        return summary.finalStatus();
    }

    /** "503 Service Unavailable", or "no final response". */
    public String statusText() {
        return summary.statusText();
    }

    public Long postDialDelayMicros() {
        return summary.postDialDelayMicros();
    }

    public Long durationMicros() {
        return summary.durationMicros();
    }

    public String id() {
        return summary.id();
    }

    /** Call-ID of the first leg, the one the caller sent. */
    public String callId() {
        return summary.callId();
    }

    /** The method that opened the call (INVITE, REGISTER, OPTIONS...), as {@code calls} shows it; empty when unknown. */
    public String method() {
        return summary.method();
    }

    /** The row as one tab-separated line, for Copy row. */
    public String asText(TimeFormat time) {
        return String.join("\t", time.start(startMicros()), callId(), method(), from(), to(), String.valueOf(legs()),
                String.valueOf(hops()), statusText(), TimeFormat.duration(postDialDelayMicros()),
                TimeFormat.duration(durationMicros()));
    }

    public StatusClass statusClass() {
        return StatusClass.of(finalStatus());
    }
}
