package org.sipladder.sip;

import java.util.List;
import java.util.Locale;

/**
 * Standard headers whose value carries a key that every leg of one call keeps, whichever B2BUAs it passes through:
 * legs whose dialog-opening INVITEs carry the same key are one call. Unlike {@link B2buaProfile}'s correlation headers
 * the value is not another leg's Call-ID. Adding one is one entry here and one case in {@code SessionKeyHeaderTest}.
 */
public enum SessionKeyHeader {
    /**
     * RFC 7989: {@code Session-ID: local-uuid;remote=remote-uuid}. The UA that starts a session makes the local UUID,
     * and intermediaries pass it on unchanged (sections 4-7); the remote UUID is the null UUID until the far end
     * answers. The key is the local UUID, 32 hex digits in any case (compared in lower case); the null UUID names no
     * session.
     */
    SESSION_ID("Session-ID", "RFC 7989's end-to-end session identifier") {
        @Override
        String keyIn(String value) {
            int end = value.indexOf(';');
            String uuid = (end < 0 ? value : value.substring(0, end)).trim();
            return uuid.length() == UUID_DIGITS && isHex(uuid) && !NULL_UUID.equals(uuid)
                    ? uuid.toLowerCase(Locale.ROOT) : null;
        }
    },
    /**
     * RFC 7315 section 4.6 and 3GPP TS 24.229: {@code P-Charging-Vector: icid-value=...;...}. The IMS charging
     * identifier, made by the first IMS entity of a session and passed on along its path; the key is the icid-value
     * as written (a token or a quoted string, its quotes dropped).
     */
    P_CHARGING_VECTOR("P-Charging-Vector", "the IMS charging identifier (icid-value, RFC 7315)") {
        @Override
        String keyIn(String value) {
            return parameter(value, "icid-value");
        }
    };

    /** Every key header, in table order. */
    public static final List<SessionKeyHeader> ALL = List.of(values());

    private static final int UUID_DIGITS = 32;
    private static final String NULL_UUID = "0".repeat(UUID_DIGITS);

    private final String header;
    private final String meaning;

    SessionKeyHeader(String header, String meaning) {
        this.header = header;
        this.meaning = meaning;
    }

    /** The header's canonical name, as {@link SipMessage#header} is asked for it. */
    public String header() {
        return header;
    }

    /** What the key is, for evidence ("RFC 7989's end-to-end session identifier"). */
    public String meaning() {
        return meaning;
    }

    /** The key in the first value of this header in {@code m}, or null when it has none or no valid one. */
    public String keyOf(SipMessage m) {
        String value = m.header(header);
        return value == null ? null : keyIn(value);
    }

    /** The key in one header value, or null. */
    abstract String keyIn(String value);

    /** Every entry's header name, in table order: the scanner keeps them. */
    static List<String> keptHeaders() {
        return ALL.stream().map(SessionKeyHeader::header).toList();
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The non-empty value of parameter {@code name} (any case) in {@code ;}-separated parameters, or null. */
    private static String parameter(String value, String name) {
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = part.substring(eq + 1).trim();
                if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}
