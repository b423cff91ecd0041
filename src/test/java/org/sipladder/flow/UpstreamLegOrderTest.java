package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The caller's leg is first and the legs follow the call's path whatever the capture's clocks say: the leg whose
 * INVITE a B2BUA received is upstream of the leg the B2BUA sent, whichever header or clue joined them (two captures
 * merged with clocks apart, or a B2BUA host whose clock runs behind, put the B-leg first).
 */
class UpstreamLegOrderTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String SBC = "198.51.100.20:5060";
    private static final String JAMBONZ = "198.51.100.30:5060";
    private static final String LIVEKIT = "34.1.2.3:5060";
    private static final String UUID = "ab30317f1a784dc48ff824d0d3715d86";

    /** The join header of each key, carried by both INVITEs of the test's call. */
    private static String[] keyed(String key) {
        return switch (key) {
            case "session-id" -> new String[] {"Session-ID: " + UUID};
            case "icid" -> new String[] {"P-Charging-Vector: icid-value=1234bc9876e;orig-ioi=home1.net"};
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static List<String> legs(CallFlow flow) {
        return flow.legs().stream().map(Leg::callId).toList();
    }

    private static List<Role> roles(CallFlow flow) {
        return flow.hops().stream().map(Hop::role).toList();
    }

    private static CallFlow single(Dialogue d) {
        List<CallFlow> flows = new FlowBuilder().build(d.messages());
        assertEquals(1, flows.size(), flows.toString());
        return flows.get(0);
    }

    @ParameterizedTest
    @CsvSource({"session-id, 0", "session-id, 2000", "icid, 0", "icid, 2000"})
    void theLegTheB2buaReceivedIsTheCallersWhicheverIsCapturedFirst(String key, long aLegAt) {
        // aLegAt 2000: the carrier side's capture runs 2 s behind the B-leg's, so the B-leg starts first
        Dialogue d = new Dialogue();
        long bLegAt = 300;
        if (aLegAt < bLegAt) {
            d.answeredInvite(aLegAt, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20", keyed(key));
        }
        d.answeredInvite(bLegAt, SBC, LIVEKIT, "b1", "sip:agent@5t6y7u8i.sip.livekit.cloud", keyed(key));
        if (aLegAt > bLegAt) {
            d.answeredInvite(aLegAt, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20", keyed(key));
        }

        CallFlow flow = single(d);

        assertEquals("a1", flow.id());
        assertEquals(List.of("a1", "b1"), legs(flow));
        assertEquals(List.of("203.0.113.10", "198.51.100.20", "34.1.2.3"),
                flow.hops().stream().map(Hop::address).toList());
        assertEquals(Role.CARRIER, roles(flow).get(0), flow.hops().toString());
        assertEquals(Role.LIVEKIT, roles(flow).get(2), flow.hops().toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 20_000})
    void aTransferLegBackToTheCarrierLeavesTheCallersLegFirst(long carrierClockAhead) {
        // the SBC's B-leg to LiveKit shares the A-leg's Session-ID; LiveKit refers the call to a number, and the SBC
        // dials it back through the carrier (whose receiver sent the A-leg: the path alone does not order those two);
        // the carrier side's capture (A-leg and transfer leg) may run 20 s ahead, so the B-leg starts first
        Dialogue d = new Dialogue();
        if (carrierClockAhead == 0) {
            d.answeredInvite(0, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20", "Session-ID: " + UUID);
        }
        d.answeredInvite(300, SBC, LIVEKIT, "b1", "sip:agent@34.1.2.3", "Session-ID: " + UUID);
        d.send(5_000, LIVEKIT, SBC, Dialogue.request("REFER", "sip:u@198.51.100.20", "b1", "z9hG4bK-refer", 5, "t-b1",
                "Refer-To: <sip:+4915199988877@203.0.113.10>"));
        d.send(5_010, SBC, LIVEKIT, Dialogue.response(202, "Accepted", "REFER", "b1", "z9hG4bK-refer", 5, "t-b1"));
        if (carrierClockAhead > 0) {
            d.answeredInvite(carrierClockAhead, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20",
                    "Session-ID: " + UUID);
        }
        d.answeredInvite(carrierClockAhead + 5_100, SBC, CARRIER, "c1", "sip:+4915199988877@203.0.113.10");

        CallFlow flow = single(d);

        assertEquals(List.of("a1", "b1", "c1"), legs(flow));
        assertEquals(Role.CARRIER, roles(flow).get(0), flow.hops().toString());
        assertEquals(List.of("203.0.113.10", "198.51.100.20", "34.1.2.3"),
                flow.hops().stream().map(Hop::address).toList());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aCallThroughTwoB2buasKeepsItsPathCapturedInAnyOrder(boolean reversed) {
        // carrier -> SBC -> Jambonz -> LiveKit, one Session-ID; reversed: each hop's capture runs behind the next
        Dialogue d = new Dialogue();
        String[][] legs = {{CARRIER, SBC, "a1"}, {SBC, JAMBONZ, "b1"}, {JAMBONZ, LIVEKIT, "c1"}};
        for (int i = 0; i < 3; i++) {
            String[] leg = legs[reversed ? 2 - i : i];
            d.answeredInvite(i * 300L, leg[0], leg[1], leg[2], "sip:+4930111222@" + leg[1].split(":")[0],
                    "Session-ID: " + UUID);
        }

        CallFlow flow = single(d);

        assertEquals(List.of("a1", "b1", "c1"), legs(flow));
        assertEquals(List.of("203.0.113.10", "198.51.100.20", "198.51.100.30", "34.1.2.3"),
                flow.hops().stream().map(Hop::address).toList());
        assertEquals(Role.CARRIER, roles(flow).get(0), flow.hops().toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aB2buaBehindAProxyIsFedByTheLegTheProxyRelayedToIt(boolean bLegFirst) {
        // the carrier's INVITE goes through a proxy to a FreeSWITCH, whose new leg goes back through the proxy to
        // LiveKit: the B-leg's sender is the second host the A-leg's INVITE reached
        String proxy = "198.51.100.5:5060";
        String freeswitch = "198.51.100.6:5080";
        Dialogue d = new Dialogue();
        long aAt = bLegFirst ? 2_000 : 0;
        long bAt = 300;
        Runnable aLeg = () -> {
            d.send(aAt, CARRIER, proxy, Dialogue.request("INVITE", "sip:+4930111222@198.51.100.5", "a1", "z9hG4bK-a1", 1,
                    null, "Session-ID: " + UUID));
            d.send(aAt + 5, proxy, freeswitch, Dialogue.request("INVITE", "sip:+4930111222@198.51.100.6", "a1",
                    "z9hG4bK-a1p", 1, null, "Session-ID: " + UUID));
        };
        Runnable bLeg = () -> {
            d.send(bAt, freeswitch, proxy, Dialogue.request("INVITE", "sip:agent@198.51.100.5", "b1", "z9hG4bK-b1", 1,
                    null, "Session-ID: " + UUID));
            d.send(bAt + 5, proxy, LIVEKIT, Dialogue.request("INVITE", "sip:agent@34.1.2.3", "b1", "z9hG4bK-b1p", 1,
                    null, "Session-ID: " + UUID));
        };
        if (bLegFirst) {
            bLeg.run();
            aLeg.run();
        } else {
            aLeg.run();
            bLeg.run();
        }

        CallFlow flow = single(d);

        assertEquals(List.of("a1", "b1"), legs(flow));
        assertEquals(Role.CARRIER, roles(flow).get(0), flow.hops().toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aHairpinsLegsStayInCaptureOrderWhenNoHeaderSaysWhichNamesWhich(boolean xCid) {
        // the SBC sends the B-leg back to the carrier it came from: each leg's receiver sent the other, so the path
        // tells nothing; X-CID on the B-leg does, even when the B-leg is captured first
        Dialogue d = new Dialogue();
        if (xCid) {
            d.answeredInvite(0, SBC, CARRIER, "b1", "sip:+4930999888@203.0.113.10", "X-CID: a1");
            d.answeredInvite(300, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20");
        } else {
            d.answeredInvite(0, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20", "Session-ID: " + UUID);
            d.answeredInvite(300, SBC, CARRIER, "b1", "sip:+4930999888@203.0.113.10", "Session-ID: " + UUID);
        }

        CallFlow flow = single(d);

        assertEquals(List.of("a1", "b1"), legs(flow));
        assertEquals(Role.CARRIER, roles(flow).get(0), flow.hops().toString());
    }
}
