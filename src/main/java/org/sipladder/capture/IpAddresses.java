package org.sipladder.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Formats raw IPv4 and IPv6 addresses as Wireshark shows them (IPv6 compressed per RFC 5952), and reads address
 * literals written in SIP and SDP.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * The bytes of a literal IP address: a dotted quad of decimal numbers 0-255 (up to three digits each), or an
     * IPv6 literal; null for anything else. Never a name lookup: {@code InetAddress.getByName} takes "999.1.1.1" for
     * a host name and asks DNS, and reads "1.2.3" as 1.2.0.3.
     */
    public static byte[] literal(String address) {
        if (address.indexOf(':') < 0) {
            byte[] b = new byte[4];
            int part = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= address.length(); i++) {
                char c = i < address.length() ? address.charAt(i) : '.';
                if (c == '.') {
                    if (digits == 0 || part == 4 || value > 255) {
                        return null;
                    }
                    b[part++] = (byte) value;
                    value = 0;
                    digits = 0;
                } else if (c >= '0' && c <= '9' && digits < 3) {
                    value = value * 10 + (c - '0');
                    digits++;
                } else {
                    return null;
                }
            }
            return part == 4 ? b : null;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return null; // a scope id or a name: InetAddress would look it up
            }
        }
        try {
            // hex digits, colons and dots with a colon: the JDK parses an IPv6 literal or refuses, never looks up
            byte[] b = InetAddress.getByName(address).getAddress();
            return b.length == 16 || b.length == 4 ? b : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The text of a 4- or 16-byte address, as {@link #literal} reads it back (IPv6 compressed, RFC 5952). */
    public static String text(byte[] address) {
        return format(address, 0, address.length);
    }

    static String format(byte[] a, int at, int length) {
        return length == 4 ? ipv4(a, at) : ipv6(a, at);
    }

    private static String ipv4(byte[] a, int at) {
        return (a[at] & 0xff) + "." + (a[at + 1] & 0xff) + "." + (a[at + 2] & 0xff) + "." + (a[at + 3] & 0xff);
    }

    private static String ipv6(byte[] a, int at) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = Wire.u16(a, at + 2 * i);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (bestStart == 0 && (bestLength == 6 || bestLength == 5 && groups[5] == 0xffff)) {
            return (bestLength == 6 ? "::" : "::ffff:") + ipv4(a, at + 12);
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            s.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
