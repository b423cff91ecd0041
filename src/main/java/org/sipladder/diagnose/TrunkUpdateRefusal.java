package org.sipladder.diagnose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.TrunkStoreCheck;

/**
 * The step a fix that updates an inbound trunk needs when LiveKit would refuse the update: its server re-checks every
 * trunk sharing a number with the updated one, and every default trunk ({@link TrunkStoreCheck}), so a conflict left
 * there must be fixed first, and an update that would itself make two trunks conflict is never stored.
 */
final class TrunkUpdateRefusal {

    /**
     * Per trunk id, what LiveKit's check says of the trunk as stored ({@link TrunkStoreCheck#refusal}), worked out once
     * per config: a fix for each of thousands of calls asks it of the same trunk.
     */
    private static final PerConfig<Map<String, List<String>>> STORED = new PerConfig<>(config -> {
        Map<String, List<String>> refusals = new HashMap<>();
        for (SIPInboundTrunkInfo t : config.trunks()) {
            refusals.putIfAbsent(t.getSipTrunkId(), TrunkStoreCheck.refusal(config.trunks(), t));
        }
        return Map.copyOf(refusals);
    });

    /** Per trunk id whose update the stored trunks' conflict refuses, the step that says so ({@link #blocked}). */
    private static final PerConfig<Map<String, String>> BLOCKED = new PerConfig<>(config -> {
        Map<String, String> steps = new HashMap<>();
        STORED.of(config).forEach((id, already) -> {
            if (!already.isEmpty()) {
                steps.put(id, blocked(config, id, already));
            }
        });
        return Map.copyOf(steps);
    });

    private TrunkUpdateRefusal() {
    }

    /** The step to put first in a fix that stores {@code updated}, or null when LiveKit accepts it as things are. */
    static String step(LiveKitConfig config, SIPInboundTrunkInfo updated) {
        SIPInboundTrunkInfo stored = config.trunk(updated.getSipTrunkId());
        List<String> already = stored == null ? List.of()
                : STORED.of(config).getOrDefault(stored.getSipTrunkId(), List.of());
        // a numbered trunk given more numbers, its callers the same, lists every trunk the stored one did and holds
        // every number and caller it held: LiveKit refuses it whenever it would refuse the stored trunk as it is
        boolean widened = stored != null && stored.getNumbersCount() > 0
                && updated.getAllowedNumbersList().equals(stored.getAllowedNumbersList())
                && updated.getNumbersList().containsAll(stored.getNumbersList());
        List<String> pair = widened && !already.isEmpty() ? already : TrunkStoreCheck.refusal(config.trunks(), updated);
        if (pair.isEmpty()) {
            return null;
        }
        String id = updated.getSipTrunkId();
        if (already.isEmpty()) {
            return "LiveKit refuses this change as it stands: " + pair.get(0) + " and " + pair.get(1) + " would then "
                    + "take the same calls (same number, same allowed_numbers). Make it on one trunk only.";
        }
        return BLOCKED.of(config).get(id);
    }

    /**
     * {@link #step} for {@code trunk} as stored with {@code number} added to its numbers: where the stored trunk is
     * numbered and already refused, the step for it (the update lists every trunk it did and holds all it held), found
     * without building the update.
     */
    static String stepAddingNumber(LiveKitConfig config, SIPInboundTrunkInfo trunk, String number) {
        String blocked = trunk.getNumbersCount() > 0 && config.trunk(trunk.getSipTrunkId()) == trunk
                ? BLOCKED.of(config).get(trunk.getSipTrunkId()) : null;
        return blocked != null ? blocked : step(config, trunk.toBuilder().addNumbers(number).build());
    }

    /**
     * The step for trunk {@code id} whose update LiveKit refuses because of the conflict {@code already} between two
     * stored trunks: fix that first.
     */
    private static String blocked(LiveKitConfig config, String id, List<String> already) {
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
