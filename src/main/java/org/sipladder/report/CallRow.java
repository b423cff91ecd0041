package org.sipladder.report;

import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;

/**
 * A failed call condensed to one row of a table: what a reader needs to find it in the capture. Kept instead of the
 * call itself, so a report of thousands of failed calls holds only a few calls whole.
 *
 * @param startMicros when the call's first message was captured
 * @param callId      the A-leg's Call-ID
 * @param from        the caller (user part of From)
 * @param to          the called party (user part of To)
 * @param status      what the caller got, e.g. "603 Decline", "no final response"
 */
record CallRow(long startMicros, String callId, String from, String to, String status) {

    static CallRow of(CallFlow flow) {
        Leg a = flow.aLeg();
        return new CallRow(flow.startMicros(), a.callId(), Parties.user(a.from()), Parties.user(a.to()),
                a.statusText());
    }
}
