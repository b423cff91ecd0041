package org.sipladder.media;

import org.sipladder.HashedTable;
import org.sipladder.capture.Endpoint;

/**
 * The {@link Announced} holder of each endpoint an SDP announced, by endpoint, hashed by the address string's kept
 * hash and the port, so that a look-up (one or two per SDP section, 240,000 sections in a 50,000-call capture) goes
 * through neither the record's generated {@code hashCode} nor its {@code equals}.
 */
final class AnnouncedTable extends HashedTable<Endpoint, Announced> {

    AnnouncedTable() {
        super(1 << 10);
    }

    /** The holder of {@code endpoint}, or null. */
    Announced get(Endpoint endpoint) {
        return get(endpoint, hash(endpoint));
    }

    /** Adds the holder of {@code endpoint}, which has none yet. */
    void add(Endpoint endpoint, Announced holder) {
        add(endpoint, hash(endpoint), holder);
    }

    @Override
    protected boolean sameKey(Endpoint kept, Endpoint asked) {
        return kept == asked || kept.port() == asked.port() && kept.address().equals(asked.address());
    }

    private static int hash(Endpoint e) {
        return e.address().hashCode() * 31 + e.port();
    }
}
