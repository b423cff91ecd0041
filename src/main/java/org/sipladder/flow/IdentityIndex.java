package org.sipladder.flow;

/**
 * The arrival number of a leg's first message by identity hash ({@link LegState}), in two primitive arrays: a leg of
 * thousands of messages (a phone re-registering under one Call-ID, a long call) kept a boxed map entry per message,
 * about 90 bytes each, where these arrays take about 24.
 */
final class IdentityIndex {

    /** Hashes, at the slot their mixed value picks or the next free one after it. */
    private long[] keys = new long[64];
    /** Arrival number plus one at each slot; 0 marks a free slot (arrival numbers are never negative). */
    private int[] values = new int[64];
    private int size;

    /** The arrival number kept for {@code hash}, or -1. */
    int get(long hash) {
        int mask = keys.length - 1;
        for (int slot = slot(hash, mask); values[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == hash) {
                return values[slot] - 1;
            }
        }
        return -1;
    }

    /** Keeps {@code seq} for {@code hash} unless a number is kept for it already. */
    void putIfAbsent(long hash, int seq) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = slot(hash, mask);
        for (; values[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == hash) {
                return;
            }
        }
        keys[slot] = hash;
        values[slot] = seq + 1;
        size++;
    }

    /** How many hashes are kept. */
    int size() {
        return size;
    }

    /** Slots held, free or not: at most four per hash kept (beyond the first 64). */
    int capacity() {
        return keys.length;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != 0) {
                int slot = slot(oldKeys[i], mask);
                while (values[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    /** The hashes are sums of products: their low bits are mixed before they pick a slot. */
    private static int slot(long hash, int mask) {
        long h = hash * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
