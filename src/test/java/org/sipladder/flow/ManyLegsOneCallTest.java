package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

/**
 * A B2BUA that sends one X-CID value unchanged on every call joins thousands of INVITEs into one call: assembling it
 * does not compare each leg with every other to put them in path order (that took 83 s for 10,000 legs).
 */
class ManyLegsOneCallTest {

    private static final String SBC = "10.0.0.1:5060";
    private static final String AGENT = "10.0.0.2:5060";

    @Test
    void aCallOfThousandsOfLegsJoinedByOneXCidKeepsItsLegsInStartOrder() {
        int legs = 6_000;
        Dialogue d = new Dialogue();
        for (int i = 0; i < legs; i++) {
            d.send(i, SBC, AGENT, Dialogue.request("INVITE", "sip:+4930111221@10.0.0.2", "leg" + i, "z9hG4bK-" + i, 1,
                    null, "X-CID: leg0"));
        }
        LiveFlows flows = new LiveFlows();
        d.messages().forEach(flows::add);

        List<CallFlow> calls = flows.snapshot();

        assertEquals(1, calls.size());
        assertEquals(IntStream.range(0, legs).mapToObj(i -> "leg" + i).toList(),
                calls.get(0).legs().stream().map(Leg::callId).toList());
    }

    /**
     * Beyond {@link UpstreamOrder#MAX_ORDERED_LEGS} legs the order is left as it is without looking at a leg: legs and
     * messages that would throw if read are left in place.
     */
    @Test
    void moreLegsThanAreOrderedAreNotLookedAt() {
        int n = UpstreamOrder.MAX_ORDERED_LEGS + 1;
        LegState[] legs = new LegState[n];
        SipMessage[][] messages = new SipMessage[n][];
        int[][] arrivals = new int[n][];
        LegState[] before = legs.clone();

        UpstreamOrder.sort(legs, messages, arrivals);

        for (int i = 0; i < n; i++) {
            assertSame(before[i], legs[i]);
        }
    }
}
