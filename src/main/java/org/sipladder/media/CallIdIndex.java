package org.sipladder.media;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntFunction;

/**
 * The positions of a list's items (a capture's SDP sections or streams) by their Call-ID: two int arrays sorted by
 * the Call-ID's hash, then the Call-ID, then position, searched by halves. A hash map with an int[] per Call-ID was
 * 6 MB for the 240,000 SDP sections of a 50,000-call capture; this is 1.9 MB. Equal hashes, however many, cost a
 * search by halves too, not a walk.
 */
final class CallIdIndex {

    private static final int[] NONE = {};

    private final IntFunction<String> callIdAt;
    private final int[] hashes;
    private final int[] positions;

    /** Indexes the items {@code 0..count-1}; {@code callIdAt} gives an item's Call-ID (null: not indexed). */
    CallIdIndex(int count, IntFunction<String> callIdAt) {
        this.callIdAt = callIdAt;
        long[] keyed = new long[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            String id = callIdAt.apply(i);
            if (id != null) {
                keyed[n++] = (long) id.hashCode() << 32 | i;
            }
        }
        Arrays.sort(keyed, 0, n);
        hashes = new int[n];
        positions = new int[n];
        for (int k = 0; k < n; k++) {
            hashes[k] = (int) (keyed[k] >> 32);
            positions[k] = (int) keyed[k];
        }
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && hashes[end] == hashes[start]) {
                end++;
            }
            if (end - start > 1 && !oneCallId(start, end)) {
                sortByCallId(start, end);
            }
            start = end;
        }
    }

    /** True when the items at {@code [from, to)} have one Call-ID (then already in position order). */
    private boolean oneCallId(int from, int to) {
        String first = callIdAt.apply(positions[from]);
        for (int k = from + 1; k < to; k++) {
            if (!first.equals(callIdAt.apply(positions[k]))) {
                return false;
            }
        }
        return true;
    }

    /** Distinct Call-IDs with one hash: their positions by Call-ID, then position. */
    private void sortByCallId(int from, int to) {
        Integer[] run = new Integer[to - from];
        for (int k = from; k < to; k++) {
            run[k - from] = positions[k];
        }
        Arrays.sort(run, Comparator.<Integer, String>comparing(callIdAt::apply).thenComparing(Integer::intValue));
        for (int k = from; k < to; k++) {
            positions[k] = run[k - from];
        }
    }

    /** The positions of the items with this Call-ID, in ascending order; empty when none (or null). */
    int[] positionsOf(String callId) {
        if (callId == null) {
            return NONE;
        }
        int h = callId.hashCode();
        int lo = firstAtLeast(h);
        int hi = firstAtLeast(h + 1L);
        // by halves within the hash's run, for the first position whose Call-ID is not below this one
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (callIdAt.apply(positions[mid]).compareTo(callId) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int end = lo;
        while (end < hashes.length && hashes[end] == h && callIdAt.apply(positions[end]).equals(callId)) {
            end++;
        }
        return end == lo ? NONE : Arrays.copyOfRange(positions, lo, end);
    }

    /** The first index whose hash is at least {@code h} (a long, so that one past the largest int can be asked). */
    private int firstAtLeast(long h) {
        int lo = 0;
        int hi = hashes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (hashes[mid] < h) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
