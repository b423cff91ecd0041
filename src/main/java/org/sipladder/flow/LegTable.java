package org.sipladder.flow;

import org.sipladder.HashedTable;

/**
 * The legs being read, by Call-ID, hashed by the Call-ID's kept String hash. A look-up reads the slot's hash and
 * then the leg's Call-ID; a HashMap read a node in between (one memory miss more per message of a 100,000-leg
 * capture), kept a node per leg for the collector to copy, and rehashed by walking its nodes as it grew. Legs are
 * never removed. Not thread-safe.
 */
final class LegTable extends HashedTable<String, LegState> {

    LegTable() {
        super(1 << 10);
    }

    /** The leg of {@code callId}, or null. */
    LegState get(String callId) {
        return get(callId, callId.hashCode());
    }

    /** Adds {@code leg}, whose Call-ID has no leg yet. */
    void add(LegState leg) {
        add(leg.callId(), leg.callId().hashCode(), leg);
    }

    @Override
    protected boolean sameKey(String kept, String asked) {
        return kept == asked || kept.equals(asked);
    }
}
