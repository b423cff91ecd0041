package org.sipladder.media;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;

/** The table finds what a HashMap of the same endpoints finds, by equal endpoints, through its growth. */
class EndpointTableTest {

    @Test
    void findsEachHolderByAnEqualEndpointAndNothingForOthers() {
        Random random = new Random(3);
        EndpointTable<Announced> table = new EndpointTable<>();
        Map<Endpoint, Announced> expected = new HashMap<>();
        String[] addresses = {"10.0.0.1", "10.0.0.2", "2001:db8::1", "192.168.1.20"};
        for (int round = 0; round < 30_000; round++) {
            // ports going up by two, as a capture's calls announce them, and random ones
            int port = round % 3 == 0 ? random.nextInt(65536) : 20_000 + 2 * (round % 9_000);
            Endpoint e = new Endpoint(new String(addresses[random.nextInt(addresses.length)]), port);
            Announced known = expected.get(e);
            assertSame(known, table.get(new Endpoint(new String(e.address()), e.port())));
            if (known == null) {
                Announced holder = new Announced(null, e);
                expected.put(e, holder);
                table.add(e, holder);
                assertSame(holder, table.get(e));
            }
        }
        assertNull(table.get(new Endpoint("10.0.0.9", 20_000)));
    }
}
