package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;
import static org.sipladder.flow.FlowBuilderTest.CARRIER;
import static org.sipladder.flow.FlowBuilderTest.JAMBONZ;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sipladder.sip.SipMessage;

/**
 * The calls of a capture as the desktop app lists them ({@link LiveFlows#summaries}): summaries that hold no
 * assembled call, each assembling its call again when asked for, exactly as all calls assembled at once.
 */
class CallSummariesTest {

    /** The seed case (two legs joined by X-CID, 503 from LiveKit, 603 to the carrier), a busy call and an OPTIONS. */
    private static List<SipMessage> capture() {
        Dialogue d = FlowBuilderTest.seed("X-CID: " + FlowBuilderTest.A);
        d.send(2_000, CARRIER, JAMBONZ, request("INVITE", "sip:4940555@x", "busy-2", "z9hG4bKc1", 1, null,
                "User-Agent: Zoiper 5"));
        d.send(2_010, JAMBONZ, CARRIER, response(100, "Trying", "INVITE", "busy-2", "z9hG4bKc1", 1, null));
        d.send(2_050, JAMBONZ, CARRIER, response(486, "Busy Here", "INVITE", "busy-2", "z9hG4bKc1", 1, "t2"));
        d.send(2_060, CARRIER, JAMBONZ, request("ACK", "sip:4940555@x", "busy-2", "z9hG4bKc1", 1, "t2"));
        d.send(3_000, CARRIER, JAMBONZ, request("OPTIONS", "sip:x", "ping-3", "z9hG4bKd1", 1, null));
        d.send(3_001, JAMBONZ, CARRIER, response(200, "OK", "OPTIONS", "ping-3", "z9hG4bKd1", 1, "t3"));
        return d.messages();
    }

    private static LiveFlows read(List<SipMessage> messages) {
        LiveFlows live = new LiveFlows();
        messages.forEach(live::add);
        return live;
    }

    @Test
    void eachSummaryAssemblesItsCallAsAllCallsAssembledAtOnce() {
        LiveFlows live = read(capture());
        List<CallSummary> summaries = live.summaries();
        List<CallFlow> allAtOnce = new FlowBuilder().build(capture());
        assertEquals(3, summaries.size());
        for (int i = 0; i < summaries.size(); i++) {
            CallSummary s = summaries.get(i);
            CallFlow flow = allAtOnce.get(i);
            assertEquals(live.snapshot().get(i), s.flow());
            assertEquals(flow.id(), s.flow().id());
            assertEquals(flow.messages().size(), s.flow().messages().size());
            CallSummary held = CallSummary.of(flow);
            assertTrue(held.sameValues(s), flow.id());
            assertEquals(List.of(held.method(), held.from(), held.to(), held.startMicros(), held.failed(),
                            String.valueOf(held.postDialDelayMicros()), String.valueOf(held.durationMicros())),
                    List.of(s.method(), s.from(), s.to(), s.startMicros(), s.failed(),
                            String.valueOf(s.postDialDelayMicros()), String.valueOf(s.durationMicros())));
        }
        assertEquals(List.of("INVITE", "INVITE", "OPTIONS"), summaries.stream().map(CallSummary::method).toList());
        assertEquals(2, summaries.get(0).legs());
    }

    @Test
    void theNumbersAndStatusAreMadeWhenShownFromTheMessagesOwnStrings() {
        CallSummary s = read(capture()).summaries().get(0);
        CallFlow flow = s.flow();
        assertEquals(SipAddresses.user(flow.aLeg().from()), s.from());
        assertEquals(SipAddresses.user(flow.aLeg().to()), s.to());
        assertEquals("603 Decline", s.statusText());
        // not kept: a string for each of 50,000 calls (2.8 MB each for From, To and the status text)
        assertNotSame(s.from(), s.from());
        assertNotSame(s.to(), s.to());
        assertNotSame(s.statusText(), s.statusText());
    }

