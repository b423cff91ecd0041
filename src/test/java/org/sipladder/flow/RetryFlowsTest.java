package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A call the caller tried again under a new Call-ID is one call, whose outcome is its last attempt's. */
class RetryFlowsTest {

    private static final String CALLER = "198.51.100.10:5060";
    private static final String SERVER = "203.0.113.20:5060";
    private static final String OTHER_SERVER = "203.0.113.21:5060";
    private static final String URI = "sip:+4940222333@203.0.113.20";

    /** An attempt at {@code millis}: INVITE, and a final {@code status} with its ACK (0: no answer, sent 4 times). */
    private static void attempt(Dialogue d, long millis, String from, String to, String callId, int status, String reason,
                                String callerUser) {
        attempt(d, millis, from, to, callId, status, reason, callerUser, "");
    }

    /** As above, the INVITE with {@code header} (a line with its CRLF) after its start line: a changed request. */
    private static void attempt(Dialogue d, long millis, String from, String to, String callId, int status, String reason,
                                String callerUser, String header) {
        String branch = "z9hG4bK-" + callId;
        String invite = Dialogue.request("INVITE", URI, callId, branch, 1, null).replace("+4930123456", callerUser)
                .replaceFirst("\r\n", "\r\n" + header);
        if (status == 0) {
            for (long t : new long[] {0, 500, 1500, 3500}) {
                d.send(millis + t, from, to, invite);
            }
            return;
        }
        d.send(millis, from, to, invite);
        d.send(millis + 200, to, from, Dialogue.response(status, reason, "INVITE", callId, branch, 1, "t" + callId)
                .replace("+4930123456", callerUser));
        if (status >= 300) {
            d.send(millis + 210, from, to, Dialogue.request("ACK", URI, callId, branch, 1, "t" + callId)
                    .replace("+4930123456", callerUser));
        }
    }

    private static List<CallFlow> flows(Dialogue d) {
        return new FlowBuilder().build(d.messages());
    }

    @Test
    void aRetryUnderANewCallIdAfter415IsTheSameCallAndItsAnswerIsWhatTheCallerGot() {
        Dialogue d = new Dialogue();
        attempt(d, 0, CALLER, SERVER, "c1", 415, "Unsupported Media Type", "+4930123456");
        attempt(d, 700, CALLER, SERVER, "c2", 200, "OK", "+4930123456", "Accept: application/sdp\r\n");

        List<CallFlow> flows = flows(d);

        assertEquals(1, flows.size(), flows.toString());
        CallFlow call = flows.get(0);
        assertEquals(List.of(-1, 0), call.legs().stream().map(Leg::retryOf).toList());
        assertEquals(200, call.finalStatus());
        assertEquals("c2", call.outcome().callId());
        assertFalse(call.failed());
        String why = call.joinEvidence().get(0);
        assertTrue(why.contains("frame 4 (Call-ID c2) retried the failed INVITE in frame 1 (Call-ID c1)"), why);
        assertTrue(why.contains("0.490 s after"), why);
        CallSummary summary = CallSummary.of(call);
        assertEquals(200, summary.finalStatus());
        assertFalse(summary.failed());
    }

    @Test
    void anAttemptNobodyAnsweredFailedOverToAnotherServerIsTheSameCall() {
        Dialogue d = new Dialogue();
        attempt(d, 0, CALLER, SERVER, "c1", 0, "", "+4930123456");
        attempt(d, 4000, CALLER, OTHER_SERVER, "c2", 200, "OK", "+4930123456");

        List<CallFlow> flows = flows(d);

        assertEquals(1, flows.size(), flows.toString());
        assertEquals(200, flows.get(0).finalStatus());
    }

    @Test
    void whenEveryAttemptFailsTheCallFailedWithTheLastAttemptsAnswer() {
        Dialogue d = new Dialogue();
        attempt(d, 0, CALLER, SERVER, "c1", 503, "Service Unavailable", "+4930123456");
        attempt(d, 500, CALLER, OTHER_SERVER, "c2", 503, "Service Unavailable", "+4930123456");
        attempt(d, 1000, CALLER, SERVER, "c3", 488, "Not Acceptable Here", "+4930123456");

        List<CallFlow> flows = flows(d);

        assertEquals(1, flows.size(), flows.toString());
        CallFlow call = flows.get(0);
        assertEquals(List.of(-1, 0, 1), call.legs().stream().map(Leg::retryOf).toList());
        assertEquals(488, call.finalStatus());
        assertTrue(call.failed());
    }

    @Test
    void aFailoverAfterAFloodOfRefusalsJoinsTheNewestAttemptItMendsUpToTheWalksLimit() {
        // the sender's other attempts, each refused by the server (another caller's, so no retry of c1), come between
        // c1's 503 and its failover: the newest few hundred are walked, and c1 beyond them is not reached
        assertEquals(List.of("c1", "c2"), legsOfC2(RetryCorrelation.WALK_LIMIT - 10));
        assertEquals(List.of("c2"), legsOfC2(RetryCorrelation.WALK_LIMIT + 10));
    }

