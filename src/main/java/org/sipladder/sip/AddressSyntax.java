package org.sipladder.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sipladder.SipToken;
import org.sipladder.capture.IpAddresses;

/**
 * RFC 3261's grammar for the Request-URI and the addresses of To, From, Contact and their kin, where jain-sip reads
 * what it refuses: spaces inside the angle brackets (RFC 4475 3.1.2.14), a URI with headers outside them (3.1.2.15),
 * headers in a Request-URI (3.1.2.12), an IPv6 address outside brackets or one that is no address (RFC 5118 4.2,
 * 4.10). Part of the full parse's judgement, beside {@link JainSipCheck}.
 */
final class AddressSyntax {

    /** The headers whose values are name-addr or addr-spec (RFC 3261 20, RFC 3515, RFC 3892, RFC 3325). */
    private static final Set<String> ADDRESS_HEADERS = Set.of("to", "from", "contact", "route", "record-route",
            "reply-to", "refer-to", "referred-by", "p-asserted-identity", "p-preferred-identity");
    /** Those of one address, whose commas outside quotes and brackets belong to it (RFC 3261 20, RFC 3515, 3892). */
    private static final Set<String> SINGLE_ADDRESS = Set.of("to", "from", "reply-to", "refer-to", "referred-by");
    /** The characters of a token besides letters and digits (RFC 3261 25.1). */

    private AddressSyntax() {
    }

    /** Records into {@code problems} what the grammar refuses in {@code requestUri} (null: a response) and {@code headers}. */
    static void check(String requestUri, List<SipHeader> headers, Problems problems) {
        if (requestUri != null && !requestUri.isEmpty()) {
            String why = uriProblem(requestUri, true);
            if (why != null) {
                problems.add("Request-URI", "the Request-URI \"" + requestUri + "\" " + why);
            }
        }
        for (SipHeader h : headers) {
            // compact names too (RFC 3261 7.3.3: t, f, m; RFC 3515 r, RFC 3892 b)
            String name = HeaderNames.expand(h.name());
            String lower = name.toLowerCase(Locale.ROOT);
            if (!ADDRESS_HEADERS.contains(lower)) {
                continue;
            }
            for (String value : SINGLE_ADDRESS.contains(lower) ? List.of(h.value()) : values(h.value())) {
                String why = addressProblem(value.trim());
                if (why != null) {
                    problems.add(name, name + " \"" + value.trim() + "\" " + why);
                    break;
                }
            }
        }
    }

    /** What is wrong with one name-addr or addr-spec, or null. */
    private static String addressProblem(String value) {
        if (value.isEmpty() || value.equals("*")) {
            return null;
        }
        if (value.startsWith("\"") && closingQuote(value) >= value.length()) {
            return "opens a quoted display name that no '\"' closes (RFC 3261 25.1: quoted-string)";
        }
        int lt = openingBracket(value);
        if (lt < 0) {
            // addr-spec: the URI runs to the header parameters, and may hold neither '?' nor ',' (RFC 3261 20)
            int semi = value.indexOf(';');
            String uri = (semi < 0 ? value : value.substring(0, semi)).trim();
            if (uri.indexOf(':') < 0) {
                return "is neither a URI nor a name-addr (RFC 3261 25.1); a display name holding a comma must be "
                        + "quoted, or its words read as separate values";
            }
            if (hasBlank(uri)) {
                return "holds a space within its URI (RFC 3261 25.1: an addr-spec holds no LWS)";
            }
            if (uri.indexOf('?') >= 0) {
                return "has a URI with headers ('?') outside angle brackets (RFC 3261 20: such a URI must be in "
                        + "<>, or its headers read as the header's parameters)";
            }
            return uriProblem(uri, false);
        }
        String displayName = displayNameProblem(value.substring(0, lt).trim());
        if (displayName != null) {
            return displayName;
        }
        int gt = value.indexOf('>', lt + 1);
        if (gt < 0) {
            return "has no '>' closing the URI";
        }
        String uri = value.substring(lt + 1, gt);
        if (hasBlank(uri)) {
            return "holds spaces inside the angle brackets around its URI (RFC 3261 25.1: LAQUOT addr-spec RAQUOT, "
                    + "with no LWS within)";
        }
        return uriProblem(uri, false);
    }

