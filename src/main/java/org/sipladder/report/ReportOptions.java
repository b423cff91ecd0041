package org.sipladder.report;

/**
 * What the user asked of a report.
 *
 * @param page            paper size
 * @param callId          report only the call with this Call-ID (any of its legs), or null for every failed call
 * @param redactNumbers   phone numbers keep only their last 4 digits
 * @param redactAddresses IP addresses become "host A", "host B"...
 */
public record ReportOptions(PageSize page, String callId, boolean redactNumbers, boolean redactAddresses) {

    public static ReportOptions defaults() {
        return new ReportOptions(PageSize.A4, null, false, false);
    }
}
