package org.sipladder.report;

/**
 * What the user asked of a report.
 *
 * @param page            paper size
 * @param callId          report only the call with this Call-ID (any of its legs), or null for every failed call
 * @param redactNumbers   phone numbers keep only their last 4 digits
 * @param redactAddresses IP addresses become "host A", "host B"...
 * @param allInFull       every failed call in full, however many; otherwise, beyond a handful, a few per primary cause
 *                        in full and the others condensed to a table
 */
public record ReportOptions(PageSize page, String callId, boolean redactNumbers, boolean redactAddresses,
                            boolean allInFull) {

    /** Many failed calls condensed, as the default report does. */
    public ReportOptions(PageSize page, String callId, boolean redactNumbers, boolean redactAddresses) {
        this(page, callId, redactNumbers, redactAddresses, false);
    }

    public static ReportOptions defaults() {
        return new ReportOptions(PageSize.A4, null, false, false, false);
    }
}