    /**
     * What is wrong with the display name before a name-addr's '<', or null: RFC 3261 25.1 allows tokens and blanks
     * (display-name = *(token LWS)) or one quoted string, which alone may hold other characters, commas among them
     * (RFC 4475 3.1.2.15 baddn: To: Watson, Thomas &lt;sip:...&gt;). Letters beyond ASCII unquoted (From: Jörg
     * &lt;sip:...&gt;) are let through: phones send them, the stacks and Wireshark read them, and nothing is ambiguous
     * about them; a separator such as a comma is what makes an unquoted name another value.
     */
    private static String displayNameProblem(String name) {
        if (name.startsWith("\"")) {
            int i = closingQuote(name);
            if (i + 1 < name.length()) {
                return "has \"" + name.substring(i + 1).trim() + "\" after its quoted display name, before the '<' "
                        + "(RFC 3261 25.1: display-name = *(token LWS) / quoted-string)";
            }
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!SipToken.isTokenChar(c) && c != ' ' && c != '\t' && !(c > 0x7f && Character.isLetter(c))) {
                return "has the display name \"" + name + "\" unquoted though it holds " + shown(c) + " (RFC 3261 25.1: "
                        + "display-name = *(token LWS) / quoted-string): a stack refuses it, or reads its words as "
                        + "separate values";
            }
        }
        return null;
    }

    /** A character as a reason names it: a control byte by its code, which would not show. */
    private static String shown(char c) {
        if (c < 0x20 || c == 0x7f) {
            return String.format("byte 0x%02X", (int) c);
        }
        return "'" + c + "'" + (c > 0x7f ? " (not ASCII)" : "");
    }

    /** Where the '"' closing the quoted string that {@code value} starts with is; its length when none does. */
    private static int closingQuote(String value) {
        int i = 1;
        while (i < value.length() && value.charAt(i) != '"') {
            i += value.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, value.length());
    }

    /** Where the '<' of a name-addr is, after a display name quoted or not; -1 for an addr-spec. */
    private static int openingBracket(String value) {
        return value.indexOf('<', value.startsWith("\"") ? closingQuote(value) : 0);
    }

    /**
     * What is wrong with a sip or sips URI (other schemes are not judged), or null; {@code requestLine}: headers are
     * refused too (RFC 3261 19.1.1's table allows them in no Request-URI).
     */
    private static String uriProblem(String uri, boolean requestLine) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            return null;
        }
        // no '@' may stand unescaped but before the host: the user part may hold ';', '?', ',' and ':' (RFC 4475
        // 3.1.1.2), the parameters and headers may not hold '@'
        int at = uri.indexOf('@', colon + 1);
        int host = at < 0 ? colon + 1 : at + 1;
        int end = host;
        while (end < uri.length() && uri.charAt(end) != ';' && uri.charAt(end) != '?') {
            end++;
        }
        if (requestLine && uri.indexOf('?', end) >= 0) {
            return "holds headers (\"" + uri.substring(uri.indexOf('?', end)) + "\"), which RFC 3261 19.1.1 allows "
                    + "in no Request-URI";
        }
        return hostPortProblem(uri.substring(host, end));
    }

    private static String hostPortProblem(String hostPort) {
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return "holds an IPv6 reference \"" + hostPort + "\" without its closing ']'";
            }
            String address = hostPort.substring(1, close);
            byte[] literal = IpAddresses.literal(address);
            // (an IPv4-mapped address, [::ffff:192.0.2.10], comes back as its 4 bytes: RFC 5118 4.9 allows it)
            if (literal == null || address.indexOf(':') < 0) {
                return "holds \"[" + address + "]\", which is no IPv6 address (RFC 3261 25.1, RFC 5118 4.10)";
            }
            port = hostPort.substring(close + 1);
        } else {
            int colon = hostPort.indexOf(':');
            if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
                return "holds the IPv6 address \"" + hostPort + "\" outside brackets (RFC 3261 25.1 and RFC 5118 4.2: "
                        + "a URI writes it as [address], so that a port can follow)";
            }
            port = colon < 0 ? "" : hostPort.substring(colon);
        }
        if (!port.isEmpty() && (port.length() == 1 || port.charAt(0) != ':'
                || !port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9'))) {
            return "has \"" + port + "\" after its host where only a ':' and a port number may stand";
        }
        return null;
    }

    /** The comma-separated values of a header, commas within quotes or angle brackets kept. */
    private static List<String> values(String header) {
        List<String> values = new ArrayList<>(1);
        boolean quoted = false;
        boolean bracketed = false;
        int from = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                bracketed = true;
            } else if (c == '>') {
                bracketed = false;
            } else if (c == ',' && !bracketed) {
                values.add(header.substring(from, i));
                from = i + 1;
            }
        }
        values.add(header.substring(from));
        return values;
    }

    private static boolean hasBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return true;
            }
        }
        return false;
    }
}
