package org.sipladder.source;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Where to listen: {@code udp:0.0.0.0:9060}, {@code tcp:[::]:9061}, {@code udp:9060} (all addresses).
 *
 * @param protocol UDP or TCP
 * @param host     address to bind, "0.0.0.0" for all
 * @param port     port, 0 for one the system chooses
 */
public record ListenAddress(Protocol protocol, String host, int port) {

    /** The transport listened on. */
    public enum Protocol { UDP, TCP }

    /**
     * Reads {@code udp:HOST:PORT} or {@code tcp:HOST:PORT} (HOST optional, IPv6 in brackets).
     *
     * @throws IllegalArgumentException saying what is wrong, with an example
     */
    public static ListenAddress parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("udp") && !scheme.equals("tcp")) {
            throw new IllegalArgumentException(text + ": say udp: or tcp:, e.g. udp:0.0.0.0:9060");
        }
        String rest = s.substring(colon + 1);
        int last = rest.lastIndexOf(':');
        String host = last < 0 ? "0.0.0.0" : rest.substring(0, last);
        String port = last < 0 ? rest : rest.substring(last + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65_535) {
                throw new NumberFormatException();
            }
            return new ListenAddress(Protocol.valueOf(scheme.toUpperCase(Locale.ROOT)), host.isEmpty() ? "0.0.0.0" : host, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text + ": the port must be a number from 0 to 65535, e.g. udp:0.0.0.0:9060");
        }
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return protocol.name().toLowerCase(Locale.ROOT) + ":" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
                + port;
    }
}
