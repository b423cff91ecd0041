package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A B2BUA that sends one X-CID value unchanged on every call joins thousands of INVITEs into one call: assembling it
 * does not compare each leg with every other to put them in path order.
 */
class ManyLegsOneCallTest {

    private static final String SBC = "10.0.0.1:5060";
    private static final String AGENT = "10.0.0.2:5060";

    @Test
    void aCallOfThousandsOfLegsJoinedByOneXCidIsAssembledWithoutComparingEveryPairOfLegs() {
        int legs = 6_000;
        Dialogue d = new Dialogue();
        for (int i = 0; i < legs; i++) {
            d.send(i, SBC, AGENT, Dialogue.request("INVITE", "sip:+4930111221@10.0.0.2", "leg" + i, "z9hG4bK-" + i, 1,
                    null, "X-CID: leg0"));
        }
        LiveFlows flows = new LiveFlows();
        d.messages().forEach(flows::add);

        long started = System.nanoTime();
        List<CallFlow> calls = flows.snapshot();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(1, calls.size());
        assertEquals(legs, calls.get(0).legs().size());
        // ordering the legs by comparing each with every other took 7 s here; now well under a second
        assertTrue(millis < 3_000, millis + " ms");
    }
}
