package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SIP proxy relays requests. In a call without INVITE where a proxy's product (Kamailio, OpenSIPS, SER) answers an
 * OPTIONS or a MESSAGE itself, or pings a phone with an OPTIONS of its own, and passes no request of the call on, it is
 * that call's user agent (a SIP endpoint), whatever product it is; one that passes the request on stays a SIP proxy.
 */
class AnsweringProxyTest {

    private static final String PHONE = "192.168.1.20:5060";
    private static final String PROXY = "192.168.1.30:5060";
    private static final String PBX = "192.168.1.40:5060";
    private static final String KAMAILIO = "Server: kamailio (5.7.4 (x86_64/linux))";

    private static Hop hop(CallFlow flow, String endpoint) {
        String address = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow();
    }

    /** {@code request} as a proxy at {@code proxy} passes it on: its own Via on top of the one it came with. */
    private static String passedOn(String request, String proxy, String branch) {
        return request.replaceFirst("Via: ", "Via: SIP/2.0/UDP " + proxy + ";branch=" + branch + "\r\nVia: ");
    }

    @Test
    void aKamailioThatAnswersAnOptionsItselfIsThatCallsEndpoint() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PROXY, request("OPTIONS", "sip:192.168.1.30", "opt-1", "z9hG4bKo1", 1, null));
        d.send(1, PROXY, PHONE, response(200, "OK", "OPTIONS", "opt-1", "z9hG4bKo1", 1, "k1", KAMAILIO));

        Hop proxy = hop(new FlowBuilder().build(d.messages()).get(0), PROXY);

        assertEquals(Role.SIP_ENDPOINT, proxy.role(), proxy.toString());
        assertEquals("SIP endpoint 192.168.1.30", proxy.name());
        assertEquals(List.of("It identifies itself as \"kamailio (5.7.4 (x86_64/linux))\" (frame 2).",
                "It answered this call's OPTIONS itself and passed no request on: it is the user agent here, not a "
                        + "SIP proxy (frame 2)."), proxy.evidence());
    }

    @Test
    void anOpenSipsThatAnswersAMessageItselfIsThatCallsEndpoint() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PROXY, request("MESSAGE", "sip:bob@example.com", "msg-1", "z9hG4bKm1", 1, null));
        d.send(1, PROXY, PHONE, response(404, "Not Found", "MESSAGE", "msg-1", "z9hG4bKm1", 1, "o1",
                "Server: OpenSIPS (3.4.2 (x86_64/linux))"));

        Hop proxy = hop(new FlowBuilder().build(d.messages()).get(0), PROXY);

        assertEquals(Role.SIP_ENDPOINT, proxy.role(), proxy.toString());
        assertTrue(proxy.evidence().stream().anyMatch(e -> e.contains("answered this call's MESSAGE itself")),
                proxy.evidence()::toString);
    }

    @Test
    void aKamailioThatPingsAPhoneWithItsOwnOptionsIsThatCallsEndpoint() {
        Dialogue d = new Dialogue();
        d.send(0, PROXY, PHONE, request("OPTIONS", "sip:phone@192.168.1.20", "ping-1", "z9hG4bKp1", 1, null,
                "User-Agent: kamailio (5.7.4 (x86_64/linux))"));
        d.send(1, PHONE, PROXY, response(200, "OK", "OPTIONS", "ping-1", "z9hG4bKp1", 1, "ph1"));

        Hop proxy = hop(new FlowBuilder().build(d.messages()).get(0), PROXY);

        assertEquals(Role.SIP_ENDPOINT, proxy.role(), proxy.toString());
        assertTrue(proxy.evidence().stream().anyMatch(e -> e.contains("sent this call's OPTIONS itself")),
                proxy.evidence()::toString);
    }

    @Test
    void aKamailioThatPassesAnOptionsOnStaysAProxy() {
        String options = request("OPTIONS", "sip:192.168.1.40", "opt-2", "z9hG4bKo2", 1, null);
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PROXY, options);
        d.send(1, PROXY, PBX, passedOn(options, "192.168.1.30:5060", "z9hG4bKk2"));
        d.send(3, PBX, PROXY, response(200, "OK", "OPTIONS", "opt-2", "z9hG4bKk2", 1, "b2"));
        d.send(4, PROXY, PHONE, response(200, "OK", "OPTIONS", "opt-2", "z9hG4bKo2", 1, "b2"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(Role.PROXY, hop(flow, PROXY).role(), hop(flow, PROXY).toString());
    }

    @Test
    void aKamailioThatChallengesAMessageItselfAndThenPassesItOnStaysAProxy() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PROXY, request("MESSAGE", "sip:bob@example.com", "msg-2", "z9hG4bKm1", 1, null));
        d.send(1, PROXY, PHONE, response(407, "Proxy Authentication Required", "MESSAGE", "msg-2", "z9hG4bKm1", 1,
                "k2", KAMAILIO, "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"n1\""));
        String second = request("MESSAGE", "sip:bob@example.com", "msg-2", "z9hG4bKm2", 2, null,
                "Proxy-Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"n1\"");
        d.send(10, PHONE, PROXY, second);
        d.send(11, PROXY, PBX, passedOn(second, "192.168.1.30:5060", "z9hG4bKk3"));
        d.send(13, PBX, PROXY, response(200, "OK", "MESSAGE", "msg-2", "z9hG4bKk3", 2, "b3"));
        d.send(14, PROXY, PHONE, response(200, "OK", "MESSAGE", "msg-2", "z9hG4bKm2", 2, "b3"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        Hop proxy = hop(flow, PROXY);
        assertEquals(Role.PROXY, proxy.role(), proxy.toString());
        assertEquals("SIP proxy 192.168.1.30", proxy.name());
    }

    @Test
    void aKamailioThatAcceptsARegisterItselfIsTheRegistrar() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PROXY, request("REGISTER", "sip:example.com", "reg-1", "z9hG4bKr1", 1, null));
        d.send(1, PROXY, PHONE, response(200, "OK", "REGISTER", "reg-1", "z9hG4bKr1", 1, "k4", KAMAILIO));

        Hop proxy = hop(new FlowBuilder().build(d.messages()).get(0), PROXY);

        assertEquals(Role.REGISTRAR, proxy.role(), proxy.toString());
    }
}