    @Test
    void aSummaryHoldsNoAssembledCall() throws InterruptedException {
        LiveFlows live = read(capture());
        CallSummary summary = live.summaries().get(0);
        WeakReference<CallFlow> assembled = new WeakReference<>(summary.flow());
        for (int i = 0; i < 20 && assembled.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(assembled.get(), "the call stayed reachable from its summary or the flows");
        assertEquals(summary.messages(), summary.flow().messages().size());
        Reference.reachabilityFence(live);
        Reference.reachabilityFence(summary);
    }

    @Test
    void aSummaryTakenWhileReadingAssemblesTheCallAsItIsNow() {
        List<SipMessage> messages = capture();
        LiveFlows live = new LiveFlows();
        live.add(messages.get(0));
        live.add(messages.get(1));
        CallSummary early = live.summaries().get(0);
        assertEquals(1, early.legs());
        messages.subList(2, messages.size()).forEach(live::add);
        assertEquals(live.snapshot().get(0), early.flow());
        assertEquals(2, early.flow().legs().size());
        assertFalse(early.sameValues(live.summaries().get(0)));
    }

    @Test
    void theFilterMatchesTheSameCallsOnSummariesAsOnAssembledCalls() {
        List<CallSummary> summaries = read(capture()).summaries();
        List<CallSummary> assembled = new FlowBuilder().build(capture()).stream().map(CallSummary::of).toList();
        Map<String, java.util.Set<String>> findings = Map.of("busy-2", java.util.Set.of("CALL_REJECTED"));
        for (String text : List.of("method:INVITE", "method:OPTIONS", "status:503", "status:4xx", "failed",
                "from:4930123456", "to:4940555", "callid:b-leg", "ip:129.158.233.108", "header:User-Agent=zoiper",
                "header:X-CID", "Busy", "finding:CALL_REJECTED", "failed status:5xx", "Zoiper failed")) {
            CallQuery query = CallQuery.parse(text, findings);
            List<String> expected = assembled.stream().filter(query::test).map(CallSummary::id).toList();
            assertEquals(expected, summaries.stream().filter(query::test).map(CallSummary::id).toList(), text);
            assertFalse(expected.isEmpty(), text);
        }
    }

    @Test
    void methodAndStatusTermsAssembleACallOnceWhateverIsAskedAfter() {
        // a field filter assembled every call of the list on each query: 1.3-2.4 s on 50,000 calls each time
        for (CallFlow flow : read(capture()).snapshot()) {
            int[] assembled = {0};
            CallSummary summary = counting(flow, assembled);
            List<Boolean> answers = new java.util.ArrayList<>();
            for (String text : List.of("method:INVITE", "method:bye", "status:503", "status:4xx", "status:0",
                    "method:OPTIONS status:2xx", "status:486 method:INVITE")) {
                CallQuery query = CallQuery.parse(text, Map.of());
                answers.add(query.test(summary));
                assertEquals(query.test(CallSummary.of(flow)), answers.get(answers.size() - 1), text);
            }
            assertEquals(1, assembled[0], flow.id() + " assembled again for " + answers);
        }
    }

    @Test
    void fromToCallIdAndIpTermsAnswerAsTheAssembledCallDoesAndAssembleItOnce() {
        // from:, to:, callid: and ip: assembled every call of the list on each query, as method:/status: did
        for (CallFlow flow : read(capture()).snapshot()) {
            int[] assembled = {0};
            CallSummary summary = counting(flow, assembled);
            List<String> needles = new java.util.ArrayList<>(List.of("zzz-none", "SIP:", "@", "10.", "5060"));
            for (Leg leg : flow.legs()) {
                for (String text : new String[] {leg.from(), leg.to(), leg.requestUri(), leg.callId()}) {
                    if (text != null && text.length() > 4) {
                        needles.add(text.substring(2, text.length() - 1).toUpperCase(java.util.Locale.ROOT));
                    }
                }
            }
            flow.hops().forEach(h -> needles.add(h.address()));
            for (String needle : needles) {
                String lower = needle.toLowerCase(java.util.Locale.ROOT);
                boolean from = flow.legs().stream().anyMatch(l -> CallQuery.contains(l.from(), lower));
                boolean to = flow.legs().stream().anyMatch(l -> CallQuery.contains(l.to(), lower)
                        || CallQuery.contains(l.requestUri(), lower));
                boolean callId = flow.legs().stream().anyMatch(l -> CallQuery.contains(l.callId(), lower));
                boolean ip = flow.hops().stream().anyMatch(h -> CallQuery.contains(h.address(), lower));
                assertEquals(from, CallQuery.parse("from:" + needle, Map.of()).test(summary), "from:" + needle);
                assertEquals(to, CallQuery.parse("to:" + needle, Map.of()).test(summary), "to:" + needle);
                assertEquals(callId, CallQuery.parse("callid:" + needle, Map.of()).test(summary), "callid:" + needle);
                assertEquals(ip, CallQuery.parse("ip:" + needle, Map.of()).test(summary), "ip:" + needle);
            }
            assertEquals(1, assembled[0], flow.id() + " assembled again");
        }
    }

    /** A summary of {@code flow} that counts in {@code assembled} how often the call is assembled again. */
    private static CallSummary counting(CallFlow flow, int[] assembled) {
        return CallSummary.of(flow, () -> {
            assembled[0]++;
            return flow;
        });
    }
}
