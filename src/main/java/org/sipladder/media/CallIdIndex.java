package org.sipladder.media;

import java.util.function.IntFunction;

/**
 * The positions of a list's items (a capture's SDP sections or streams) by their Call-ID, in two int arrays: a table
 * of each Call-ID's first position and hash (open addressing by the hash) and, per item, the next position with the
 * same Call-ID. A hash map with an int[] per Call-ID was 6 MB for the 240,000 SDP sections of a 50,000-call capture;
 * this is 5 MB. Two arrays sorted by hash (1.9 MB) cost a sort of every item when the read ended and two searches by
 * halves per look-up (7 % of that capture's `calls --json` CPU samples); this is made in one pass and looked up in
 * one or two probes. A probe compares the hash kept beside the position: only the Call-ID found is read from its
 * item, not every one probed (each a look into an item far away in memory, 8 % of the JSON's samples).
 */
final class CallIdIndex {

    private static final int[] NONE = {};

    private final IntFunction<String> callIdAt;
    /**
     * Per slot two ints: 1 + the first position of the Call-ID held there (0: free), probed linearly from its hash,
     * and that Call-ID's hash; side by side, so that a probe reads one place in memory. At most two thirds of the
     * slots are taken: the table grows with the Call-IDs, not with the items (a leg has several SDP sections and
     * streams: sized by the items, the table of a 50,000-call capture's 240,000 SDP sections was 4 MB, not 2).
     */
    private int[] table;
    /** Per position: 1 + the next position with the same Call-ID; 0: none after it. */
    private final int[] nexts;

    /** Indexes the items {@code 0..count-1}; {@code callIdAt} gives an item's Call-ID (null: not indexed). */
    CallIdIndex(int count, IntFunction<String> callIdAt) {
        this.callIdAt = callIdAt;
        // room at first for a Call-ID per four items
        this.table = new int[Integer.highestOneBit(Math.max(8, count >> 2)) << 1];
        this.nexts = new int[count];
        int callIds = 0;
        // from the last position back, each put in front of its Call-ID's chain: chains run in ascending order
        for (int i = count - 1; i >= 0; i--) {
            String id = callIdAt.apply(i);
            if (id != null) {
                int at = placeOf(id);
                if (table[at] == 0) {
                    if (3 * ++callIds > table.length) { // more than two thirds of the slots (two ints each)
                        grow();
                        at = placeOf(id);
                    }
                }
                nexts[i] = table[at];
                table[at] = i + 1;
                table[at + 1] = id.hashCode();
            }
        }
    }

    /** Twice the slots, each Call-ID placed again by its kept hash (no Call-ID is read: they all differ). */
    private void grow() {
        int[] old = table;
        table = new int[old.length * 2];
        int mask = table.length - 1;
        for (int from = 0; from < old.length; from += 2) {
            if (old[from] != 0) {
                int at = slotOf(old[from + 1], mask);
                while (table[at] != 0) {
                    at = (at + 2) & mask;
                }
                table[at] = old[from];
                table[at + 1] = old[from + 1];
            }
        }
    }

    /** The first slot probed for {@code hash}: its place in {@link #table} whose length less one is {@code mask}. */
    private static int slotOf(int hash, int mask) {
        return ((hash * 0x9E3779B1 >>> 7) << 1) & mask;
    }

    /** Where in {@link #table} the slot holding {@code callId} is, or the free slot where it would go. */
    private int placeOf(String callId) {
        int hash = callId.hashCode();
        int mask = table.length - 1;
        int at = slotOf(hash, mask);
        while (table[at] != 0 && (table[at + 1] != hash || !callId.equals(callIdAt.apply(table[at] - 1)))) {
            at = (at + 2) & mask;
        }
        return at;
    }

    /** The positions of the items with this Call-ID, in ascending order; empty when none (or null). */
    int[] positionsOf(String callId) {
        if (callId == null) {
            return NONE;
        }
        int first = table[placeOf(callId)];
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
