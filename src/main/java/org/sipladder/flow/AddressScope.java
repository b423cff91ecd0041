package org.sipladder.flow;

import org.sipladder.capture.IpAddresses;

/** Tells private (RFC 1918, carrier-grade NAT, loopback, link-local, unique-local) addresses from public ones. */
public final class AddressScope {

    private AddressScope() {
    }

    /** True for an address that cannot be reached from the internet; false for public ones and host names. */
    public static boolean isPrivate(String address) {
        byte[] b = address == null ? null : IpAddresses.literal(address);
        return b != null && isPrivate(b);
    }

    /** True for an IP literal that is not private: a host on the internet, such as a carrier. */
    public static boolean isPublic(String address) {
        byte[] b = address == null ? null : IpAddresses.literal(address);
        return b != null && !isPrivate(b);
    }

    /** True for a loopback address (127/8, ::1): a party there reaches only the host it runs on. */
    public static boolean isLoopback(String address) {
        byte[] b = address == null ? null : IpAddresses.literal(address);
        if (b == null) {
            return false;
        }
        if (b.length == 4) {
            return (b[0] & 0xff) == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    /**
     * RFC 1918 and carrier-grade NAT (100.64/10), loopback, link-local, unspecified, and for IPv6 unique-local
     * (fc00::/7), link-local (fe80::/10), site-local (fec0::/10), loopback and unspecified. Read from the bytes: the
     * address is never handed to {@code InetAddress}, which would look a malformed one up in DNS.
     */
    private static boolean isPrivate(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b.length == 4) {
            return b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168 || b0 == 100 && (b1 & 0xc0) == 64
                    || b0 == 127 || b0 == 169 && b1 == 254 || b0 == 0 && b1 == 0 && b[2] == 0 && b[3] == 0;
        }
        boolean zeroUpTo15 = true;
        for (int i = 0; i < 15; i++) {
            zeroUpTo15 &= b[i] == 0;
        }
        int last = b[15] & 0xff;
        return (b0 & 0xfe) == 0xfc || b0 == 0xfe && (b1 & 0xc0) == 0x80 || b0 == 0xfe && (b1 & 0xc0) == 0xc0
                || zeroUpTo15 && (last == 1 || last == 0);
    }
}
