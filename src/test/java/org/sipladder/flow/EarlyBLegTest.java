package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A B2BUA's B-leg captured before the A-leg it continues (two captures merged with clocks apart, or the B2BUA host's
 * clock behind the carrier side's) is joined by timing as a B-leg captured after it is, when no header names the other.
 */
class EarlyBLegTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String FREESWITCH = "198.51.100.40:5080";
    private static final String LIVEKIT = "34.1.2.3:5060";
    private static final String NUMBER = "+4930999888";

    private static void aLeg(Dialogue d, long millis, String callId) {
        d.answeredInvite(millis, CARRIER, FREESWITCH, callId, "sip:" + NUMBER + "@198.51.100.40");
    }

    private static void bLeg(Dialogue d, long millis, String callId) {
        d.answeredInvite(millis, FREESWITCH, LIVEKIT, callId, "sip:" + NUMBER + "@3abc7d.sip.livekit.cloud");
    }

    @Test
    void aBridgesBLegCapturedBeforeItsALegJoinsIt() {
        // the FreeSWITCH side's capture runs 1.5 s behind: its B-leg (sent 20 ms after the A-leg came) shows first
        Dialogue d = new Dialogue();
        bLeg(d, 0, "b1");
        aLeg(d, 1_480, "a1");

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(1, flows.size(), flows.toString());
        assertEquals(List.of("a1", "b1"), flows.get(0).legs().stream().map(Leg::callId).toList());
        assertEquals(List.of("The INVITE in frame 1 (Call-ID b1) was sent by 198.51.100.40 1.480 s before that host"
                + " received the INVITE in frame 3 (Call-ID a1), and both called numbers end in 30999888: a B-leg"
                + " cannot leave before its A-leg arrives, so the clocks the two were captured by differ."),
                flows.get(0).joinEvidence());
        assertEquals(List.of(Role.CARRIER, Role.B2BUA, Role.LIVEKIT),
                flows.get(0).hops().stream().map(Hop::role).toList());
    }

    @Test
    void eachEarlyBLegJoinsItsOwnALegInTheOrderTheyCame() {
        // two calls to one number 0.3 s apart and one to another, every B-leg captured 1.5 s early: the oldest B-leg
        // still alone for the number is the first A-leg's
        Dialogue d = new Dialogue();
        bLeg(d, 0, "b1");
        bLeg(d, 300, "b2");
        d.answeredInvite(400, FREESWITCH, LIVEKIT, "b3", "sip:+4930111222@3abc7d.sip.livekit.cloud");
        aLeg(d, 1_480, "a1");
        aLeg(d, 1_780, "a2");
        d.answeredInvite(1_880, CARRIER, FREESWITCH, "a3", "sip:+4930111222@198.51.100.40");

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2"), List.of("a3", "b3")), d.callIds());
    }

    @Test
    void anEarlyBLegAlreadyJoinedToTheLegItFedStillTakesItsALeg() {
        // carrier -> SBC -> Jambonz -> LiveKit with the SBC and Jambonz captured 1.5 s behind the carrier side: the
        // SBC's leg is joined to Jambonz's (X-CID) before the carrier's leg shows, and is still the one it continues
        String sbc = "198.51.100.20:5060";
        String jambonz = "198.51.100.30:5060";
        Dialogue d = new Dialogue();
        d.answeredInvite(0, sbc, jambonz, "s1", "sip:" + NUMBER + "@198.51.100.30");
        d.answeredInvite(20, jambonz, LIVEKIT, "j1", "sip:" + NUMBER + "@3abc7d.sip.livekit.cloud", "X-CID: s1");
        d.answeredInvite(1_480, CARRIER, sbc, "a1", "sip:" + NUMBER + "@198.51.100.20");

        assertEquals(List.of(List.of("a1", "s1", "j1")), d.callIds());
    }

    @Test
    void anEarlyBLegJoinedToItsDownstreamLegFirstStillTakesItsALeg() {
        // as above, with Jambonz's leg (naming the SBC's) captured first of all
        String sbc = "198.51.100.20:5060";
        String jambonz = "198.51.100.30:5060";
        Dialogue d = new Dialogue();
        d.answeredInvite(0, jambonz, LIVEKIT, "j1", "sip:" + NUMBER + "@3abc7d.sip.livekit.cloud", "X-CID: s1");
        d.answeredInvite(20, sbc, jambonz, "s1", "sip:" + NUMBER + "@198.51.100.30");
        d.answeredInvite(1_480, CARRIER, sbc, "a1", "sip:" + NUMBER + "@198.51.100.20");

        assertEquals(List.of(List.of("a1", "s1", "j1")), d.callIds());
    }

    @Test
    void anEarlyInviteWhoseCallHasItsALegTakesNoOther() {
        // the B-leg is joined to its A-leg (X-CID) before a second call to the number reaches the host
        Dialogue d = new Dialogue();
        d.answeredInvite(0, FREESWITCH, LIVEKIT, "b1", "sip:" + NUMBER + "@3abc7d.sip.livekit.cloud", "X-CID: a1");
        aLeg(d, 1_480, "a1");
        aLeg(d, 2_000, "a2");

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2")), d.callIds());
    }

    @Test
    void aLegSentLongBeforeOrToAnotherNumberIsNotJoined() {
        Dialogue d = new Dialogue();
        bLeg(d, 0, "b1");
        aLeg(d, 5_200, "a1");
        d.answeredInvite(6_000, FREESWITCH, LIVEKIT, "b2", "sip:+4930111222@3abc7d.sip.livekit.cloud");
        aLeg(d, 6_100, "a2");

        assertEquals(List.of(List.of("b1"), List.of("a1"), List.of("b2"), List.of("a2")), d.callIds());
    }
}