    /** The legs of c2's call: c1 refused with 503, then {@code flood} refused attempts of others, then c2 elsewhere. */
    private static List<String> legsOfC2(int flood) {
        Dialogue d = new Dialogue();
        attempt(d, 0, CALLER, SERVER, "c1", 503, "Service Unavailable", "+4930123456");
        for (int i = 0; i < flood; i++) {
            attempt(d, 300 + i, CALLER, SERVER, "f" + i, 503, "Service Unavailable", "+4930555" + (1000 + i));
        }
        attempt(d, 300 + flood + 250, CALLER, OTHER_SERVER, "c2", 200, "OK", "+4930123456");
        return d.callIds().stream().filter(legs -> legs.contains("c2")).findFirst().orElseThrow();
    }

    @Test
    void otherCallsAreNotRetries() {
        // another caller to the same number; the same caller a minute later; after busy; from another host
        Dialogue d = new Dialogue();
        attempt(d, 0, CALLER, SERVER, "a1", 415, "Unsupported Media Type", "+4930123456");
        attempt(d, 500, CALLER, SERVER, "a2", 200, "OK", "+4930999999");
        attempt(d, 10_000, CALLER, SERVER, "b1", 415, "Unsupported Media Type", "+4930123456");
        attempt(d, 70_000, CALLER, SERVER, "b2", 200, "OK", "+4930123456");
        attempt(d, 80_000, CALLER, SERVER, "c1", 486, "Busy Here", "+4930123456");
        attempt(d, 81_000, CALLER, SERVER, "c2", 200, "OK", "+4930123456");
        attempt(d, 90_000, CALLER, SERVER, "d1", 503, "Service Unavailable", "+4930123456");
        attempt(d, 90_500, "198.51.100.77:5060", SERVER, "d2", 200, "OK", "+4930123456");

        List<CallFlow> flows = flows(d);

        assertEquals(8, flows.size(), flows.toString());
        assertTrue(flows.stream().allMatch(f -> f.legs().size() == 1 && f.aLeg().retryOf() < 0));
    }

    @Test
    void aLoadGeneratorsCallAfterCallToOneServerAreNotRetries() {
        // SIPp's default scenario: the same From and To users on every call, one after the other; a server refusing
        // them (403) or overloaded (503, or not answering) toward one address is refusing calls, not failing attempts
        Dialogue d = new Dialogue();
        for (int i = 0; i < 4; i++) {
            attempt(d, i * 100L, CALLER, SERVER, "f" + i, 403, "Forbidden", "+4930123456");
        }
        for (int i = 0; i < 4; i++) {
            attempt(d, 20_000 + i * 100L, CALLER, SERVER, "o" + i, 503, "Service Unavailable", "+4930123456");
        }
        attempt(d, 40_000, CALLER, SERVER, "n1", 0, "", "+4930123456");
        attempt(d, 44_000, CALLER, SERVER, "n2", 200, "OK", "+4930123456");

        List<CallFlow> flows = flows(d);

        assertEquals(10, flows.size(), flows.toString());
        assertTrue(flows.stream().allMatch(f -> f.legs().size() == 1 && f.aLeg().retryOf() < 0));
    }

    @Test
    void theSameRequestAgainAfterAnAnswerAChangeWouldMendIsANewCall() {
        // a load generator's calls, each refused 488 and 415 by the same server, the next one the same request again
        Dialogue d = new Dialogue();
        attempt(d, 0, CALLER, SERVER, "g1", 488, "Not Acceptable Here", "+4930123456");
        attempt(d, 300, CALLER, SERVER, "g2", 488, "Not Acceptable Here", "+4930123456");
        attempt(d, 600, CALLER, SERVER, "g3", 415, "Unsupported Media Type", "+4930123456");
        attempt(d, 900, CALLER, SERVER, "g4", 200, "OK", "+4930123456");

        List<CallFlow> flows = flows(d);

        assertEquals(4, flows.size(), flows.toString());
        assertTrue(flows.stream().allMatch(f -> f.legs().size() == 1 && f.aLeg().retryOf() < 0));
    }

    @Test
    void aB2buasOutgoingLegsForTwoIncomingCallsAreNotRetriesOfEachOther() {
        // one caller calls the same number twice through an SBC; the first call's outgoing leg got 503
        String carrier = "192.0.2.9:5060";
        Dialogue d = new Dialogue();
        d.send(0, carrier, CALLER, Dialogue.request("INVITE", URI, "a1", "z9hG4bK-a1", 1, null));
        attempt(d, 50, CALLER, SERVER, "b1", 503, "Service Unavailable", "+4930123456");
        d.send(300, CALLER, carrier, Dialogue.response(503, "Service Unavailable", "INVITE", "a1", "z9hG4bK-a1", 1, "x"));
        d.send(2000, carrier, CALLER, Dialogue.request("INVITE", URI, "a2", "z9hG4bK-a2", 1, null));
        d.send(2050, CALLER, SERVER, Dialogue.request("INVITE", URI, "b2", "z9hG4bK-b2", 1, null, "X-CID: a2"));
        d.send(2250, SERVER, CALLER, Dialogue.response(200, "OK", "INVITE", "b2", "z9hG4bK-b2", 1, "y"));

        List<CallFlow> flows = flows(d);

        assertEquals(2, flows.size(), flows.toString());
        assertEquals(List.of("a1", "b1"), flows.get(0).legs().stream().map(Leg::callId).toList());
        assertTrue(flows.get(0).failed());
    }
}
