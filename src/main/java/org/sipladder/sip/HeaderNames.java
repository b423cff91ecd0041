package org.sipladder.sip;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Expands compact header names (RFC 3261 section 7.3.3 and later RFCs) and canonicalises the spelling of known ones. */
public final class HeaderNames {

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("a", "Accept-Contact"), Map.entry("b", "Referred-By"), Map.entry("c", "Content-Type"),
            Map.entry("d", "Request-Disposition"), Map.entry("e", "Content-Encoding"), Map.entry("f", "From"),
            Map.entry("i", "Call-ID"), Map.entry("j", "Reject-Contact"), Map.entry("k", "Supported"),
            Map.entry("l", "Content-Length"), Map.entry("m", "Contact"), Map.entry("n", "Identity-Info"),
            Map.entry("o", "Event"), Map.entry("r", "Refer-To"), Map.entry("s", "Subject"), Map.entry("t", "To"),
            Map.entry("u", "Allow-Events"), Map.entry("v", "Via"), Map.entry("x", "Session-Expires"),
            Map.entry("y", "Identity"));

    private static final List<String> KNOWN = List.of(
            "Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow", "Allow-Events",
            "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Contact", "Content-Disposition",
            "Content-Encoding", "Content-Language", "Content-Length", "Content-Type", "CSeq", "Date", "Diversion",
            "Error-Info", "Event", "Expires", "From", "History-Info", "Identity", "Identity-Info", "In-Reply-To",
            "Max-Forwards", "MIME-Version", "Min-Expires", "Min-SE", "Organization", "P-Asserted-Identity",
            "P-Charging-Vector", "P-Preferred-Identity", "Path", "Priority", "Privacy", "Proxy-Authenticate",
            "Proxy-Authorization", "Proxy-Require", "RAck", "Reason", "Record-Route", "Refer-To", "Referred-By",
            "Reject-Contact", "Remote-Party-ID", "Replaces", "Reply-To", "Request-Disposition", "Require",
            "Retry-After", "Route", "RSeq", "Server", "Service-Route", "Session-Expires", "Subject",
            "Subscription-State", "Supported", "Timestamp", "To", "Unsupported", "User-Agent", "Via", "Warning",
            "WWW-Authenticate");

    private static final Map<String, String> CANONICAL = canonical();

    /** Canonical spelling by lower-case name; made once, never changed. */
    private static Map<String, String> canonical() {
        Map<String, String> byLower = new HashMap<>();
        for (String name : KNOWN) {
            byLower.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Map.copyOf(byLower);
    }

    private HeaderNames() {
    }

    /** The full, canonically spelled name for {@code sent}; unknown names are returned as sent. */
    public static String expand(String sent) {
        String lower = sent.toLowerCase(Locale.ROOT);
        String compact = COMPACT.get(lower);
        if (compact != null) {
            return compact;
        }
        return CANONICAL.getOrDefault(lower, sent);
    }
}
