package org.sipladder.media;

import java.util.function.IntFunction;

/**
 * The positions of a list's items (a capture's SDP sections or streams) by their Call-ID, in two int arrays: a table
 * of each Call-ID's first position (open addressing by the Call-ID's hash) and, per item, the next position with the
 * same Call-ID. A hash map with an int[] per Call-ID was 6 MB for the 240,000 SDP sections of a 50,000-call capture;
 * this is 3 MB. Two arrays sorted by hash (1.9 MB) cost a sort of every item when the read ended and two searches by
 * halves per look-up (7 % of that capture's `calls --json` CPU samples); this is made in one pass and looked up in
 * one or two probes.
 */
final class CallIdIndex {

    private static final int[] NONE = {};

    private final IntFunction<String> callIdAt;
    /** Per slot: 1 + the first position of the Call-ID held there, probed linearly from its hash; 0: free. */
    private final int[] firsts;
    /** Per position: 1 + the next position with the same Call-ID; 0: none after it. */
    private final int[] nexts;

    /** Indexes the items {@code 0..count-1}; {@code callIdAt} gives an item's Call-ID (null: not indexed). */
    CallIdIndex(int count, IntFunction<String> callIdAt) {
        this.callIdAt = callIdAt;
        // at most two thirds full even when every Call-ID differs
        this.firsts = new int[Integer.highestOneBit(Math.max(2, count + (count >> 1))) << 1];
        this.nexts = new int[count];
        // from the last position back, each put in front of its Call-ID's chain: chains run in ascending order
        for (int i = count - 1; i >= 0; i--) {
            String id = callIdAt.apply(i);
            if (id != null) {
                int slot = slotOf(id);
                nexts[i] = firsts[slot];
                firsts[slot] = i + 1;
            }
        }
    }

    /** The slot holding {@code callId}, or the free slot where it would go. */
    private int slotOf(String callId) {
        int mask = firsts.length - 1;
        int slot = (callId.hashCode() * 0x9E3779B1 >>> 7) & mask;
        while (firsts[slot] != 0 && !callId.equals(callIdAt.apply(firsts[slot] - 1))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The positions of the items with this Call-ID, in ascending order; empty when none (or null). */
    int[] positionsOf(String callId) {
        if (callId == null) {
            return NONE;
        }
        int first = firsts[slotOf(callId)];
        int n = 0;
        for (int p = first; p != 0; p = nexts[p - 1]) {
            n++;
        }
        if (n == 0) {
            return NONE;
        }
        int[] positions = new int[n];
        int k = 0;
        for (int p = first; p != 0; p = nexts[p - 1]) {
            positions[k++] = p - 1;
        }
        return positions;
    }
}
