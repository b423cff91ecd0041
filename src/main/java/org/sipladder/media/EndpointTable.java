package org.sipladder.media;

import org.sipladder.HashedTable;
import org.sipladder.capture.Endpoint;

/**
 * A value per endpoint (the {@link Announced} holder of each endpoint an SDP announced, the first stream sending from
 * or to each), hashed by the address string's kept hash and the port, so that a look-up (one or two per SDP section,
 * 240,000 sections in a 50,000-call capture) goes through neither the record's generated {@code hashCode} nor its
 * {@code equals}.
 *
 * @param <V> the value
 */
final class EndpointTable<V> extends HashedTable<Endpoint, V> {

    EndpointTable() {
        super(1 << 10);
    }

    /** The value of {@code endpoint}, or null. */
    V get(Endpoint endpoint) {
        return get(endpoint, hash(endpoint));
    }

    /** Adds the value of {@code endpoint}, which has none yet. */
    void add(Endpoint endpoint, V value) {
        add(endpoint, hash(endpoint), value);
    }

    @Override
    protected boolean sameKey(Endpoint kept, Endpoint asked) {
        return same(kept, asked);
    }

    /** {@code a.equals(b)}, without the record's generated {@code equals}. */
    static boolean same(Endpoint a, Endpoint b) {
        return a == b || a.port() == b.port() && a.address().equals(b.address());
    }

    private static int hash(Endpoint e) {
        return e.address().hashCode() * 31 + e.port();
    }
}
