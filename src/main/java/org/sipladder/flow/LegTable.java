package org.sipladder.flow;

/**
 * The legs being read, by Call-ID: open addressing over two arrays, the Call-IDs' hashes and the legs. A look-up reads
 * the slot's hash and then the leg, which it needs anyway; a HashMap read a node in between (one memory miss more
 * per message of a 100,000-leg capture), kept a node per leg for the collector to copy, and rehashed by walking its
 * nodes as it grew. Legs are never removed. Not thread-safe.
 */
final class LegTable {

    private static final int FIRST_CAPACITY = 1 << 10;

    private int[] hashes = new int[FIRST_CAPACITY];
    private LegState[] legs = new LegState[FIRST_CAPACITY];
    private int size;

    /** The leg of {@code callId}, or null. */
    LegState get(String callId) {
        int hash = callId.hashCode();
        int mask = legs.length - 1;
        for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
            LegState leg = legs[i];
            if (leg == null) {
                return null;
            }
            if (hashes[i] == hash) {
                String known = leg.callId();
                if (known == callId || known.equals(callId)) {
                    return leg;
                }
            }
        }
    }

    /** Adds {@code leg}, whose Call-ID has no leg yet. */
    void add(LegState leg) {
        if (2 * (size + 1) > legs.length) {
            grow();
        }
        place(leg.callId().hashCode(), leg, hashes, legs);
        size++;
    }

    /** Twice the slots, each leg placed again by its kept hash (no Call-ID is read). */
    private void grow() {
        int[] newHashes = new int[hashes.length * 2];
        LegState[] newLegs = new LegState[legs.length * 2];
        for (int i = 0; i < legs.length; i++) {
            if (legs[i] != null) {
                place(hashes[i], legs[i], newHashes, newLegs);
            }
        }
        hashes = newHashes;
        legs = newLegs;
    }

    private static void place(int hash, LegState leg, int[] hashes, LegState[] legs) {
        int mask = legs.length - 1;
        int i = slot(hash, mask);
        while (legs[i] != null) {
            i = (i + 1) & mask;
        }
        hashes[i] = hash;
        legs[i] = leg;
    }

    /** The first slot of a hash: its bits spread, as String hashes of similar Call-IDs differ in their low bits alone. */
    private static int slot(int hash, int mask) {
        int h = hash * 0x9E3779B1;
        return (h ^ h >>> 16) & mask;
    }
}
