package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Legs whose INVITEs carry one session key (RFC 7989 Session-ID, the IMS icid-value) are one call, however late the
 * B2BUA sent its leg and whatever number it called.
 */
class SessionKeyFlowsTest {

    private static final String CARRIER = "203.0.113.10:5060";
    private static final String SBC = "198.51.100.20:5060";
    private static final String LIVEKIT = "34.1.2.3:5060";
    private static final String UUID = "ab30317f1a784dc48ff824d0d3715d86";
    private static final String NULL_UUID = "00000000000000000000000000000000";

    @Test
    void legsWithOneSessionIdAreOneCallEvenSecondsApartAndToAnotherNumber() {
        // the B-leg 6 s later (a slow webhook: beyond the timing join's 5 s), in lower case, to another user
        Dialogue d = new Dialogue();
        d.answeredInvite(0, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20",
                "Session-ID: " + UUID.toUpperCase() + ";remote=" + NULL_UUID);
        d.answeredInvite(6000, SBC, LIVEKIT, "b1", "sip:agent@34.1.2.3",
                "Session-ID: " + UUID + ";remote=" + NULL_UUID);

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(1, flows.size(), flows.toString());
        assertEquals(List.of("a1", "b1"), flows.get(0).legs().stream().map(Leg::callId).toList());
        assertEquals(List.of("The INVITE in frame 3 (Call-ID b1) carries the same Session-ID key " + UUID
                + " as the INVITE in frame 1 (Call-ID a1): RFC 7989's end-to-end session identifier, which every leg"
                + " of one call keeps."), flows.get(0).joinEvidence());
    }

    @Test
    void theNullUuidJoinsNothing() {
        Dialogue d = new Dialogue();
        d.answeredInvite(0, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20", "Session-ID: " + NULL_UUID);
        d.answeredInvite(6000, SBC, LIVEKIT, "b1", "sip:agent@34.1.2.3",
                "Session-ID: " + NULL_UUID + ";remote=" + UUID);

        assertEquals(List.of(List.of("a1"), List.of("b1")), d.callIds());
    }

    @Test
    void legsWithOneChargingVectorIcidAreOneCall() {
        Dialogue d = new Dialogue();
        d.answeredInvite(0, CARRIER, SBC, "a1", "sip:+4930111222@198.51.100.20",
                "P-Charging-Vector: icid-value=1234bc9876e;icid-generated-at=192.0.6.8;orig-ioi=home1.net");
        d.answeredInvite(6000, SBC, LIVEKIT, "b1", "sip:agent@34.1.2.3",
                "P-Charging-Vector: icid-value=1234bc9876e;orig-ioi=home1.net;term-ioi=home2.net");
        d.answeredInvite(20_000, CARRIER, SBC, "a2", "sip:+4930111222@198.51.100.20",
                "P-Charging-Vector: icid-value=77aa");
        d.answeredInvite(26_000, SBC, LIVEKIT, "b2", "sip:agent@34.1.2.3", "P-Charging-Vector: icid-value=77ab");

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(List.of(List.of("a1", "b1"), List.of("a2"), List.of("b2")),
                flows.stream().map(f -> f.legs().stream().map(Leg::callId).toList()).toList());
        String why = flows.get(0).joinEvidence().get(0);
        assertTrue(why.contains("carries the same P-Charging-Vector key 1234bc9876e as the INVITE in frame 1"), why);
    }

    @Test
    void aKeyEveryCallAlongOnePathCarriesJoinsNoTwoCalls() {
        // a test tool sending one fixed Session-ID in every call through a B2BUA: the second call's A-leg shows the
        // key tells no calls apart, so neither it nor the later legs join the first call
        Dialogue d = new Dialogue();
        for (int call = 1; call <= 3; call++) {
            d.answeredInvite(call * 20_000L, CARRIER, SBC, "a" + call, "sip:+493011122" + call + "@198.51.100.20",
                    "Session-ID: " + UUID);
            d.answeredInvite(call * 20_000L + 6000, SBC, LIVEKIT, "b" + call, "sip:agent" + call + "@34.1.2.3",
                    "Session-ID: " + UUID);
        }

        List<List<String>> calls = d.callIds();

        assertEquals(List.of("a1", "b1"), calls.get(0));
        assertTrue(calls.stream().skip(1).allMatch(c -> c.size() == 1), calls.toString());
    }
}
