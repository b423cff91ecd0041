package org.sipladder.diagnose;

import java.util.Locale;
import org.sipladder.sip.TrimBounds;

/** Reads the parameters of a Via header value that the diagnosis needs. */
final class ViaParameters {

    private ViaParameters() {
    }

    /** The {@code received} parameter, or null. */
    static String received(String via) {
        return parameter(via, "received");
    }

    /** The sent-by host of a Via value ({@code SIP/2.0/UDP host:port;...}), or null. */
    static String sentByHost(String via) {
        if (via == null) {
            return null;
        }
        // what follows the first blanks of the trimmed value, cut at ';' and trimmed, its port cut: found by bounds,
        // one string made (a diagnosis asks it of most requests; three substrings each were a tenth of its garbage)
        String t = via.trim();
        int n = t.length();
        int from = 0;
        while (from < n && !Blanks.isSpace(t.charAt(from))) {
            from++;
        }
        if (from == n) {
            return null;
        }
        while (from < n && Blanks.isSpace(t.charAt(from))) {
            from++;
        }
        int semi = t.indexOf(';', from);
        int to = semi < 0 ? n : semi;
        while (from < to && t.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && t.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from < to && t.charAt(from) == '[') {
            int close = t.indexOf(']', from);
            return close < 0 || close >= to ? t.substring(from, to) : t.substring(from + 1, close);
        }
        int colon = t.indexOf(':', from);
        return t.substring(from, colon < 0 || colon >= to ? to : colon);
    }

    /**
     * The value of parameter {@code name} (lower case) of the first Via value: as splitting that value at ";" and
     * each part at its first "=", trimmed, and comparing the name in lower case, without the splits (asked of the
     * responses of nearly every call).
     */
    static String parameter(String via, String name) {
        if (via == null) {
            return null;
        }
        int comma = via.indexOf(',');
        int end = comma < 0 ? via.length() : comma;
        for (int start = 0; start <= end; ) {
            int semi = via.indexOf(';', start);
            int stop = semi < 0 || semi > end ? end : semi;
            int eq = via.indexOf('=', start);
            if (eq >= 0 && eq < stop) {
                // lower-casing keeps the length of any name that becomes plain ASCII, as name is: a key of another
                // length (branch, rport...) is passed over before it becomes a string
                int ks = TrimBounds.start(via, start, eq);
                int ke = TrimBounds.end(via, ks, eq);
                if (ke - ks == name.length() && via.substring(ks, ke).toLowerCase(Locale.ROOT).equals(name)) {
                    return via.substring(eq + 1, stop).trim();
                }
            }
            start = stop + 1;
        }
        return null;
    }
}
