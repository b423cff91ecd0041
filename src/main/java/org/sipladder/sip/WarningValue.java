package org.sipladder.sip;

/**
 * RFC 3261's grammar of a Warning header's value (section 20.43, 25.1): one or more warning-values, each a three-digit
 * warn-code, a warn-agent (host and optional port, or a token) and a quoted warn-text. jain-sip-ri 1.3.0-91 rejects a
 * warn-agent that is an IPv6 reference ({@code 399 [2001:db8::1] "x"}), which the grammar allows: a Warning it rejects
 * is judged by this grammar instead before it is called unparsable.
 */
final class WarningValue {

    private WarningValue() {
    }

    /** True when {@code value} (the text after the colon) is one or more well-formed warning-values. */
    static boolean wellFormed(String value) {
        int n = value.length();
        int i = spaces(value, 0);
        while (true) {
            if (i + 3 > n || !digits(value, i, i + 3)) {
                return false;
            }
            i += 3;
            int agent = spaces(value, i);
            if (agent == i) {
                return false;
            }
            i = agentEnd(value, agent);
            if (i < 0) {
                return false;
            }
            int text = spaces(value, i);
            if (text == i || text >= n || value.charAt(text) != '"') {
                return false;
            }
            i = quotedEnd(value, text);
            if (i < 0) {
                return false;
            }
            i = spaces(value, i);
            if (i == n) {
                return true;
            }
            if (value.charAt(i) != ',') {
                return false;
            }
            i = spaces(value, i + 1);
        }
    }

    /** The end of the warn-agent starting at {@code i}: {@code [IPv6]} or a host/token, with an optional port; -1. */
    private static int agentEnd(String v, int i) {
        int n = v.length();
        if (i < n && v.charAt(i) == '[') {
            int close = v.indexOf(']', i);
            if (close < i + 3 || !ipv6Characters(v, i + 1, close)) {
                return -1;
            }
            i = close + 1;
        } else {
            int start = i;
            while (i < n && tokenCharacter(v.charAt(i))) {
                i++;
            }
            if (i == start) {
                return -1;
            }
        }
        if (i < n && v.charAt(i) == ':') {
            int port = i + 1;
            i = port;
            while (i < n && Character.isDigit(v.charAt(i)) && v.charAt(i) < 128) {
                i++;
            }
            if (i == port) {
                return -1;
            }
        }
        return i;
    }

    /** The index after the quoted string starting at {@code i} (escapes allowed), or -1 when it does not close. */
    private static int quotedEnd(String v, int i) {
        for (int j = i + 1; j < v.length(); j++) {
            char c = v.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    private static boolean ipv6Characters(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return false;
            }
        }
        return v.indexOf(':', from) >= 0 && v.indexOf(':', from) < to;
    }

    /** RFC 3261 token characters (a host name and an IPv4 address are tokens too). */
    private static boolean tokenCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int spaces(String v, int i) {
        while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
