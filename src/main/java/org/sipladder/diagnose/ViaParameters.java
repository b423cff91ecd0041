package org.sipladder.diagnose;

import java.util.Locale;

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
        String hostPort = rest.split(";", 2)[0].trim();
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static String parameter(String via, String name) {
        if (via == null) {
            return null;
        }
        String first = via.split(",", 2)[0];
        for (String p : first.split(";")) {
            String[] kv = p.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals(name)) {
                return kv[1].trim();
            }
        }
        return null;
    }
}
