package org.sipladder.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sipladder.sip.SipMessage;

/**
 * Tells a REGISTER dialog whose last answer refused it about a later registration of the same address of record (the
 * To URI) at the same registrar (the address that answered) under another Call-ID: a phone that gives up on one
 * Call-ID and registers afresh (sngrep's aaa.pcap: refused "401 nonce has changed", registered under a new Call-ID
 * five minutes later) was unregistered only in between. A 2xx that lists no binding with a non-zero expiry (RFC 3261
 * 10.3: the answer lists the current bindings; a de-registration's has none left) is no registration.
 */
final class RegistrationRenewals {

    /** The legs whose last REGISTER answer was a refusal, by address of record and registrar ({@link #key}). */
    private final Map<String, List<LegState>> refused = new HashMap<>();

    /** Called with every message of a leg that has no INVITE, {@code seq} its arrival number. */
    void onMessage(LegState leg, SipMessage m, int seq) {
        if (m.isRequest() || m.status() < 200 || !"REGISTER".equals(m.cseqMethod())) {
            return;
        }
        String key = key(m);
        if (key == null) {
            return;
        }
        if (m.status() >= 300) {
            leg.refusedRegistration = key;
            leg.renewal = -1; // a renewal before this refusal does not mend it
            List<LegState> waiting = refused.computeIfAbsent(key, k -> new ArrayList<>(2));
            if (waiting.isEmpty() || waiting.get(waiting.size() - 1) != leg) {
                waiting.add(leg);
            }
            return;
        }
        List<LegState> waiting = refused.get(key);
        if (waiting == null || !binds(m)) {
            return; // nobody waits (nearly every registration), or a de-registration
        }
        for (LegState l : waiting) {
            if (l != leg && key.equals(l.refusedRegistration) && l.renewal < 0) {
                l.renewal = seq;
            }
        }
        refused.remove(key);
    }

    /** The To URI without parameters, lower case, and the answering address; null without a To URI. */
    static String key(SipMessage answer) {
        String to = answer.header("To");
        if (to == null) {
            return null;
        }
        int open = to.indexOf('<');
        int close = open < 0 ? -1 : to.indexOf('>', open);
        String uri = open >= 0 && close > open ? to.substring(open + 1, close) : to;
        int params = uri.indexOf(';');
        uri = (params < 0 ? uri : uri.substring(0, params)).trim();
        return uri.isEmpty() ? null : uri.toLowerCase(Locale.ROOT) + " " + answer.src().address();
    }

    /** True when the 2xx lists a binding with a non-zero expiry (its own expires, else the Expires header). */
    static boolean binds(SipMessage ok) {
        String expires = ok.header("Expires");
        boolean zeroByDefault = expires != null && !nonZero(expires.trim(), 0);
        for (String value : ok.headers("Contact")) {
            for (String contact : value.split(",")) {
                String c = contact.toLowerCase(Locale.ROOT).replace(" ", "");
                int at = c.indexOf(";expires=");
                boolean bound = at >= 0 ? nonZero(c, at + ";expires=".length())
                        : !zeroByDefault && !c.isEmpty() && !c.equals("*");
                if (bound) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the digits of {@code s} from {@code from} on make a number above 0. */
    private static boolean nonZero(String s, int from) {
        for (int i = from; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            if (s.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }
}
