package org.sipladder.livekit;

/**
 * One SIP response status line as observed in a capture.
 *
 * @param status status code, e.g. 503
 * @param reason reason phrase exactly as sent (may be empty)
 */
public record StatusLine(int status, String reason) {

    @Override
    public String toString() {
        return reason == null || reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
    }
}
