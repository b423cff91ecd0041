package org.sipladder.media;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * The positions of a list's items (a capture's SDP sections or streams) by their Call-ID, in two int arrays: a table
 * of each Call-ID hash's first position (open addressing by the hash) and, per item, the next position whose Call-ID
 * has the same hash; a look-up keeps the positions of its very Call-ID. A hash map with an int[] per Call-ID was 6 MB
 * for the 240,000 SDP sections of a 50,000-call capture; this is 5 MB. Two arrays sorted by hash (1.9 MB) cost a sort
 * of every item when the read ended and two searches by halves per look-up (7 % of that capture's `calls --json` CPU
 * samples); this is made in one pass and looked up in one or two probes. A probe compares the hash kept beside the
 * position: only the items found are read, not one per slot probed (each a look into an item far away in memory, 8 %
 * of the JSON's samples).
 */
final class CallIdIndex {

    private static final int[] NONE = {};

    private final IntFunction<String> callIdAt;
    /**
     * Per slot two ints: 1 + the first position of the items whose Call-IDs have the hash held there (0: free), probed
     * linearly from the hash, and that hash; side by side, so that a probe reads one place in memory. At most two
     * thirds of the slots are taken: the table grows with the hashes, not with the items (a leg has several SDP
     * sections and streams: sized by the items, the table of a 50,000-call capture's 240,000 SDP sections was 4 MB,
     * not 2).
     */
    private int[] table;
    /** Per position: 1 + the next position whose Call-ID has the same hash; 0: none after it. */
    private final int[] nexts;

    /** Indexes the items {@code 0..count-1}; {@code callIdAt} gives an item's Call-ID (null: not indexed). */
    CallIdIndex(int count, IntFunction<String> callIdAt) {
        this(count, callIdAt, i -> Objects.hashCode(callIdAt.apply(i)));
    }

    /**
     * As {@link #CallIdIndex(int, IntFunction)}, with {@code hashAt} giving the {@code hashCode} of each item's
     * Call-ID (any hash for an item without one) as kept when the items were made ({@link Hashes}): the index is then
     * made without reading an item. Made from the items, a capture's 240,000 SDP sections took ~45 ms on one core at
     * the read's end, nearly all of it cache misses into the sections and their Call-IDs, while the calls waited for
     * it; from the hashes, ~20 ms.
     */
    CallIdIndex(int count, IntFunction<String> callIdAt, IntUnaryOperator hashAt) {
        this.callIdAt = callIdAt;
        // room at first for a Call-ID per four items
        this.table = new int[Integer.highestOneBit(Math.max(8, count >> 2)) << 1];
        this.nexts = new int[count];
        int hashes = 0;
        // from the last position back, each put in front of its hash's chain: chains run in ascending order
        for (int i = count - 1; i >= 0; i--) {
            int hash = hashAt.applyAsInt(i);
            int at = placeOf(hash);
            if (table[at] == 0 && 3 * ++hashes > table.length) { // more than two thirds of the slots (two ints each)
                grow();
                at = placeOf(hash);
            }
            nexts[i] = table[at];
            table[at] = i + 1;
            table[at + 1] = hash;
        }
    }

    /**
     * The hashes of the Call-IDs of a list's items, kept as the items are appended (by the thread that makes them,
     * each while it is in the cache), for indexes of the list as it is at some moment ({@link #soFar}). In chunks, as
     * {@link org.sipladder.AppendLog}, so that a read this long promotes no old copies of a growing array.
     */
    static final class Hashes {
        private static final int CHUNK_BITS = 14;
        private static final int CHUNK = 1 << CHUNK_BITS;
        private int[][] chunks = new int[16][];
        private int size;

        /** Keeps the hash of {@code callId} (which may be null), the next item's. */
        void add(String callId) {
            int chunk = size >>> CHUNK_BITS;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunks.length * 2);
            }
            if (chunks[chunk] == null) {
                chunks[chunk] = new int[CHUNK];
            }
            chunks[chunk][size & (CHUNK - 1)] = Objects.hashCode(callId);
            size++;
        }

        /**
         * The hashes kept so far by position, unchanged by those kept later (which go to positions after them); read
         * by other threads once this one has handed its work over, as the items are.
         */
        IntUnaryOperator soFar() {
            int[][] held = chunks;
            int count = size;
            return i -> {
                Objects.checkIndex(i, count);
                return held[i >>> CHUNK_BITS][i & (CHUNK - 1)];
            };
        }
    }

    /** Twice the slots, each hash placed again (no Call-ID is read: the hashes all differ). */
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

    /** Where in {@link #table} the slot holding {@code hash} is, or the free slot where it would go. */
    private int placeOf(int hash) {
        int mask = table.length - 1;
        int at = slotOf(hash, mask);
        while (table[at] != 0 && table[at + 1] != hash) {
            at = (at + 2) & mask;
        }
        return at;
    }

    /**
     * 1 + the first position of the chain holding the items with this Call-ID, 0 when none (or null): with {@link
     * #nextInChain}, a walk over them that allocates nothing (the caller compares each item's Call-ID, as the chain
     * also holds the items of any other Call-ID with the same hash).
     */
    int chainOf(String callId) {
        return callId == null ? 0 : table[placeOf(callId.hashCode())];
    }

    /** 1 + the position after {@code position} in its chain ({@link #chainOf}), 0 at its end. */
    int nextInChain(int position) {
        return nexts[position];
    }

    /**
     * The positions of the items with this Call-ID, in ascending order; empty when none (or null). The chain of its
     * hash holds them, and the items of any other Call-ID with that hash, which are left out here: the items found are
     * read by the caller next, while they are in the cache.
     */
    int[] positionsOf(String callId) {
        if (callId == null) {
            return NONE;
        }
        int first = table[placeOf(callId.hashCode())];
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
            if (callId.equals(callIdAt.apply(p - 1))) {
                positions[k++] = p - 1;
            }
        }
        return k == n ? positions : k == 0 ? NONE : Arrays.copyOf(positions, k);
    }
}
