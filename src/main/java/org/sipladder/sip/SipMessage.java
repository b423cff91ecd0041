package org.sipladder.sip;

import java.util.List;
import java.util.Locale;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;

/**
 * One SIP request or response as captured, parsed; kept even when malformed.
 *
 * @param frame           1-based packet number that completed the message
 * @param timestampMicros capture time, microseconds since the epoch
 * @param src             sender
 * @param dst             receiver
 * @param transport       transport on the wire
 * @param method          request method, or null for a response
 * @param requestUri      request URI as sent, or null for a response
 * @param status          response status code, or 0 for a request
 * @param reason          response reason phrase exactly as sent (may be empty), or null for a request
 * @param headers         all headers in order, compact names expanded
 * @param body            message body bytes (empty when none)
 * @param sdp             parsed SDP when the body is SDP, else null
 * @param raw             the whole message text as sent (ISO-8859-1 decoding of the bytes when not UTF-8)
 * @param malformed       true when the full parser rejected the message or part of it
 * @param malformedReason why, or null
 */
public record SipMessage(long frame, long timestampMicros, Endpoint src, Endpoint dst, Transport transport,
                         String method, String requestUri, int status, String reason,
                         List<SipHeader> headers, byte[] body, Sdp sdp, String raw,
                         boolean malformed, String malformedReason) {

    public boolean isRequest() {
        return method != null;
    }

    /** First value of the named header (case-insensitive, full name), or null. */
    public String header(String name) {
        for (SipHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** All values of the named header in order. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(SipHeader::value).toList();
    }

    public String callId() {
        String v = header("Call-ID");
        return v == null ? null : v.trim();
    }

    /** The CSeq value normalised to "number METHOD", or null. */
    public String cseq() {
        String v = header("CSeq");
        return v == null ? null : String.join(" ", MessageScanner.BLANKS.split(v.trim()));
    }

    /** The CSeq sequence number, or -1 when absent or unparsable. */
    public long cseqNumber() {
        String v = cseq();
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.split(" ")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The CSeq method (upper case), or null. */
    public String cseqMethod() {
        String v = cseq();
        if (v == null) {
            return null;
        }
        String[] parts = v.split(" ");
        return parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : null;
    }

    /** "INVITE" for a request, "503 Try again later" for a response. */
    public String label() {
        if (isRequest()) {
            return method;
        }
        return reason == null || reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
    }
}
