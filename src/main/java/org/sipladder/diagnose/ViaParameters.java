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
        // as via.trim().split("\\s+", 2)[1] without compiling the pattern: read for almost every message
        String v = via.trim();
        int space = 0;
        while (space < v.length() && !isRegexSpace(v.charAt(space))) {
            space++;
        }
        if (space == v.length()) {
            return null;
        }
        int rest = space;
        while (rest < v.length() && isRegexSpace(v.charAt(rest))) {
            rest++;
        }
        String hostPort = v.substring(rest).split(";", 2)[0].trim();
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(1, close);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** The characters of the regular expression class {@code \\s}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
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
