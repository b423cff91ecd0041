package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

class LiveFlowsTest {

    @Test
    void snapshotsGrowWhileMessagesArriveAndEarlierSnapshotsStayAsTheyWere() {
        List<SipMessage> seed = FlowBuilderTest.seed("X-CID: " + FlowBuilderTest.A).messages();
        LiveFlows live = new LiveFlows(FlowSettings.defaults());
        live.add(seed.get(0));
        live.add(seed.get(1));
        List<CallFlow> early = live.snapshot();
        assertEquals(1, early.size());
        assertEquals(1, early.get(0).legs().size());
        for (SipMessage m : seed.subList(2, seed.size())) {
            live.add(m);
        }
        List<CallFlow> done = live.snapshot();
        assertEquals(1, done.size());
        assertEquals(2, done.get(0).legs().size());
        assertEquals(2, early.get(0).messages().size());
        assertEquals(new FlowBuilder(FlowSettings.defaults()).build(seed), done);
    }

    @Test
    void unchangedCallsAreNotRebuilt() {
        Dialogue d = new Dialogue();
        d.send(0, "10.0.0.1:5060", "10.0.0.2:5060", Dialogue.request("OPTIONS", "sip:x", "one", "z9hG4bK1", 1, null));
        d.send(1, "10.0.0.1:5060", "10.0.0.2:5060", Dialogue.request("OPTIONS", "sip:x", "two", "z9hG4bK2", 1, null));
        LiveFlows live = new LiveFlows(FlowSettings.defaults());
        live.add(d.messages().get(0));
        CallFlow first = live.snapshot().get(0);
        live.add(d.messages().get(1));
        assertSame(first, live.snapshot().get(0));
    }
}
