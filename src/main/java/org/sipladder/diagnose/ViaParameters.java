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
        String rest = Blanks.afterFirst(via.trim());
        if (rest == null) {
            return null;
        }
        int semi = rest.indexOf(';');
        String hostPort = (semi < 0 ? rest : rest.substring(0, semi)).trim();
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
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
