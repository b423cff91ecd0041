package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

class LiveFlowsTest {

    @Test
    void snapshotsGrowWhileMessagesArriveAndEarlierSnapshotsStayAsTheyWere() {
        List<SipMessage> seed = FlowBuilderTest.seed("X-CID: " + FlowBuilderTest.A).messages();
        LiveFlows live = new LiveFlows();
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
        assertEquals(new FlowBuilder().build(seed), done);
    }

    @Test
    void callsComeInTheOrderOfTheirFirstMessageInOrderOrNot() {
        // more calls than one piece of the start order; in capture order, then with times that go back and ties
        for (boolean shuffled : new boolean[] {false, true}) {
            Dialogue d = new Dialogue();
            java.util.Random random = new java.util.Random(4);
            List<String> expected = new java.util.ArrayList<>();
            java.util.Map<String, Long> times = new java.util.HashMap<>();
            for (int call = 0; call < 300; call++) {
                long millis = shuffled ? random.nextInt(50) : call;
                String callId = "c" + call;
                d.send(millis, "10.0.0.1:5060", "10.0.0.2:5060",
                        Dialogue.request("OPTIONS", "sip:x", callId, "z9hG4bK" + call, 1, null));
                times.put(callId, millis);
                expected.add(callId);
            }
            // by time, then frame (the order sent: a stable sort by time)
            expected.sort(java.util.Comparator.comparing(times::get));
            LiveFlows live = new LiveFlows();
            d.messages().forEach(live::add);
            assertEquals(expected, live.assemblyInStartOrder().stream().map(c -> c.get().id()).toList());
            assertEquals(expected, live.summaries().stream().map(CallSummary::callId).toList());
        }
    }

    @Test
    void whenReadingIsDoneThePlacingStateGoesAndTheCallsStay() {
        List<SipMessage> seed = FlowBuilderTest.seed("X-CID: " + FlowBuilderTest.A).messages();
        LiveFlows live = new LiveFlows();
        for (SipMessage m : seed) {
            live.add(m);
        }
        List<CallSummary> before = live.summaries();
        assertTrue(live.reading());

        live.readingDone();

        assertFalse(live.reading());
        assertEquals(before, live.summaries());
        assertEquals(new FlowBuilder().build(seed), live.snapshot());
        assertEquals(new FlowBuilder().build(seed).get(0), before.get(0).flow());
        assertEquals(seed.size(), live.messageCount());
        assertThrows(IllegalStateException.class, () -> live.add(seed.get(0)));
    }

    @Test
    void unchangedCallsAreNotSummarisedAgain() {
        Dialogue d = new Dialogue();
        d.send(0, "10.0.0.1:5060", "10.0.0.2:5060", Dialogue.request("OPTIONS", "sip:x", "one", "z9hG4bK1", 1, null));
        d.send(1, "10.0.0.1:5060", "10.0.0.2:5060", Dialogue.request("OPTIONS", "sip:x", "two", "z9hG4bK2", 1, null));
        LiveFlows live = new LiveFlows();
        live.add(d.messages().get(0));
        CallSummary first = live.summaries().get(0);
        live.add(d.messages().get(1));
        assertSame(first, live.summaries().get(0));
    }

    @Test
    void aCallsMessagesAreMadeWhenReadAndStayAsTheyWereWhenTheLegGrows() {
        List<SipMessage> seed = FlowBuilderTest.seed("X-CID: " + FlowBuilderTest.A).messages();
        LiveFlows live = new LiveFlows();
        for (SipMessage m : seed.subList(0, seed.size() - 1)) {
            live.add(m);
        }
        CallFlow early = live.snapshot().get(0);
        // the start is known before the messages are made
        assertEquals(seed.get(0).timestampMicros(), early.startMicros());
        live.add(seed.get(seed.size() - 1));
        // made only now, after the leg grew: still the messages the call had when it was assembled
        assertEquals(seed.size() - 1, early.messages().size());
        for (int i = 0; i < early.messages().size(); i++) {
            assertSame(seed.get(i), early.messages().get(i).message());
        }
        assertEquals(early.messages().get(0).message().timestampMicros(), early.startMicros());
        assertThrows(UnsupportedOperationException.class, () -> early.messages().remove(0));
        CallFlow done = live.snapshot().get(0);
        assertEquals(seed.size(), done.messages().size());
        assertEquals(done.messages().get(1).transactionKey(), done.messages().get(0).transactionKey());
    }
}
