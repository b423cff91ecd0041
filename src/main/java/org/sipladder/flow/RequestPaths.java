package org.sipladder.flow;

import java.util.Arrays;
import java.util.Objects;
import org.sipladder.sip.SipMessage;

/**
 * Who sent and received a call's dialog-opening or standalone requests, indexed once so that {@link HopRoles} asks
 * about a host in constant time: a call without INVITE can hold tens of thousands of them (a phone re-registering
 * under one Call-ID all day), and looking back over all of them for each one was quadratic. Kept in arrays by the
 * hosts' {@link HostNumbers}: every call of a capture is asked, and four hash maps per call cost more than the asking.
 */
final class RequestPaths {

    private final HostNumbers hosts;
    /** Per host number, the place of the first request it sent, plus one (0: none). */
    private final int[] firstSent;
    /** Per host number, the place of the first request it received, plus one (0: none). */
    private final int[] firstReceived;
    /** Per place, the place of the next request its receiver received, plus one (0: none). */
    private final int[] nextReceived;
    /** The places of the first request of each host that received none, in order. */
    private final int[] firstOfNonReceivers;
    /** Per host number, whether it received a request and later sent one of the same method to another host or leg. */
    private final boolean[] passers;

    /**
     * {@code src[i]} and {@code dst[i]} are the numbers in {@code hosts} of {@code requests[i]}'s sender and receiver.
     */
    RequestPaths(SipMessage[] requests, int[] src, int[] dst, int count, HostNumbers hosts) {
        this.hosts = hosts;
        int n = hosts.size();
        firstSent = new int[n];
        firstReceived = new int[n];
        nextReceived = new int[count];
        passers = new boolean[n];
        int[] lastReceived = new int[n];
        // per host, the first sender and Call-ID of the requests it received, one per method
        FirstSource[] received = new FirstSource[n];
        for (int i = 0; i < count; i++) {
            SipMessage r = requests[i];
            int s = src[i];
            int d = dst[i];
            if (firstSent[s] == 0) {
                firstSent[s] = i + 1;
            }
            FirstSource before = FirstSource.of(received[s], r.method());
            if (before != null && (before.many || before.src != d || !Objects.equals(before.callId, r.callId()))) {
                passers[s] = true;
            }
            FirstSource mine = FirstSource.of(received[d], r.method());
            if (mine == null) {
                mine = new FirstSource(r.method(), s, r.callId(), received[d]);
                received[d] = mine;
            }
            mine.many |= mine.src != s || !Objects.equals(mine.callId, r.callId());
            if (lastReceived[d] == 0) {
                firstReceived[d] = i + 1;
            } else {
                nextReceived[lastReceived[d] - 1] = i + 1;
            }
            lastReceived[d] = i + 1;
        }
        int[] firsts = new int[n];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (firstSent[src[i]] == i + 1 && firstReceived[src[i]] == 0) {
                firsts[k++] = i;
            }
        }
        firstOfNonReceivers = Arrays.copyOf(firsts, k);
    }

    /**
     * True when {@code host} received one of the requests and sent a later one of the same method on: to another host,
     * or under another Call-ID (another leg).
     */
    boolean passedOn(String host) {
        int h = hosts.numberOf(host);
        return h >= 0 && passers[h];
    }

    /** True when {@code host} sent one of the first {@code count} requests. */
    boolean sentAny(String host, int count) {
        int h = hosts.numberOf(host);
        return h >= 0 && firstSent[h] != 0 && firstSent[h] - 1 < count;
    }

    /** True when {@code host} received one of the requests. */
    boolean receivedAny(String host) {
        return firstReceivedBy(host) >= 0;
    }

    /** The place of the first request {@code host} received, or -1. */
    int firstReceivedBy(String host) {
        int h = hosts.numberOf(host);
        return h >= 0 ? firstReceived[h] - 1 : -1;
    }

    /** The place of the next request the receiver of the one at {@code place} received, or -1. */
    int nextReceived(int place) {
        return nextReceived[place] - 1;
    }

    /** The places of the first request of each host that received none, in order. */
    int[] firstOfNonReceivers() {
        return firstOfNonReceivers;
    }

    /** The first sender and Call-ID of a host's received requests of one method, and whether others differ. */
    private static final class FirstSource {
        final String method;
        final int src;
        final String callId;
        /** The host's entry for another method, or null. */
        final FirstSource next;
        boolean many;

        FirstSource(String method, int src, String callId, FirstSource next) {
            this.method = method;
            this.src = src;
            this.callId = callId;
            this.next = next;
        }

        /** The entry of {@code method} along the host's entries from {@code first}, or null. */
        static FirstSource of(FirstSource first, String method) {
            for (FirstSource f = first; f != null; f = f.next) {
                if (Objects.equals(f.method, method)) {
                    return f;
                }
            }
            return null;
        }
    }
}
