package org.sipladder.flow;

import org.sipladder.flow.TimingCorrelation.Received;

/**
 * INVITEs that opened legs, oldest first, as the timing joins keep them per host or called number: a ring that a
 * B-leg's look back over its B2BUA's last seconds walks by index. That look runs for every B-leg over every INVITE its
 * B2BUA received in the window (100 at 20 calls a second); through a deque's iterator, two interface calls per INVITE
 * before the JIT's last tier, it was 1.5 % of a large capture's read.
 */
final class RecentInvites {

    /** {@link #newestBefore}'s {@code tail} that lets every called number through. */
    static final int ANY_NUMBER = -1;

    private Received[] ring;
    /**
     * Each INVITE's time and {@link Received#tail} beside it, in the same slots: a walk, and the drop of the oldest at
     * each INVITE, read these arrays, not INVITEs made up to a minute before and long out of the cache.
     */
    private long[] micros;
    private int[] tails;
    /** The oldest INVITE's slot. */
    private int head;
    private int size;

    /** Room for {@code expected} INVITEs before the ring grows. */
    RecentInvites(int expected) {
        int capacity = Math.max(2, Integer.highestOneBit(Math.max(1, expected - 1)) << 1);
        ring = new Received[capacity];
        micros = new long[capacity];
        tails = new int[capacity];
    }

    int size() {
        return size;
    }

    /** The {@code position}-th INVITE, 0 the oldest. */
    Received get(int position) {
        return ring[(head + position) & (ring.length - 1)];
    }

    /** The newest INVITE's time; {@link Long#MIN_VALUE} when there is none. */
    long lastMicros() {
        return size == 0 ? Long.MIN_VALUE : micros[(head + size - 1) & (ring.length - 1)];
    }

    void addLast(Received invite) {
        if (size == ring.length) {
            grow();
        }
        int slot = (head + size) & (ring.length - 1);
        ring[slot] = invite;
        micros[slot] = invite.micros();
        tails[slot] = invite.tail();
        size++;
    }

    private void grow() {
        int capacity = ring.length * 2;
        Received[] grownRing = new Received[capacity];
        long[] grownMicros = new long[capacity];
        int[] grownTails = new int[capacity];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (ring.length - 1);
            grownRing[i] = ring[slot];
            grownMicros[i] = micros[slot];
            grownTails[i] = tails[slot];
        }
        ring = grownRing;
        micros = grownMicros;
        tails = grownTails;
        head = 0;
    }

    /** Lets go of the INVITEs from the oldest on that came before {@code micros}, up to the first that did not. */
    void dropOlderThan(long limit) {
        while (size > 0 && micros[head] < limit) {
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            size--;
        }
    }

    /**
     * The position of the newest INVITE before {@code position} that came at most {@code windowMicros} before
     * {@code now} and not after it, to a called number whose {@link Received#tail} is {@code tail} (any when
     * {@link #ANY_NUMBER}), of another leg than {@code leg}; -1 when there is none, or when an INVITE older than the
     * window comes first (the walk stops there, whatever its number).
     */
    int newestBefore(int position, long now, long windowMicros, int tail, LegState leg) {
        int mask = ring.length - 1;
        for (int i = position - 1; i >= 0; i--) {
            int slot = (head + i) & mask;
            long delay = now - micros[slot];
            if (delay > windowMicros) {
                return -1;
            }
            if (delay >= 0 && (tail == ANY_NUMBER || tails[slot] == tail) && ring[slot].leg() != leg) {
                return i;
            }
        }
        return -1;
    }
}
