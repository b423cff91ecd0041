package org.sipladder.diagnose;

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
        return a.stream().anyMatch(x -> b.stream().anyMatch(y -> x.equalsIgnoreCase(y)
                || TrunkAdmission.entryContains(x, base(y)) || TrunkAdmission.entryContains(y, base(x))));
    }

    private static String base(String entry) {
        int slash = entry.indexOf('/');
        return slash < 0 ? entry : entry.substring(0, slash);
    }
}
