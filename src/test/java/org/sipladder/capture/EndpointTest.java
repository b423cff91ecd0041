package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Endpoint writes out the equals and hashCode a record would generate (the generated ones are linked by a bootstrap
 * at their first call): the same equality, and the same hash, so that maps keyed by endpoints keep their order and
 * the outputs that list them stay as they were.
 */
class EndpointTest {

    @Test
    void equalWhenAddressAndPortAre() {
        Endpoint a = new Endpoint("10.0.0.1", 5060);
        assertEquals(a, new Endpoint("10.0.0.1", 5060));
        assertEquals(a.hashCode(), new Endpoint("10.0.0.1", 5060).hashCode());
        assertNotEquals(a, new Endpoint("10.0.0.1", 5061));
        assertNotEquals(a, new Endpoint("10.0.0.2", 5060));
        assertNotEquals(a, new Endpoint(null, 5060));
        assertEquals(new Endpoint(null, 5060), new Endpoint(null, 5060));
        assertNotEquals(a, "10.0.0.1:5060");
    }

    @Test
    void hashIsTheOneTheRecordGenerated() {
        // java.lang.runtime.ObjectMethods: each component's hash added to 31 times the hash of those before it
        assertEquals(31 * "10.0.0.1".hashCode() + 5060, new Endpoint("10.0.0.1", 5060).hashCode());
        assertEquals(7, new Endpoint(null, 7).hashCode());
    }
}
