package org.sipladder.diagnose;

import java.util.Locale;

/**
 * The user and host of the URI in a From, To or Contact header value, or of a bare Request-URI.
 *
 * @param user URI user part, or "" when the URI has none
 * @param host URI host (without port), lower case, or "" when the value holds no SIP URI
 */
public record SipAddress(String user, String host) {

    private static final SipAddress NONE = new SipAddress("", "");

    /** Parses {@code "Name" <sip:user@host:port;params>;tag=x}, {@code sip:user@host} and {@code tel:+49...}. */
    public static SipAddress parse(String value) {
        if (value == null) {
            return NONE;
        }
        String v = value.trim();
        int lt = v.indexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            v = v.substring(lt + 1, gt < 0 ? v.length() : gt);
        } else {
            int semi = v.indexOf(';');
            v = semi < 0 ? v : v.substring(0, semi);
        }
        int colon = v.indexOf(':');
        if (colon < 0) {
            return NONE;
        }
        String scheme = v.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = v.substring(colon + 1);
        if (scheme.equals("tel")) {
            return new SipAddress(cut(rest, ';'), "");
        }
        int at = rest.lastIndexOf('@');
        String user = at < 0 ? "" : cut(rest.substring(0, at), ';');
        String hostPort = cut(cut(at < 0 ? rest : rest.substring(at + 1), ';'), '?');
        return new SipAddress(user, host(hostPort).toLowerCase(Locale.ROOT));
    }

    private static String host(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        return cut(hostPort, ':');
    }

    private static String cut(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s : s.substring(0, i);
    }
}
