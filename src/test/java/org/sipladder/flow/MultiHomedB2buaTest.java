package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A B2BUA that receives on one address and sends from another (an SBC's public and private interfaces) is one host
 * for the timing join when its B-leg carries the SDP origin of the A-leg it received; calls of two hosts with nothing
 * but a called number in common stay apart.
 */
class MultiHomedB2buaTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String SBC_PUBLIC = "198.51.100.20:5060";
    private static final String SBC_PRIVATE = "10.0.0.20:5060";
    private static final String JAMBONZ = "10.0.0.30:5060";
    private static final String A_URI = "sip:+4930999888@198.51.100.20";
    private static final String B_URI = "sip:+4930999888@10.0.0.30";
    private static final String CALLER_ORIGIN = "- 3916452117 1 IN IP4 203.0.113.50";

    @Test
    void aBLegFromTheOtherAddressCarryingTheALegsSdpOriginJoinsIt() {
        Dialogue d = new Dialogue();
        d.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, CALLER_ORIGIN, "203.0.113.50:10000");
        d.offer(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI, CALLER_ORIGIN, "10.0.0.20:20000");

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(List.of(List.of("a1", "b1")), d.callIds());
        assertEquals(List.of("The INVITE in frame 2 (Call-ID b1) was sent by 10.0.0.20 0.040 s after 198.51.100.20"
                + " received the INVITE in frame 1 (Call-ID a1), both called numbers end in 30999888, and it carries"
                + " that INVITE's SDP origin (o=- 3916452117 1 IN IP4 203.0.113.50): one B2BUA with an address on each"
                + " side, passing the caller's SDP on."), flows.get(0).joinEvidence());
    }

    @Test
    void aFloodToTheNumberAtTheBLegsReceiverIsWalkedOnlyUpToTheLimit() {
        // INVITEs to the same number keep reaching the B-leg's receiver between the A-leg and its B-leg (a scanner):
        // none can be the A-leg; a few hundred are walked past, more are not, and the A-leg beyond them is not reached
        assertEquals(List.of("a1", "b1"), legsOfA1(RetryCorrelation.WALK_LIMIT - 10));
        assertEquals(List.of("a1"), legsOfA1(RetryCorrelation.WALK_LIMIT + 10));
    }

    /** The legs of a1's call with {@code flood} INVITEs to its number reaching Jambonz before its B-leg b1. */
    private static List<String> legsOfA1(int flood) {
        Dialogue d = new Dialogue();
        d.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, CALLER_ORIGIN, "203.0.113.50:10000");
        for (int i = 0; i < flood; i++) {
            d.offer(1 + i / 10, "203.0.113.60:5060", JAMBONZ, "f" + i, B_URI, "- " + (1000 + i) + " 1 IN IP4 203.0.113.60",
                    "203.0.113.60:" + (30000 + 2 * i));
        }
        d.offer(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI, CALLER_ORIGIN, "10.0.0.20:20000");
        return d.callIds().stream().filter(legs -> legs.contains("a1")).findFirst().orElseThrow();
    }

    @Test
    void withoutTheSameOriginTwoHostsCallsToOneNumberStayApart() {
        Dialogue noSdp = new Dialogue();
        noSdp.answeredInvite(0, CARRIER, SBC_PUBLIC, "a1", A_URI);
        noSdp.answeredInvite(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI);
        assertEquals(List.of(List.of("a1"), List.of("b1")), noSdp.callIds());

        Dialogue own = new Dialogue();
        own.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, CALLER_ORIGIN, "203.0.113.50:10000");
        own.offer(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI, "- 3916452117 1 IN IP4 10.0.0.20", "10.0.0.20:20000");
        assertEquals(List.of(List.of("a1"), List.of("b1")), own.callIds());
    }

    @Test
    void anOriginThatIsTheSendersOwnOrALoopbackOrOnSeveralCallsTellsNothing() {
        // two test tools on two hosts, each with the same fixed o= line naming no real host
        Dialogue loopback = new Dialogue();
        String fixed = "user1 53655765 2353687637 IN IP4 127.0.0.1";
        loopback.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, fixed, "203.0.113.50:10000");
        loopback.offer(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI, fixed, "10.0.0.20:20000");
        assertEquals(List.of(List.of("a1"), List.of("b1")), loopback.callIds());

        // the B-leg's sender wrote the origin itself
        Dialogue own = new Dialogue();
        String senders = "user1 53655765 2353687637 IN IP4 10.0.0.20";
        own.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, senders, "203.0.113.50:10000");
        own.offer(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI, senders, "10.0.0.20:20000");
        assertEquals(List.of(List.of("a1"), List.of("b1")), own.callIds());

        // two A-legs at two addresses with the origin the B-leg carries
        Dialogue twice = new Dialogue();
        twice.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, CALLER_ORIGIN, "203.0.113.50:10000");
        twice.offer(10, CARRIER, "198.51.100.21:5060", "a2", "sip:+4930999888@198.51.100.21", CALLER_ORIGIN,
                "203.0.113.50:10000");
        twice.offer(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI, CALLER_ORIGIN, "10.0.0.20:20000");
        assertEquals(List.of(List.of("a1"), List.of("a2"), List.of("b1")), twice.callIds());
    }

    @Test
    void anALegThatEndedOrCameLongBeforeGetsNoBLeg() {
        Dialogue late = new Dialogue();
        late.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, CALLER_ORIGIN, "203.0.113.50:10000");
        late.offer(5_200, SBC_PRIVATE, JAMBONZ, "b1", B_URI, CALLER_ORIGIN, "10.0.0.20:20000");
        assertEquals(List.of(List.of("a1"), List.of("b1")), late.callIds());

        Dialogue cancelled = new Dialogue();
        cancelled.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, CALLER_ORIGIN, "203.0.113.50:10000");
        cancelled.send(20, CARRIER, SBC_PUBLIC, Dialogue.request("CANCEL", A_URI, "a1", "z9hG4bK-a1", 1, null));
        cancelled.offer(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI, CALLER_ORIGIN, "10.0.0.20:20000");
        assertEquals(List.of(List.of("a1"), List.of("b1")), cancelled.callIds());
    }

    @Test
    void onceOneCallShowedBothAddressesAreOneB2buaItsLaterCallsJoinByTimingAndNumber() {
        // the first call passes its SDP on; the later ones offer none (late offer): the addresses are one SBC now
        Dialogue d = new Dialogue();
        d.offer(0, CARRIER, SBC_PUBLIC, "a1", A_URI, CALLER_ORIGIN, "203.0.113.50:10000");
        d.offer(40, SBC_PRIVATE, JAMBONZ, "b1", B_URI, CALLER_ORIGIN, "10.0.0.20:20000");
        d.answeredInvite(60_000, CARRIER, SBC_PUBLIC, "a2", "sip:+4930111222@198.51.100.20");
        d.answeredInvite(60_040, SBC_PRIVATE, JAMBONZ, "b2", "sip:+4930111222@10.0.0.30");
        // a third host's call to that number shows nothing of the kind
        d.answeredInvite(61_000, CARRIER, SBC_PUBLIC, "a3", "sip:+4930111333@198.51.100.20");
        d.answeredInvite(61_040, "10.0.0.99:5060", JAMBONZ, "b3", "sip:+4930111333@10.0.0.30");

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2"), List.of("a3"), List.of("b3")), d.callIds());
        assertEquals(List.of("The INVITE in frame 5 (Call-ID b2) was sent by 10.0.0.20 0.040 s after 198.51.100.20"
                + " received the INVITE in frame 3 (Call-ID a2), and both called numbers end in 30111222: the two"
                + " addresses are one B2BUA, as the join of the INVITE in frame 2 (Call-ID b1) showed."),
                flows.get(1).joinEvidence());
    }
}
