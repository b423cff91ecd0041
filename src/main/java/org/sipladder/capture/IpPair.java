package org.sipladder.capture;

import java.util.Arrays;

/**
 * Source and destination address of one IP packet, as raw bytes (4 or 16 each); also the identity of a TCP or
 * SCTP direction together with the ports.
 */
record IpPair(byte[] srcAddress, byte[] dstAddress) {

    static IpPair of(byte[] a, int srcAt, int dstAt, int length) {
        return new IpPair(Arrays.copyOfRange(a, srcAt, srcAt + length), Arrays.copyOfRange(a, dstAt, dstAt + length));
    }

    Endpoint src(int port) {
        return new Endpoint(IpAddresses.format(srcAddress, 0, srcAddress.length), port);
    }

    Endpoint dst(int port) {
        return new Endpoint(IpAddresses.format(dstAddress, 0, dstAddress.length), port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPair p && Arrays.equals(srcAddress, p.srcAddress)
                && Arrays.equals(dstAddress, p.dstAddress);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(srcAddress) + Arrays.hashCode(dstAddress);
    }

    @Override
    public String toString() {
        return IpAddresses.format(srcAddress, 0, srcAddress.length) + " > "
                + IpAddresses.format(dstAddress, 0, dstAddress.length);
    }
}
