package org.sipladder.diagnose;

/** Which IP literals belong to private, shared (CGNAT), loopback or link-local ranges. */
final class PrivateAddresses {

    private static final String[] RANGES = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
        "127.0.0.0/8", "169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128"};

    private PrivateAddresses() {
    }

    static boolean isPrivate(String address) {
        if (address == null || TrunkFilters.literal(address) == null) {
            return false;
        }
        for (String range : RANGES) {
            if (TrunkFilters.contains(range, address)) {
                return true;
            }
        }
        return false;
    }

    /** A public IP literal (host names are neither). */
    static boolean isPublic(String address) {
        return address != null && TrunkFilters.literal(address) != null && !isPrivate(address);
    }
}
