package org.sipladder.livekit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A trunk's {@code allowed_addresses} check (routing notes, section 2 step 2): IP and CIDR entries against the
 * source IP, any entry against the From host; malformed entries are ignored as LiveKit ignores them.
 */
final class AllowedAddresses {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final List<String> usable;

    AllowedAddresses(List<String> entries) {
        this.usable = entries.stream().filter(AllowedAddresses::isUsable).toList();
    }

    /** Entries LiveKit silently ignores: they contain one of {@code ()+*;,}, whitespace or {@code ://}. */
    static boolean isUsable(String entry) {
        return entry.chars().noneMatch(c -> "()+*;, \t\n\r".indexOf(c) >= 0) && !entry.contains("://");
    }

    /** The entries that take part in the check; when none, every address is accepted. */
    List<String> usable() {
        return usable;
    }

    /**
     * True when the call may use the trunk. An unknown or unparsable source IP is accepted, as LiveKit does when
     * it cannot parse the address.
     */
    boolean allows(String sourceIp, String fromHost) {
        byte[] source = sourceIp == null ? null : parseSource(sourceIp.trim());
        if (source == null || usable.isEmpty()) {
            return true;
        }
        for (String entry : usable) {
            if (entry.equals(fromHost) || contains(entry, source)) {
                return true;
            }
        }
        return false;
    }

    /**
     * As {@link #allows}, for a source LiveKit saw only as the unknown public address of a NAT: an entry equal to the
     * From host lets it in, and so may any IP/CIDR entry outside the private ranges unless {@code unlisted} (LiveKit's
     * answer showed that the NAT's address is none of them); a private entry never does.
     */
    boolean allowsBehindNat(String fromHost, boolean unlisted) {
        if (usable.isEmpty()) {
            return true;
        }
        for (String entry : usable) {
            if (entry.equals(fromHost) || !unlisted && mayHoldPublic(entry)) {
                return true;
            }
        }
        return false;
    }

    /** True unless the entry is an IP or CIDR whose address is private (a name never holds a source address). */
    private static boolean mayHoldPublic(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        return parseIp(address) != null && !isPrivate(address);
    }

    static boolean contains(String mask, byte[] ip) {
        int slash = mask.indexOf('/');
        if (slash < 0) {
            byte[] single = parseIp(mask);
            return single != null && Arrays.equals(single, ip);
        }
        byte[] network = parseIp(mask.substring(0, slash));
        Integer bits = prefixLength(mask.substring(slash + 1));
        if (network == null || bits == null || network.length != ip.length || bits > network.length * 8) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask8 = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask8) != (ip[bit / 8] & mask8)) {
                return false;
            }
        }
        return true;
    }

    private static Integer prefixLength(String text) {
        if (!text.matches("0|[1-9][0-9]{0,2}")) {
            return null;
        }
        return Integer.valueOf(text);
    }

    /**
     * The address of a packet's source as LiveKit's matching sees it: an IPv4-mapped IPv6 address
     * ({@code ::ffff:10.0.0.1}) is its IPv4 address, because LiveKit takes the source from Go's {@code net.UDPAddr}
     * (or {@code TCPAddr}) text, which writes such an address in dotted form (sipgo transport, livekit/sip
     * inbound.go {@code netip.ParseAddrPort(req.Source())}).
     */
    static byte[] parseSource(String text) {
        byte[] ip = parseIp(text);
        return ip != null && ip.length == 16 && isIpv4Mapped(ip) ? Arrays.copyOfRange(ip, 12, 16) : ip;
    }

    private static boolean isIpv4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    /**
     * The address bytes of an IPv4 or IPv6 literal as Go's {@code netip.ParseAddr} reads an allowed_addresses entry,
     * or null; never a DNS lookup. An IPv4-mapped IPv6 literal stays 16 bytes: netip keeps it apart from the IPv4
     * address, so {@code ::ffff:10.0.0.1} never equals {@code 10.0.0.1} and no IPv4 prefix contains it (livekit/protocol
     * sip.matchAddrMask).
     */
    static byte[] parseIp(String text) {
        if (isDottedQuad(text)) {
            byte[] bytes = new byte[4];
            int start = 0;
            for (int i = 0; i < 4; i++) {
                int end = i < 3 ? text.indexOf('.', start) : text.length();
                int value = Integer.parseInt(text, start, end, 10);
                if (value > 255 || (end - start > 1 && text.charAt(start) == '0')) {
                    return null;
                }
                bytes[i] = (byte) value;
                start = end + 1;
            }
            return bytes;
        }
        if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
            try {
                // A string of hex digits, colons and dots starting with a hex digit or colon is parsed as an
                // IPv6 literal by the JDK without any name lookup.
                byte[] address = InetAddress.getByName(text).getAddress();
                // the JDK turns an IPv4-mapped literal into its IPv4 address; netip does not
                return address.length == 4 ? mapped(address) : address;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] ip = new byte[16];
        ip[10] = (byte) 0xff;
        ip[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, ip, 12, 4);
        return ip;
    }

    /**
     * True when {@code text} is four groups of one to three ASCII digits joined by dots, as the pattern
     * {@code (\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})} matches it: written out, as the diagnosis asks
     * this of the addresses of nearly every message.
     */
    static boolean isDottedQuad(String text) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 3) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }

    /** True for RFC 1918, loopback, link-local and unique-local addresses, which a NAT usually hides. */
    static boolean isPrivate(String ip) {
        byte[] b = ip == null ? null : parseSource(ip.trim());
        if (b == null) {
            return false;
        }
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 10 || first == 127 || (first == 172 && second >= 16 && second <= 31)
                    || (first == 192 && second == 168) || (first == 169 && second == 254)
                    || (first == 100 && second >= 64 && second <= 127);
        }
        return (b[0] & 0xfe) == 0xfc || ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80);
    }
}
