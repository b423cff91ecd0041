package org.sipladder.diagnose;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.sip.SipMessage;

/**
 * The address and port pairs the capture's SIP messages name as where SIP is sent: Request-URIs, Route and
 * Record-Route entries, Contacts and Via sent-bys (RFC 3261 8.1.2, 16.12, 18.2.2). A TCP connection refused at such a
 * port was SIP meant for it, whatever the port's number. Read once, at the first question, for the whole capture.
 */
final class SipTargets {

    private static final List<String> HEADERS = List.of("Route", "Record-Route", "Contact", "Via");

    private final List<CallFlow> flows;
    /** Each named target, with the first place that names it ("the Route header of INVITE frame 1"). */
    private Map<String, String> named;

    SipTargets(List<CallFlow> flows) {
        this.flows = flows;
    }

    /** True when a SIP message of the capture names {@code e} (its address with its explicit port) as a target. */
    boolean names(Endpoint e) {
        return where(e) != null;
    }

    /** The first place that names {@code e} ("the Route header of INVITE frame 1"), or null. */
    String where(Endpoint e) {
        if (named == null) {
            named = read(flows);
        }
        return named.get(key(e.address(), e.port()));
    }

    private static Map<String, String> read(List<CallFlow> flows) {
        Map<String, String> named = new HashMap<>();
        for (CallFlow flow : flows) {
            for (FlowMessage fm : flow.messages()) {
                SipMessage m = fm.message();
                String what = (m.isRequest() ? m.method() : m.status() + " (" + m.cseqMethod() + ")") + " frame "
                        + m.frame();
                if (m.isRequest()) {
                    addAll(m.requestUri(), "the Request-URI of " + what, named);
                }
                for (String h : HEADERS) {
                    for (String v : m.headers(h)) {
                        addAll(v, "the " + h + " header of " + what, named);
                    }
                }
            }
        }
        return named;
    }

    /** Every "host:port" in {@code text} whose host is an IPv4 literal or a bracketed IPv6 literal. */
    private static void addAll(String text, String where, Map<String, String> named) {
        if (text == null) {
            return;
        }
        for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            int end = colon + 1;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            if (end == colon + 1 || end - colon - 1 > 5) {
                continue;
            }
            String host = hostBefore(text, colon);
            if (host != null) {
                named.putIfAbsent(key(host, Integer.parseInt(text.substring(colon + 1, end))), where);
            }
        }
    }

    /** The IP literal that ends just before {@code colon} ("10.0.0.3", or "[2001:db8::1]" unbracketed), or null. */
    private static String hostBefore(String text, int colon) {
        if (colon > 0 && text.charAt(colon - 1) == ']') {
            int open = text.lastIndexOf('[', colon - 1);
            return open < 0 ? null : text.substring(open + 1, colon - 1);
        }
        int start = colon;
        while (start > 0 && (Character.isDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
            start--;
        }
        String host = text.substring(start, colon);
        return host.chars().filter(c -> c == '.').count() == 3 ? host : null;
    }

    private static String key(String address, int port) {
        return address.toLowerCase(Locale.ROOT) + " " + port;
    }
}
