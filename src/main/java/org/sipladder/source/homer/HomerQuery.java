package org.sipladder.source.homer;

/**
 * A search for calls in Homer: by a number (the caller's, the callee's or the Request-URI's user part), by Call-ID,
 * or both, within a time range.
 *
 * @param number  a phone number or user part, or null; {@code %} is a wildcard, as in Homer's own search form
 * @param callId  a Call-ID, or null
 * @param range   the time range
 * @param limit   most messages Homer returns (Homer's search finds messages, grouped here into calls)
 */
public record HomerQuery(String number, String callId, TimeRange range, int limit) {

    public static final int DEFAULT_LIMIT = 2000;

    public HomerQuery {
        number = blankToNull(number);
        callId = blankToNull(callId);
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
