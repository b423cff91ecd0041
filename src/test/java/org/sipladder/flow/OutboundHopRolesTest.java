package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A call LiveKit places: LiveKit sends the first INVITE, and is still LiveKit, not the carrier. */
class OutboundHopRolesTest {

    private static final String LIVEKIT = "129.158.233.108:5060";
    private static final String PROXY = "198.51.100.7:5060";
    private static final String JAMBONZ = "54.172.60.1:5060";
    private static final String URI = "sip:+4930123456@sip.jambonz.example";

    private static String liveKitInvite(String... extra) {
        // LiveKit's From tag is its SCL_ call ID; no User-Agent, as some LiveKit builds send none
        return request("INVITE", URI, "out-1", "z9hG4bKo1", 1, null, extra).replace(";tag=f-out-1", ";tag=SCL_7Hq2xYz");
    }

    private static Role roleOf(CallFlow flow, String endpoint) {
        String address = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow().role();
    }

    @Test
    void theSenderOfAnInviteWithAnSclFromTagIsLiveKit() {
        Dialogue d = new Dialogue();
        d.send(0, LIVEKIT, JAMBONZ, liveKitInvite());
        d.send(20, JAMBONZ, LIVEKIT, response(403, "Forbidden", "INVITE", "out-1", "z9hG4bKo1", 1, "jz1"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(Role.LIVEKIT, roleOf(flow, LIVEKIT));
        Hop hop = flow.hops().stream().filter(h -> h.role() == Role.LIVEKIT).findFirst().orElseThrow();
        assertTrue(hop.evidence().get(0).contains("From tag SCL_7Hq2xYz is a LiveKit SIP call ID"), hop.evidence().toString());
    }

    @Test
    void aProxyRelayingLiveKitsInviteIsNotTakenForLiveKit() {
        Dialogue d = new Dialogue();
        String invite = liveKitInvite();
        d.send(0, LIVEKIT, PROXY, invite);
        d.send(5, PROXY, JAMBONZ, invite.replaceFirst("Via: ", "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bKp1\r\nVia: "));

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(Role.LIVEKIT, roleOf(flows.get(0), LIVEKIT));
        assertTrue(roleOf(flows.get(0), PROXY) != Role.LIVEKIT, flows.get(0).hops().toString());
    }
}
