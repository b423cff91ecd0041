package org.sipladder.flow;

import java.util.HashMap;
import java.util.Map;

/**
 * How many legs of a call of many legs had their dialog-opening INVITE sent to each host: a B2BUA that sends one X-CID
 * on every INVITE joins thousands of legs into one call, and each new leg asks whether the call has a leg sent to its
 * sender ({@link FlowGroups#hasLegSentTo}), which a walk over the legs answered in time growing with their square.
 */
final class InviteDestinations {

    /** Legs by the address their INVITE was sent to; a one-element array is the count, changed in place. */
    private final Map<String, int[]> legsSentTo = new HashMap<>();

    /** Counts {@code leg} when its INVITE has arrived ({@link LegState#initialInvite}); else {@link #add} later. */
    void add(LegState leg) {
        if (leg.initialInvite < 0) {
            return;
        }
        String host = leg.store().get(leg.initialInvite).dst().address();
        int[] count = legsSentTo.get(host);
        if (count == null) {
            legsSentTo.put(host, new int[] {1});
        } else {
            count[0]++;
        }
    }

    /** {@link #add}s the first {@code count} of {@code legs}. */
    void addAll(LegState[] legs, int count) {
        for (int i = 0; i < count; i++) {
            add(legs[i]);
        }
    }

    /** How many of the counted legs had their INVITE sent to {@code host}. */
    int sentTo(String host) {
        int[] count = legsSentTo.get(host);
        return count == null ? 0 : count[0];
    }
}
