package org.sipladder.flow;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sipladder.sip.SipMessage;

/**
 * Who sent and received a call's dialog-opening or standalone requests, indexed once so that {@link HopRoles} asks
 * about a host in constant time: a call without INVITE can hold tens of thousands of them (a phone re-registering
 * under one Call-ID all day), and looking back over all of them for each one was quadratic.
 */
final class RequestPaths {

    private static final int[] NONE = new int[0];

    /** Per host (as HopRoles keys it), the places of the requests it received, in order. */
    private final Map<String, int[]> receivedBy = new HashMap<>();
    private final Map<String, Integer> receivedCounts = new HashMap<>();
    /** Per host, the place of the first request it sent. */
    private final Map<String, Integer> firstSent = new HashMap<>();
    /** The places of the first request of each host that received none, in order. */
    private final int[] firstOfNonReceivers;
    /** The hosts that received a request and later sent one of the same method to another host or leg. */
    private final Set<String> passers = new HashSet<>();

    /** {@code src[i]} and {@code dst[i]} are the keys of {@code requests[i]}'s sender and receiver. */
    RequestPaths(SipMessage[] requests, String[] src, String[] dst, int count) {
        Map<MethodAt, FirstSource> received = new HashMap<>();
        for (int i = 0; i < count; i++) {
            SipMessage r = requests[i];
            firstSent.putIfAbsent(src[i], i);
            FirstSource before = received.get(new MethodAt(src[i], r.method()));
            if (before != null && (before.many || !before.src.equals(dst[i])
                    || !Objects.equals(before.callId, r.callId()))) {
                passers.add(src[i]);
            }
            MethodAt at = new MethodAt(dst[i], r.method());
            FirstSource mine = received.get(at);
            if (mine == null) {
                mine = new FirstSource(src[i], r.callId());
                received.put(at, mine);
            }
            mine.many |= !mine.src.equals(src[i]) || !Objects.equals(mine.callId, r.callId());
            int n = receivedCounts.merge(dst[i], 1, Integer::sum);
            int[] places = receivedBy.getOrDefault(dst[i], NONE);
            if (n > places.length) {
                places = Arrays.copyOf(places, Math.max(4, n * 2));
                receivedBy.put(dst[i], places);
            }
            places[n - 1] = i;
        }
        int[] firsts = new int[firstSent.size()];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (firstSent.get(src[i]) == i && !receivedCounts.containsKey(src[i])) {
                firsts[n++] = i;
            }
        }
        firstOfNonReceivers = Arrays.copyOf(firsts, n);
    }

    /**
     * True when {@code host} received one of the requests and sent a later one of the same method on: to another host,
     * or under another Call-ID (another leg).
     */
    boolean passedOn(String host) {
        return passers.contains(host);
    }

    /** True when {@code host} sent one of the first {@code count} requests. */
    boolean sentAny(String host, int count) {
        Integer first = firstSent.get(host);
        return first != null && first < count;
    }

    /** True when {@code host} received one of the requests. */
    boolean receivedAny(String host) {
        return receivedCounts.containsKey(host);
    }

    /** How many requests {@code host} received. */
    int receivedCount(String host) {
        return receivedCounts.getOrDefault(host, 0);
    }

    /** The places of the requests {@code host} received, in order; the first {@link #receivedCount} are valid. */
    int[] received(String host) {
        return receivedBy.getOrDefault(host, NONE);
    }

    /** The places of the first request of each host that received none, in order. */
    int[] firstOfNonReceivers() {
        return firstOfNonReceivers;
    }

    /**
     * A host and a request method, as a key hashed and compared as written here: a record's own hashCode and equals go
     * through method handles, which the quick JIT leaves generic (2 % of a large capture's assembly of calls).
     */
    private static final class MethodAt {
        private final String host;
        private final String method;

        MethodAt(String host, String method) {
            this.host = host;
            this.method = method;
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(host) + Objects.hashCode(method);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MethodAt m && Objects.equals(host, m.host) && Objects.equals(method, m.method);
        }
    }

    /** The first sender and Call-ID of a host's received requests of one method, and whether others differ. */
    private static final class FirstSource {
        final String src;
        final String callId;
        boolean many;

        FirstSource(String src, String callId) {
            this.src = src;
            this.callId = callId;
        }
    }
}
