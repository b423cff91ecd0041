package org.sipladder.capture;

/** An IP address and port; IPv6 addresses print in brackets as {@code [addr]:port}. */
public record Endpoint(String address, int port) {

    /** The endpoint of a raw IPv4 or IPv6 address {@code a[at, at+length)}, formatted as the capture formats it. */
    public static Endpoint of(byte[] a, int at, int length, int port) {
        return new Endpoint(IpAddresses.format(a, at, length), port);
    }

    public boolean isIpv6() {
        return address.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return isIpv6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}
