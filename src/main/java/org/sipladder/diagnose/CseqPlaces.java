package org.sipladder.diagnose;

/**
 * The places of a flow's messages by CSeq number, in capture order, each list's length first: only messages of a
 * request's own number can be its copies or answer it. A table of primitive numbers over two arrays sized for the
 * messages: a HashMap boxed a Long for every message of every call and looked it up through {@code hashCode} and
 * {@code equals}, which the quick JIT leaves as calls; a call of a day (a CSeq number a second) stays linear.
 */
final class CseqPlaces {

    private final long[] numbers;
    /** The places of the number in the same slot, their count first; null: an empty slot. */
    private final int[][] places;
    private final int mask;

    /** The places of {@code cseqNumbers} of the messages {@code kept} (all when null). */
    CseqPlaces(long[] cseqNumbers, boolean[] kept) {
        // at most half the slots used: a few probes at most, whatever the numbers
        int capacity = Integer.highestOneBit(Math.max(cseqNumbers.length, 2) * 2 - 1) * 2;
        numbers = new long[capacity];
        places = new int[capacity][];
        mask = capacity - 1;
        for (int i = 0; i < cseqNumbers.length; i++) {
            if (kept != null && !kept[i]) {
                continue;
            }
            int slot = slot(cseqNumbers[i]);
            places[slot] = InviteTransaction.append(places[slot], i);
            numbers[slot] = cseqNumbers[i];
        }
    }

    /** The places of the messages numbered {@code number}, their count first, or null when there is none. */
    int[] get(long number) {
        return places[slot(number)];
    }

    /** The slot of {@code number}: its own, or the empty one where it would go. */
    private int slot(long number) {
        int h = (int) (number ^ (number >>> 32)) * 0x9E3779B9;
        for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
            if (places[i] == null || numbers[i] == number) {
                return i;
            }
        }
    }
}
