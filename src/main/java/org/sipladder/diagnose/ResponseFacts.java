package org.sipladder.diagnose;

import java.util.List;
import java.util.Map;
import org.sipladder.sip.SipMessage;

/**
 * The facts a final error response tells in its own headers, for every finding about a rejected request (INVITE,
 * REGISTER, SUBSCRIBE...): why it was refused in the peer's words, when to retry, who answered, and the header its
 * status names (the Min-Expires of a 423, the Allow of a 405, where a redirect points).
 */
final class ResponseFacts {

    /** Headers that say more about any error response, in the order shown. */
    private static final List<String> INFORMATIVE = List.of("Reason", "X-Reason", "Warning", "Retry-After", "Server",
            "User-Agent");

    /** The header a status names as the way out (RFC 3261 21.4, RFC 4028, RFC 6665). */
    private static final Map<Integer, String> NAMED_BY_STATUS = Map.of(405, "Allow", 415, "Accept", 420, "Unsupported",
            421, "Require", 422, "Min-SE", 423, "Min-Expires", 489, "Allow-Events");

    private ResponseFacts() {
    }

    /** Adds to {@code facts} one fact per informative header of {@code answer}; for a redirect, its Contact. */
    static void add(SipMessage answer, List<String> facts) {
        for (String name : INFORMATIVE) {
            addHeader(answer, name, facts);
        }
        String named = NAMED_BY_STATUS.get(answer.status());
        if (named != null) {
            addHeader(answer, named, facts);
        }
        if (answer.status() < 400) {
            // where the redirect points: what the fix asks the sender to follow
            String contact = answer.header("Contact");
            facts.add(contact == null ? "The redirect names no Contact to follow" : "Redirected to Contact " + contact.trim());
        }
    }

    private static void addHeader(SipMessage answer, String name, List<String> facts) {
        String value = answer.header(name);
        if (value != null) {
            String cause = "Reason".equals(name) || "X-Reason".equals(name) ? Q850.meaning(value) : null;
            facts.add(name + ": " + value + (cause == null ? "" : " (" + cause + ")"));
        }
    }
}
