package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls to one number from one caller closer together than the timing join's window: each B-leg joins its own A-leg
 * (in the order the B2BUA serves them, or by the SDP it passes on), and no A-leg takes two B-legs while another has
 * none.
 */
class CloseCallsTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String SBC = "198.51.100.20:5060";
    private static final String LIVEKIT = "34.1.2.3:5060";
    private static final String NUMBER = "+4930999888";

    /** Each call's Call-IDs sorted: which legs are one call, whatever their order. */
    private static List<List<String>> calls(Dialogue d) {
        return d.callIds().stream().map(ids -> ids.stream().sorted().toList()).toList();
    }

    @Test
    void aHairpinsBLegsCapturedBeforeTheirALegsJoinOneEach() {
        // carrier -> SBC -> the same carrier, twice 0.3 s apart; the legs the SBC sent are shown 1.5 s early (merged
        // captures with clocks apart) and were answered before their A-legs show
        Dialogue d = new Dialogue();
        d.answeredInvite(0, SBC, CARRIER, "b1", "sip:" + NUMBER + "@203.0.113.10");
        d.answeredInvite(300, SBC, CARRIER, "b2", "sip:" + NUMBER + "@203.0.113.10");
        d.answeredInvite(1_480, CARRIER, SBC, "a1", "sip:" + NUMBER + "@198.51.100.20");
        d.answeredInvite(1_780, CARRIER, SBC, "a2", "sip:" + NUMBER + "@198.51.100.20");

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2")), calls(d));
    }

    @Test
    void callsAnsweredBeforeTheyDialOutTakeOneBLegEachInTheOrderTheyCame() {
        // an IVR answers both calls at once and dials out for each a few seconds later: none waits for a B-leg, and
        // the second B-leg is not the first one's again
        Dialogue d = new Dialogue();
        d.answeredInvite(0, CARRIER, SBC, "a1", "sip:" + NUMBER + "@198.51.100.20");
        d.answeredInvite(300, CARRIER, SBC, "a2", "sip:" + NUMBER + "@198.51.100.20");
        d.answeredInvite(2_000, SBC, LIVEKIT, "b1", "sip:" + NUMBER + "@34.1.2.3");
        d.answeredInvite(2_300, SBC, LIVEKIT, "b2", "sip:" + NUMBER + "@34.1.2.3");

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2")), d.callIds());
    }

    @Test
    void bLegsSentInTheOtherOrderJoinTheALegWhoseSdpOriginTheyCarry() {
        // the B2BUA passes the caller's SDP on (no media anchoring) and sends the second call's B-leg first
        Dialogue d = new Dialogue();
        String uri = "sip:" + NUMBER + "@198.51.100.20";
        d.offer(0, CARRIER, SBC, "a1", uri, "- 3916452117 1 IN IP4 203.0.113.50", "203.0.113.50:10000");
        d.offer(100, CARRIER, SBC, "a2", uri, "- 3916452218 1 IN IP4 203.0.113.50", "203.0.113.50:10002");
        d.offer(300, SBC, LIVEKIT, "b2", "sip:" + NUMBER + "@34.1.2.3", "- 3916452218 1 IN IP4 203.0.113.50",
                "203.0.113.50:10002");
        d.offer(400, SBC, LIVEKIT, "b1", "sip:" + NUMBER + "@34.1.2.3", "- 3916452117 1 IN IP4 203.0.113.50",
                "203.0.113.50:10000");

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2")), d.callIds());
        assertEquals(List.of("The INVITE in frame 3 (Call-ID b2) was sent by 198.51.100.20 0.200 s after that host"
                + " received the INVITE in frame 2 (Call-ID a2), both called numbers end in 30999888, and it carries"
                + " that INVITE's SDP origin (o=- 3916452218 1 IN IP4 203.0.113.50)."),
                new FlowBuilder().build(d.messages()).get(1).joinEvidence());
    }

    @Test
    void anSdpOriginBothALegsCarryTellsNothingAndTheOrderTheyCameDecides() {
        // a caller with one fixed o= line for every call
        Dialogue d = new Dialogue();
        String origin = "user1 53655765 2353687637 IN IP4 203.0.113.50";
        d.offer(0, CARRIER, SBC, "a1", "sip:" + NUMBER + "@198.51.100.20", origin, "203.0.113.50:10000");
        d.offer(100, CARRIER, SBC, "a2", "sip:" + NUMBER + "@198.51.100.20", origin, "203.0.113.50:10002");
        d.offer(300, SBC, LIVEKIT, "b1", "sip:" + NUMBER + "@34.1.2.3", origin, "203.0.113.50:10002");
        d.offer(400, SBC, LIVEKIT, "b2", "sip:" + NUMBER + "@34.1.2.3", origin, "203.0.113.50:10000");

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2")), d.callIds());
    }
}
