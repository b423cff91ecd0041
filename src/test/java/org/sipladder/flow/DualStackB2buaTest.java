package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import org.junit.jupiter.api.Test;

/**
 * A B2BUA that receives the caller's leg on one address and sends the joined leg from another (dual-stack: IPv4 toward
 * the carrier, IPv6 toward LiveKit): both addresses are the one host's, so both get its role.
 */
class DualStackB2buaTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String B2BUA_V4 = "198.51.100.20:5060";
    private static final String B2BUA_V6 = "2001:db8:20::20:5060";
    private static final String LIVEKIT_V6 = "2001:db8:50::50:5060";

    private static Hop hop(CallFlow flow, String endpoint) {
        String address = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow();
    }

    /** Carrier to the B2BUA's IPv4 address; the joined leg (X-CID) from its IPv6 address; {@code tells} on that leg. */
    private static CallFlow dualStackCall(String... tells) {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, B2BUA_V4, request("INVITE", "sip:+4930123456@198.51.100.20", "leg-a", "z9hG4bKa1", 1, null,
                "User-Agent: CarrierSBC/4.2"));
        d.send(10, B2BUA_V4, CARRIER, response(100, "Trying", "INVITE", "leg-a", "z9hG4bKa1", 1, null));
        String[] headers = new String[tells.length + 1];
        headers[0] = "X-CID: leg-a";
        System.arraycopy(tells, 0, headers, 1, tells.length);
        d.send(50, B2BUA_V6, LIVEKIT_V6, request("INVITE", "sip:+4930123456@[2001:db8:50::50]", "leg-b", "z9hG4bKb1", 1,
                null, headers));
        d.send(60, LIVEKIT_V6, B2BUA_V6, response(100, "Processing", "INVITE", "leg-b", "z9hG4bKb1", 1, null));
        d.send(100, LIVEKIT_V6, B2BUA_V6, response(180, "Ringing", "INVITE", "leg-b", "z9hG4bKb1", 1, "lk1"));
        d.send(120, B2BUA_V4, CARRIER, response(180, "Ringing", "INVITE", "leg-a", "z9hG4bKa1", 1, "jz1"));
        return new FlowBuilder().build(d.messages()).get(0);
    }

    @Test
    void theAddressThatReceivedTheCallerIsJambonzLikeTheOneThatSentTheJoinedLeg() {
        CallFlow flow = dualStackCall("X-Call-Sid: 8f1c2f54", "X-Account-Sid: 9351f46a");

        assertEquals(2, flow.legs().size(), "the legs are joined by X-CID");
        assertEquals(Role.JAMBONZ, hop(flow, B2BUA_V6).role());
        Hop v4 = hop(flow, B2BUA_V4);
        assertEquals(Role.JAMBONZ, v4.role(), v4.toString());
        assertTrue(v4.evidence().stream().anyMatch(e -> e.startsWith("It and 2001:db8:20::20 are one back-to-back user "
                + "agent with two addresses") && e.contains("sent the INVITE of the joined leg leg-b (frame 3)")), v4.evidence().toString());
        assertEquals(Role.CARRIER, hop(flow, CARRIER).role());
        assertEquals(Role.LIVEKIT, hop(flow, LIVEKIT_V6).role());
    }

    @Test
    void withoutAnyFamilyTellBothAddressesAreOneB2bua() {
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, B2BUA_V4, request("INVITE", "sip:+4930123456@198.51.100.20", "leg-a", "z9hG4bKa1", 1, null));
        d.send(50, B2BUA_V6, "2001:db8:30::30:5060", request("INVITE", "sip:+4930123456@[2001:db8:30::30]", "leg-b",
                "z9hG4bKb1", 1, null, "X-Original-Call-ID: leg-a"));
        d.send(80, "2001:db8:30::30:5060", B2BUA_V6, response(200, "OK", "INVITE", "leg-b", "z9hG4bKb1", 1, "b1"));
        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(2, flow.legs().size(), "the legs are joined by X-Original-Call-ID");
        assertEquals(Role.B2BUA, hop(flow, B2BUA_V4).role());
        assertEquals(Role.B2BUA, hop(flow, B2BUA_V6).role());
        assertEquals(Role.SIP_ENDPOINT, hop(flow, "2001:db8:30::30:5060").role());
    }
}
