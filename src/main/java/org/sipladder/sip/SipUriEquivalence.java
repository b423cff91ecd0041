package org.sipladder.sip;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether two SIP or SIPS URIs are equal as RFC 3261 section 19.1.4 compares them: same scheme, user and password
 * case-sensitive, host case-insensitive, port present in both or neither; a URI parameter in both must match
 * (case-insensitively), {@code user}, {@code ttl}, {@code method} and {@code maddr} must be in both or neither, any other
 * parameter in one URI only is ignored; headers must all match; escaped characters equal their unescaped form.
 * Other schemes are compared as written, apart from the scheme's case.
 */
public final class SipUriEquivalence {

    /** Parameters that, found in one URI only, make the URIs differ (RFC 3261 19.1.4). */
    private static final Set<String> IN_BOTH_OR_NEITHER = Set.of("user", "ttl", "method", "maddr");
    private static final String RESERVED = ";/?:@&=+$,";

    private SipUriEquivalence() {
    }

    /** True when {@code a} and {@code b} name the same resource; null or unparsable values equal only themselves. */
    public static boolean equivalent(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        Parts x = Parts.parse(unbracket(a));
        Parts y = Parts.parse(unbracket(b));
        if (x == null || y == null) {
            return unbracket(a).equals(unbracket(b));
        }
        return x.scheme.equals(y.scheme) && x.userinfo.equals(y.userinfo) && x.host.equals(y.host)
                && x.port.equals(y.port) && parametersMatch(x.params, y.params) && x.headers.equals(y.headers);
    }

    private static boolean parametersMatch(Map<String, String> x, Map<String, String> y) {
        for (Map.Entry<String, String> e : x.entrySet()) {
            String other = y.get(e.getKey());
            if (other == null ? IN_BOTH_OR_NEITHER.contains(e.getKey()) : !other.equalsIgnoreCase(e.getValue())) {
                return false;
            }
        }
        for (String name : y.keySet()) {
            if (!x.containsKey(name) && IN_BOTH_OR_NEITHER.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static String unbracket(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.charAt(0) == '<' && v.charAt(v.length() - 1) == '>' ? v.substring(1, v.length() - 1) : v;
    }

    /** Decodes %XX escapes of characters outside the reserved set, which RFC 3261 treats as equal to their escape. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int high = i + 2 < s.length() ? hex(s.charAt(i + 1)) : -1;
            int low = high >= 0 ? hex(s.charAt(i + 2)) : -1;
            if (c != '%' || low < 0) {
                out.append(c);
                continue;
            }
            char decoded = (char) (high * 16 + low);
            if (RESERVED.indexOf(decoded) < 0) {
                out.append(decoded);
            } else {
                // a reserved character stays escaped, in one spelling of the escape
                out.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
            }
            i += 2;
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** The compared parts of one URI, already in the form they compare in. */
    private record Parts(String scheme, String userinfo, String host, String port, Map<String, String> params,
            Map<String, String> headers) {

        static Parts parse(String uri) {
            int colon = uri.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("sip") && !scheme.equals("sips")) {
                return null;
            }
            String rest = uri.substring(colon + 1);
            int question = rest.indexOf('?');
            String headerPart = question < 0 ? "" : rest.substring(question + 1);
            rest = question < 0 ? rest : rest.substring(0, question);
            int at = rest.lastIndexOf('@');
            String userinfo = at < 0 ? "" : unescape(rest.substring(0, at));
            String hostAndParams = rest.substring(at + 1);
            int semicolon = hostAndParams.indexOf(';');
            String hostport = semicolon < 0 ? hostAndParams : hostAndParams.substring(0, semicolon);
            String[] hp = hostPort(hostport);
            if (hp == null) {
                return null;
            }
            Map<String, String> params = semicolon < 0 ? Map.of() : pairs(hostAndParams.substring(semicolon + 1), ';', false);
            Map<String, String> headers = headerPart.isEmpty() ? Map.of() : pairs(headerPart, '&', true);
            return new Parts(scheme, userinfo, hp[0], hp[1], params, headers);
        }

        private static String[] hostPort(String hostport) {
            String host;
            String port;
            if (hostport.startsWith("[")) {
                int close = hostport.indexOf(']');
                if (close < 0) {
                    return null;
                }
                host = hostport.substring(0, close + 1);
                port = hostport.substring(close + 1);
            } else {
                int colon = hostport.lastIndexOf(':');
                host = colon < 0 ? hostport : hostport.substring(0, colon);
                port = colon < 0 ? "" : hostport.substring(colon);
            }
            return host.isEmpty() ? null : new String[] {host.toLowerCase(Locale.ROOT), port};
        }

        /** name=value pairs, names lower case; header values keep their case, as RFC 3261 compares them. */
        private static Map<String, String> pairs(String text, char separator, boolean valuesCaseSensitive) {
            Map<String, String> out = new HashMap<>();
            for (String pair : text.split(Pattern.quote(String.valueOf(separator)))) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = unescape(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
                out.put(name, valuesCaseSensitive ? value : value.toLowerCase(Locale.ROOT));
            }
            return out;
        }
    }
}
