package org.sipladder.livekit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * The check LiveKit's server makes before it stores an updated inbound trunk (livekit-server
 * {@code pkg/service/sip.go} UpdateSIPInboundTrunk): it lists the stored trunks that share a number with the
 * updated one, every trunk without numbers included (protocol {@code ListSIPInboundTrunkRequest.Filter}), puts the
 * update in place of the stored trunk and runs {@code sip.ValidateTrunksIter} over them all. So a conflict between
 * any two listed trunks refuses the update, even one the update has nothing to do with.
 */
public final class TrunkStoreCheck {

    private TrunkStoreCheck() {
    }

    /**
     * The two trunks whose conflict makes LiveKit refuse to store {@code updated} in place of the stored trunk with its
     * id (the later one in listing order first, as LiveKit's error names them), or an empty list when LiveKit accepts it.
     */
    public static List<String> refusal(List<SIPInboundTrunkInfo> stored, SIPInboundTrunkInfo updated) {
        List<SIPInboundTrunkInfo> listed = new ArrayList<>();
        for (SIPInboundTrunkInfo t : stored) {
            if (listedFor(updated.getNumbersList(), t)) {
                listed.add(t.getSipTrunkId().equals(updated.getSipTrunkId()) ? updated : t);
            }
        }
        // number ("" for default trunks) -> normalized allowed number ("" for any caller) -> trunk
        Map<String, Map<String, SIPInboundTrunkInfo>> byNumber = new HashMap<>();
        for (SIPInboundTrunkInfo t : listed) {
            for (String number : keys(t.getNumbersList())) {
                Map<String, SIPInboundTrunkInfo> byCaller = byNumber.computeIfAbsent(number, k -> new HashMap<>());
                for (String caller : keys(t.getAllowedNumbersList())) {
                    SIPInboundTrunkInfo other = byCaller.putIfAbsent(caller, t);
                    if (other != null && !other.getSipTrunkId().equals(t.getSipTrunkId())) {
                        return List.of(t.getSipTrunkId(), other.getSipTrunkId());
                    }
                }
            }
        }
        return List.of();
    }

    /** The filter's rule: a request without numbers or a trunk without numbers passes, else a shared number does. */
    private static boolean listedFor(List<String> numbers, SIPInboundTrunkInfo t) {
        if (numbers.isEmpty() || t.getNumbersCount() == 0) {
            return true;
        }
        for (String n : t.getNumbersList()) {
            for (String wanted : numbers) {
                if (PhoneNumbers.sameNumber(n, wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The distinct normalized entries, or the one empty key when there are none. */
    private static Set<String> keys(List<String> numbers) {
        Set<String> keys = new LinkedHashSet<>();
        numbers.forEach(n -> keys.add(PhoneNumbers.normalize(n)));
        if (keys.isEmpty()) {
            keys.add("");
        }
        return keys;
    }
}
