package org.sipladder.diagnose;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether addresses are private or public ({@link PrivateAddresses}), worked out once per address for one diagnosis:
 * a capture's messages name the same few hosts in Contact, Via, SDP and as receivers call after call, and parsing
 * each literal again was a fifth of the private-address rule. Bounded; safe on several threads.
 */
final class AddressScopes {

    /** Addresses remembered at most; beyond, each is worked out when asked. */
    static final int MAX = 4096;

    private static final byte PRIVATE = 1;
    private static final byte PUBLIC = 2;
    private static final byte NEITHER = 3;

    private final Map<String, Byte> scopes = new ConcurrentHashMap<>();

    /** {@link PrivateAddresses#isPrivate}. */
    boolean isPrivate(String address) {
        return address != null && scope(address) == PRIVATE;
    }

    /** {@link PrivateAddresses#isPublic}. */
    boolean isPublic(String address) {
        return address != null && scope(address) == PUBLIC;
    }

    private byte scope(String address) {
        Byte known = scopes.get(address);
        if (known != null) {
            return known;
        }
        byte scope = PrivateAddresses.isPrivate(address) ? PRIVATE : PrivateAddresses.isPublic(address) ? PUBLIC : NEITHER;
        if (scopes.size() < MAX) {
            scopes.put(address, scope);
        }
        return scope;
    }
}
