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
     * A call of more legs than are merged by looking at each leg's next message ({@link FlowGroups#WALKED_LEGS}) has
     * its messages in capture order all the same, each with its leg and retransmissions marked: the INVITEs in order,
     * their answers in the reverse order, and every tenth answer sent twice.
     */
    @Test
    void theMessagesOfACallOfManyLegsAreInCaptureOrderWithTheirLegs() {
        int legs = FlowGroups.WALKED_LEGS * 3;
        Dialogue d = new Dialogue();
        for (int i = 0; i < legs; i++) {
            d.send(i, SBC, AGENT, Dialogue.request("INVITE", "sip:+4930111221@10.0.0.2", "leg" + i, "z9hG4bK-" + i, 1,
                    null, "X-CID: leg0"));
        }
        for (int i = legs - 1; i >= 0; i--) {
            String ok = Dialogue.response(200, "OK", "INVITE", "leg" + i, "z9hG4bK-" + i, 1, "t" + i);
            d.send(2L * legs - i, AGENT, SBC, ok);
            if (i % 10 == 0) {
                d.send(2L * legs - i, AGENT, SBC, ok);
            }
        }
        LiveFlows flows = new LiveFlows();
        d.messages().forEach(flows::add);

        CallFlow call = flows.snapshot().get(0);

        assertEquals(d.messages(), call.messages().stream().map(FlowMessage::message).toList());
        for (int k = 0; k < call.messages().size(); k++) {
            FlowMessage m = call.messages().get(k);
            assertEquals(m.message().callId(), call.legs().get(m.legIndex()).callId());
            SipMessage before = k > 0 ? d.messages().get(k - 1) : null;
            boolean again = before != null && !before.isRequest() && before.callId().equals(m.message().callId());
            assertEquals(again, m.retransmission(), "message " + k);
        }
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
