package org.sipladder.diagnose;

import java.util.Locale;
import org.sipladder.sip.TrimBounds;

/**
 * The user and host of the URI in a From, To or Contact header value, or of a bare Request-URI.
 *
 * @param user URI user part, or "" when the URI has none
 * @param host URI host (without port), lower case, or "" when the value holds no SIP URI
 */
public record SipAddress(String user, String host) {

    private static final SipAddress NONE = new SipAddress("", "");

    /**
     * Parses {@code "Name" <sip:user@host:port;params>;tag=x}, {@code sip:user@host} and {@code tel:+49...}. The
     * parts are found by bounds in the value and only the user and host become strings (the diagnosis parses the
     * Contact, From and To of most calls' messages).
     */
    public static SipAddress parse(String value) {
        return parse(value, true);
    }

    /**
     * {@code parse(value).user()}, without making the host: the routing reads only the user of every LiveKit INVITE's
     * To, whose host (LiveKit's long SIP host) was checked for upper case and copied for nothing.
     */
    static String userOf(String value) {
        return parse(value, false).user();
    }

    /** {@link #parse(String)}, with the host "" unless {@code withHost}. */
    private static SipAddress parse(String value, boolean withHost) {
        if (value == null) {
            return NONE;
        }
        // trimmed as String.trim trims
        int start = TrimBounds.start(value, 0, value.length());
        int end = TrimBounds.end(value, start, value.length());
        int lt = indexOf(value, '<', start, end);
        if (lt >= 0) {
            int gt = indexOf(value, '>', lt, end);
            start = lt + 1;
            end = gt < 0 ? end : gt;
        } else {
            end = cut(value, ';', start, end);
        }
        int colon = indexOf(value, ':', start, end);
        if (colon < 0) {
            return NONE;
        }
        int rest = colon + 1;
        if (colon - start == 3 && value.regionMatches(true, start, "tel", 0, 3)) {
            return new SipAddress(value.substring(rest, cut(value, ';', rest, end)), "");
        }
        int at = value.lastIndexOf('@', end - 1);
        if (at < rest) {
            at = rest - 1; // none in the URI part
        }
        String user = at < rest ? "" : value.substring(rest, cut(value, ';', rest, at));
        if (!withHost) {
            return new SipAddress(user, "");
        }
        int hostStart = at < rest ? rest : at + 1;
        int hostEnd = Math.min(cut(value, ';', hostStart, end), cut(value, '?', hostStart, end));
        if (hostStart < hostEnd && value.charAt(hostStart) == '[') {
            int close = indexOf(value, ']', hostStart, hostEnd);
            if (close >= 0) {
                hostStart++;
                hostEnd = close;
            }
        } else {
            hostEnd = cut(value, ':', hostStart, hostEnd);
        }
        return new SipAddress(user, lowerCase(value, hostStart, hostEnd));
    }

    /**
     * {@code value.substring(from, to).toLowerCase(Locale.ROOT)}: a host is nearly always lower-case ASCII already, which
     * a check of its characters for 'A' to 'Z' tells quicker than toLowerCase's per-character case lookup (the quick
     * JIT calls it for each character of every INVITE's long LiveKit host).
     */
    private static String lowerCase(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c >= 'A' && c <= 'Z') {
                return value.substring(from, to).toLowerCase(Locale.ROOT);
            }
        }
        return value.substring(from, to);
    }

    /**
     * The first index of {@code c} from {@code from} before {@code to}, or -1: String.indexOf walks the value's bytes,
     * three times faster a character than charAt under the quick JIT, even where it walks on past {@code to}.
     */
    private static int indexOf(String s, char c, int from, int to) {
        int i = s.indexOf(c, from);
        return i < to ? i : -1;
    }

    /** Where the text between {@code from} and {@code to} ends when cut at its first {@code c}. */
    private static int cut(String s, char c, int from, int to) {
        int i = indexOf(s, c, from, to);
        return i < 0 ? to : i;
    }
}
