package org.sipladder.media;

import org.sipladder.capture.Endpoint;

/**
 * The {@link Announced} holder of each endpoint an SDP announced, by endpoint: an open-addressing table whose hash
 * is taken from the address string's kept hash and the port, and whose slots keep that hash beside the key, so that
 * a look-up (one or two per SDP section, 240,000 sections in a 50,000-call capture) neither goes through the record's
 * generated {@code hashCode}/{@code equals} nor reads the endpoints it passes over.
 */
final class AnnouncedTable {

    private Endpoint[] keys = new Endpoint[1024];
    private Announced[] values = new Announced[1024];
    private int[] hashes = new int[1024];
    private int size;

    /** The holder of {@code endpoint}, or null. */
    Announced get(Endpoint endpoint) {
        int h = hash(endpoint);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = hashes[i];
            if (slot == 0) {
                return null; // an empty slot: a miss reads only the hashes
            }
            Endpoint k;
            if (slot == h && ((k = keys[i]) == endpoint || k.port() == endpoint.port()
                    && k.address().equals(endpoint.address()))) {
                return values[i];
            }
        }
    }

    /** Adds the holder of {@code endpoint}, which has none yet. */
    void add(Endpoint endpoint, Announced holder) {
        if (++size * 2 > keys.length) {
            grow();
        }
        insert(hash(endpoint), endpoint, holder);
    }

    private void insert(int h, Endpoint endpoint, Announced holder) {
        int mask = keys.length - 1;
        int i = h & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = endpoint;
        values[i] = holder;
        hashes[i] = h;
    }

    private void grow() {
        Endpoint[] oldKeys = keys;
        Announced[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new Endpoint[oldKeys.length * 2];
        values = new Announced[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldHashes[i] != 0) {
                insert(oldHashes[i], oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(Endpoint e) {
        // mixed: a capture's ports often go up by two from call to call, which would fill runs of slots
        int h = (e.address().hashCode() * 31 + e.port()) * 0x9E3779B1;
        h ^= h >>> 15;
        return h == 0 ? 1 : h; // 0 marks an empty slot
    }
}
