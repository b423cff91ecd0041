package org.sipladder.capture;

import java.util.Objects;

/** An IP address and port; IPv6 addresses print in brackets as {@code [addr]:port}. */
public record Endpoint(String address, int port) {

    /** The endpoint of a raw IPv4 or IPv6 address {@code a[at, at+length)}, formatted as the capture formats it. */
    public static Endpoint of(byte[] a, int at, int length, int port) {
        return new Endpoint(IpAddresses.format(a, at, length), port);
    }

    // equals and hashCode are written out (the same hash as the generated one): a record's are linked at their first
    // call by a bootstrap that spins method handles, on the read's main thread the first time a message is checked
    // for a retransmission (LegState.same)

    @Override
    public boolean equals(Object other) {
        return other instanceof Endpoint endpoint && port == endpoint.port
                && Objects.equals(address, endpoint.address);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(address) * 31 + port;
    }

    public boolean isIpv6() {
        return address.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return isIpv6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}
