package org.sipladder.diagnose;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.TrunkStoreCheck;

/**
 * The step a fix that updates an inbound trunk needs when LiveKit would refuse the update: its server re-checks every
 * trunk sharing a number with the updated one, and every default trunk ({@link TrunkStoreCheck}), so a conflict left
 * there must be fixed first, and an update that would itself make two trunks conflict is never stored.
 */
final class TrunkUpdateRefusal {

    private TrunkUpdateRefusal() {
    }

    /** The step to put first in a fix that stores {@code updated}, or null when LiveKit accepts it as things are. */
    static String step(LiveKitConfig config, SIPInboundTrunkInfo updated) {
        List<String> pair = TrunkStoreCheck.refusal(config.trunks(), updated);
        if (pair.isEmpty()) {
            return null;
        }
        SIPInboundTrunkInfo stored = config.trunk(updated.getSipTrunkId());
        List<String> already = stored == null ? List.of() : TrunkStoreCheck.refusal(config.trunks(), stored);
        String id = updated.getSipTrunkId();
        if (already.isEmpty()) {
            return "LiveKit refuses this change as it stands: " + pair.get(0) + " and " + pair.get(1) + " would then "
                    + "take the same calls (same number, same allowed_numbers). Make it on one trunk only.";
        }
        String a = already.get(0);
        String b = already.get(1);
        SIPInboundTrunkInfo ta = config.trunk(a);
        SIPInboundTrunkInfo tb = config.trunk(b);
        boolean defaults = ta != null && tb != null && ta.getNumbersCount() == 0 && tb.getNumbersCount() == 0;
        String blocked = "LiveKit refuses every update of " + id + (defaults ? " and of any other trunk" : "");
        if (reported(config, a, b, defaults)) {
            return "First fix " + (defaults ? FindingCode.LK_DEFAULT_TRUNK_CONFLICT : FindingCode.LK_TRUNK_CONFLICT)
                    .name() + " (" + b + " and " + a + "): while they conflict " + blocked + ".";
        }
        return "First set " + b + " and " + a + " apart by numbers or allowed_numbers, or delete one: LiveKit's update "
                + "check takes them for a conflict (it ignores allowed_addresses), and until then " + blocked + ".";
    }

    /** True when a conflict finding names both trunks, so the step can point to its fix. */
    private static boolean reported(LiveKitConfig config, String a, String b, boolean defaults) {
        if (defaults) {
            SIPInboundTrunkInfo ta = config.trunk(a);
            SIPInboundTrunkInfo tb = config.trunk(b);
            return TrunkFilters.overlap(ta, tb);
        }
        return TrunkConflictCheck.conflictGroups(config).keySet().stream().anyMatch(ids -> ids.contains(a) && ids.contains(b));
    }
}
