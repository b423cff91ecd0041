package org.sipladder.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Tells private (RFC 1918, carrier-grade NAT, loopback, link-local, unique-local) addresses from public ones. */
public final class AddressScope {

    private AddressScope() {
    }

    /** True for an address that cannot be reached from the internet; false for public ones and host names. */
    public static boolean isPrivate(String address) {
        if (address == null || address.isEmpty() || !looksLikeIp(address)) {
            return false;
        }
        try {
            InetAddress ip = InetAddress.getByName(address);
            byte[] b = ip.getAddress();
            boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
            return ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress()
                    || ip.isAnyLocalAddress() || cgnat || uniqueLocal;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True for an IP literal that is not private: a host on the internet, such as a carrier. */
    public static boolean isPublic(String address) {
        return address != null && looksLikeIp(address) && !isPrivate(address);
    }

    /** Literal addresses only, so that no DNS lookup ever happens on the UI thread. */
    private static boolean looksLikeIp(String s) {
        return s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
