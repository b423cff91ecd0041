package org.sipladder.flow;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Free text of the call filter ({@link CallQuery}: the app's filter box, {@code save --filter}): a call matches
 * when the text (case-insensitive) appears in a number, a Call-ID, a hop address, the final status, or anywhere
 * in the headers of one of its messages.
 */
public final class CallFilter implements Predicate<CallSummary> {

    private final String needle;

    public CallFilter(String text) {
        this.needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    public boolean isEmpty() {
        return needle.isEmpty();
    }

    @Override
    public boolean test(CallSummary row) {
        if (needle.isEmpty()) {
            return true;
        }
        // Cheap fields first: a typed number or status should not scan every message of every call.
        if (contains(row.from()) || contains(row.to()) || contains(row.statusText())) {
            return true;
        }
        CallFlow flow = row.flow();
        for (Leg leg : flow.legs()) {
            if (contains(leg.callId()) || contains(leg.requestUri()) || contains(leg.from()) || contains(leg.to())) {
                return true;
            }
        }
        for (Hop hop : flow.hops()) {
            if (contains(hop.address()) || contains(hop.name())) {
                return true;
            }
        }
        for (FlowMessage m : flow.messages()) {
            if (containsHeaderText(m.message().raw())) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(String haystack) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** Searches the start line and headers only: SDP bodies are full of addresses that would match everything. */
    private boolean containsHeaderText(String raw) {
        if (raw == null) {
            return false;
        }
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            end = raw.indexOf("\n\n");
        }
        int limit = (end < 0 ? raw.length() : end) - needle.length();
        for (int i = 0; i <= limit; i++) {
            if (raw.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }
}
