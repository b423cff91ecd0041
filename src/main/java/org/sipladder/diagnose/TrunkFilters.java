package org.sipladder.diagnose;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.PhoneNumbers;
import org.sipladder.livekit.TrunkAdmission;

/** Whether two trunks' allowed_addresses and allowed_numbers filters can let the same call in. */
final class TrunkFilters {

    private TrunkFilters() {
    }

    /** True when some call could pass both trunks' filters (when unsure, they are taken to overlap). */
    static boolean overlap(SIPInboundTrunkInfo a, SIPInboundTrunkInfo b) {
        return addressesOverlap(TrunkAdmission.usableAddresses(a), TrunkAdmission.usableAddresses(b))
                && (a.getAllowedNumbersCount() == 0 || b.getAllowedNumbersCount() == 0
                || a.getAllowedNumbersList().stream().anyMatch(x -> b.getAllowedNumbersList().stream()
                        .anyMatch(y -> PhoneNumbers.sameNumber(x, y))));
    }

    private static boolean addressesOverlap(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return true;
        }
        return a.stream().anyMatch(x -> b.stream().anyMatch(y -> x.equalsIgnoreCase(y) || contains(x, base(y))
                || contains(y, base(x))));
    }

    private static String base(String entry) {
        int slash = entry.indexOf('/');
        return slash < 0 ? entry : entry.substring(0, slash);
    }

    /** True when {@code entry} is an IP or CIDR that contains {@code ip}; host names never contain anything. */
    static boolean contains(String entry, String ip) {
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        String[] parts = entry.split("/", 2);
        byte[] net = literal(parts[0]);
        byte[] addr = literal(ip);
        if (net == null || addr == null || net.length != addr.length) {
            return false;
        }
        int bits = net.length * 8;
        if (parts.length == 2) {
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (bits < 0 || bits > net.length * 8) {
            return false;
        }
        int shift = net.length * 8 - bits;
        return new BigInteger(1, net).shiftRight(shift).equals(new BigInteger(1, addr).shiftRight(shift));
    }

    /** The bytes of an IP literal, or null; never resolves a name (no DNS from the analyzer). */
    static byte[] literal(String s) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
