package org.sipladder.flow;

import java.util.List;
import org.sipladder.capture.Endpoint;

/**
 * One column of a ladder: a host (one per IP address), or where two parties of a call share an address (traffic
 * between two ports of one host), one party of that host (one per SIP port), with its guessed role.
 *
 * @param address  IP address (without port) that identifies the hop
 * @param role     guessed role
 * @param name     display name, e.g. "LiveKit 129.158.233.108" (a user alias when set)
 * @param evidence why the role was chosen, one short sentence per clue
 * @param ports    empty for a whole host; for one party of a shared host its SIP port first, then the client ports
 *                 of the TCP/TLS connections it opened
 */
public record Hop(String address, Role role, String name, List<String> evidence, List<Integer> ports) {

    public Hop {
        ports = List.copyOf(ports);
    }

    /** A hop for a whole host. */
    public Hop(String address, Role role, String name, List<String> evidence) {
        this(address, role, name, evidence, List.of());
    }

    /** True when this hop is one party of a host shared by several ({@link #ports} says which). */
    public boolean split() {
        return !ports.isEmpty();
    }

    /** The party's SIP port, 0 for a whole host. */
    public int port() {
        return ports.isEmpty() ? 0 : ports.get(0);
    }

    /** What names the hop to a user: its address, or {@code address:port} for a party of a shared host. */
    public String place() {
        return ports.isEmpty() ? address : new Endpoint(address, ports.get(0)).toString();
    }

    /** True when messages from or to {@code endpoint} are this hop's. */
    public boolean holds(Endpoint endpoint) {
        return address.equals(endpoint.address()) && (ports.isEmpty() || ports.contains(endpoint.port()));
    }
}
