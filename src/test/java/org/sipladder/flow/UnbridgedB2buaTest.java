package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A B2BUA bridges two dialogs. In a call without INVITE where a PBX of a B2BUA family (Asterisk) only answers an
 * OPTIONS, handles a SUBSCRIBE or pings a phone, one leg and nothing bridged, it is that call's user agent (a SIP
 * endpoint), whatever product it is; one that passes a request on to another leg stays a B2BUA.
 */
class UnbridgedB2buaTest {

    private static final String PHONE = "192.168.1.20:5060";
    private static final String OTHER_PHONE = "192.168.1.21:5060";
    private static final String ASTERISK = "192.168.1.10:5060";
    private static final String SERVER = "Server: Asterisk PBX 13.19.0";

    private static Hop hop(CallFlow flow, String endpoint) {
        String address = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void anAsteriskThatAnswersAnOptionsIsThatCallsEndpoint() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, ASTERISK, request("OPTIONS", "sip:192.168.1.10", "opt-1", "z9hG4bKo1", 1, null));
        d.send(1, ASTERISK, PHONE, response(200, "OK", "OPTIONS", "opt-1", "z9hG4bKo1", 1, "a1", SERVER));

        Hop asterisk = hop(new FlowBuilder().build(d.messages()).get(0), ASTERISK);

        assertEquals(Role.SIP_ENDPOINT, asterisk.role(), asterisk.toString());
        assertEquals("SIP endpoint 192.168.1.10", asterisk.name());
        assertEquals(List.of("It identifies itself as \"Asterisk PBX 13.19.0\" (frame 2).",
                "It handled this call's OPTIONS itself and sent no request of another leg: with one leg and nothing "
                        + "bridged, it is a user agent here, not a B2BUA (frame 1)."), asterisk.evidence());
    }

    @Test
    void anAsteriskThatHandlesASubscribeOrPingsAPhoneIsThatCallsEndpoint() {
        Dialogue subscribe = new Dialogue();
        subscribe.send(0, PHONE, ASTERISK, request("SUBSCRIBE", "sip:201@192.168.1.10", "sub-1", "z9hG4bKs1", 1, null,
                "Event: presence"));
        subscribe.send(1, ASTERISK, PHONE, response(200, "OK", "SUBSCRIBE", "sub-1", "z9hG4bKs1", 1, "a2", SERVER));
        subscribe.send(2, ASTERISK, PHONE, request("NOTIFY", "sip:phone@192.168.1.20", "sub-1", "z9hG4bKn1", 2, "x",
                "User-Agent: Asterisk PBX 13.19.0", "Event: presence", "Subscription-State: active"));
        Dialogue ping = new Dialogue();
        ping.send(0, ASTERISK, PHONE, request("OPTIONS", "sip:phone@192.168.1.20", "qualify-1", "z9hG4bKq1", 1, null,
                "User-Agent: Asterisk PBX 13.19.0"));
        ping.send(1, PHONE, ASTERISK, response(200, "OK", "OPTIONS", "qualify-1", "z9hG4bKq1", 1, "p1"));

        for (Dialogue d : List.of(subscribe, ping)) {
            Hop asterisk = hop(new FlowBuilder().build(d.messages()).get(0), ASTERISK);
            assertEquals(Role.SIP_ENDPOINT, asterisk.role(), asterisk.toString());
            assertTrue(asterisk.evidence().stream().anyMatch(e -> e.contains("nothing bridged")),
                    asterisk.evidence()::toString);
        }
    }

    @Test
    void anAsteriskThatPassesAMessageOnToAnotherLegStaysAB2bua() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, ASTERISK, request("MESSAGE", "sip:202@192.168.1.10", "msg-a", "z9hG4bKm1", 1, null));
        d.send(3, ASTERISK, OTHER_PHONE, request("MESSAGE", "sip:202@192.168.1.21", "msg-b", "z9hG4bKm2", 1, null,
                "User-Agent: Asterisk PBX 13.19.0", "X-Original-Call-ID: msg-a"));
        d.send(5, OTHER_PHONE, ASTERISK, response(200, "OK", "MESSAGE", "msg-b", "z9hG4bKm2", 1, "b1"));
        d.send(6, ASTERISK, PHONE, response(202, "Accepted", "MESSAGE", "msg-a", "z9hG4bKm1", 1, "a3", SERVER));

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(1, flows.size(), "the two legs are one call");
        assertEquals(Role.B2BUA, hop(flows.get(0), ASTERISK).role(), hop(flows.get(0), ASTERISK).toString());
    }
}
