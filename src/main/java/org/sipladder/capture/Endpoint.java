package org.sipladder.capture;

/** An IP address and port; IPv6 addresses print in brackets as {@code [addr]:port}. */
public record Endpoint(String address, int port) {

    public boolean isIpv6() {
        return address.indexOf(':') >= 0;
    }

    @Override
    public String toString() {
        return isIpv6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}
