package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The host that accepts or challenges a REGISTER is the registrar of that call (RFC 3261 10.3), whatever product it
 * is: a PBX that is a B2BUA in its INVITE calls, or a proxy with a registrar module.
 */
class RegistrarHopsTest {

    private static final String PHONE = "172.16.98.1:5060";
    private static final String PBX = "172.16.98.101:5060";

    private static Hop hop(CallFlow flow, String endpoint) {
        String address = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void anAsteriskThatAnswersARegisterIsTheRegistrarNotAB2bua() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PBX, request("REGISTER", "sip:172.16.98.101", "reg-1", "z9hG4bKr1", 1, null,
                "User-Agent: Zoiper rv2.8.20"));
        d.send(2, PBX, PHONE, response(401, "Unauthorized", "REGISTER", "reg-1", "z9hG4bKr1", 1, "as1",
                "Server: Asterisk PBX 11.7.0~dfsg-1ubuntu1",
                "WWW-Authenticate: Digest algorithm=MD5, realm=\"asterisk\", nonce=\"1a2b3c\""));
        d.send(10, PHONE, PBX, request("REGISTER", "sip:172.16.98.101", "reg-1", "z9hG4bKr2", 2, null,
                "User-Agent: Zoiper rv2.8.20"));
        d.send(12, PBX, PHONE, response(200, "OK", "REGISTER", "reg-1", "z9hG4bKr2", 2, "as1",
                "Server: Asterisk PBX 11.7.0~dfsg-1ubuntu1"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        Hop pbx = hop(flow, PBX);
        assertEquals(Role.REGISTRAR, pbx.role(), pbx.toString());
        assertEquals("Registrar 172.16.98.101", pbx.name());
        // the strongest answer is cited, the acceptance, not the challenge that came first
        assertTrue(pbx.evidence().contains(
                "It answered a REGISTER with 200 OK, as a registrar does (frame 4)."), pbx.evidence()::toString);
        assertTrue(pbx.evidence().stream().noneMatch(e -> e.contains("401")), pbx.evidence()::toString);
        assertEquals(Role.SIP_ENDPOINT, hop(flow, PHONE).role());
    }

    @Test
    void aRegistrarsOwnChallengeIsCitedBeforeA407OrARefusal() {
        // 407 (a proxy's challenge as well), then a 401 to the next REGISTER: the 401 is the registrar's own
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PBX, request("REGISTER", "sip:172.16.98.101", "reg-5", "z9hG4bKr1", 1, null));
        d.send(2, PBX, PHONE, response(407, "Proxy Authentication Required", "REGISTER", "reg-5", "z9hG4bKr1", 1, "p1",
                "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"n1\""));
        d.send(10, PHONE, PBX, request("REGISTER", "sip:172.16.98.101", "reg-5", "z9hG4bKr2", 2, null));
        d.send(12, PBX, PHONE, response(401, "Unauthorized", "REGISTER", "reg-5", "z9hG4bKr2", 2, "p1",
                "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"n2\""));
        d.send(20, PHONE, PBX, request("REGISTER", "sip:172.16.98.101", "reg-5", "z9hG4bKr3", 3, null));
        d.send(22, PBX, PHONE, response(403, "Forbidden", "REGISTER", "reg-5", "z9hG4bKr3", 3, "p1"));

        Hop pbx = hop(new FlowBuilder().build(d.messages()).get(0), PBX);
        assertEquals(Role.REGISTRAR, pbx.role(), pbx.toString());
        assertEquals(List.of("It answered a REGISTER with 401 Unauthorized, as a registrar does (frame 4)."),
                pbx.evidence());
    }

    @Test
    void aProxyThatRelaysARegisterStaysAProxyAndTheHostBehindItIsTheRegistrar() {
        String proxy = "172.16.98.102:5060";
        String registrar = "172.16.98.103:5060";
        String register = request("REGISTER", "sip:example.com", "reg-2", "z9hG4bKr1", 1, null);
        Dialogue d = new Dialogue();
        d.send(0, PHONE, proxy, register);
        d.send(1, proxy, registrar, register.replaceFirst("Via: ",
                "Via: SIP/2.0/UDP 172.16.98.102:5060;branch=z9hG4bKp1\r\nVia: "));
        d.send(3, registrar, proxy, response(200, "OK", "REGISTER", "reg-2", "z9hG4bKp1", 1, "r1",
                "Server: kamailio (5.7.4 (x86_64/linux))"));
        d.send(4, proxy, PHONE, response(200, "OK", "REGISTER", "reg-2", "z9hG4bKr1", 1, "r1",
                "Server: kamailio (5.7.4 (x86_64/linux))"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(Role.PROXY, hop(flow, proxy).role(), hop(flow, proxy).toString());
        Hop behind = hop(flow, registrar);
        assertEquals(Role.REGISTRAR, behind.role(), behind.toString());
        assertTrue(behind.evidence().contains("It answered a REGISTER with 200 OK, as a registrar does (frame 3)."),
                behind.evidence()::toString);
    }

    /** The call of one REGISTER from the phone to {@code server}, answered {@code status} with {@code extra}. */
    private static CallFlow answeredRegister(String server, int status, String reason, String... extra) {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, server, request("REGISTER", "sip:example.com", "reg-4", "z9hG4bKr1", 1, null,
                "User-Agent: Zoiper rv2.8.20"));
        d.send(2, server, PHONE, response(status, reason, "REGISTER", "reg-4", "z9hG4bKr1", 1, "s1", extra));
        return new FlowBuilder().build(d.messages()).get(0);
    }

    @Test
    void aHostThatRefusesARegistrationItselfIsTheRegistrar() {
        // RFC 3261 10.3: a registrar answers 403 to a user not allowed to change the bindings (a wrong password)
        // and 404 to an address-of-record not in its domain; both are the registrar's own answers
        for (int status : new int[] {403, 404}) {
            CallFlow flow = answeredRegister(PBX, status, status == 403 ? "Forbidden" : "Not Found");

            Hop pbx = hop(flow, PBX);
            assertEquals(Role.REGISTRAR, pbx.role(), status + ": " + pbx);
            assertEquals(List.of("It answered a REGISTER with " + status + (status == 403 ? " Forbidden" : " Not Found")
                    + ", as a registrar does (frame 2)."), pbx.evidence());
        }
    }

    @Test
    void aHostThatChallengesTheUserAgentsRegisterWithProxyAuthenticationIsTheRegistrar() {
        // a 407 to a REGISTER that came straight from the phone (its one Via) by a host that passes nothing on
        CallFlow flow = answeredRegister(PBX, 407, "Proxy Authentication Required",
                "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"n1\"");

        assertEquals(Role.REGISTRAR, hop(flow, PBX).role(), hop(flow, PBX).toString());
    }

    @Test
    void aProxyThatChallengesARegisterAndThenPassesItOnIsNoRegistrar() {
        // a proxy authenticates for its domain (407, RFC 3261 22.3), then forwards the REGISTER to the registrar:
        // its 407 is the domain's, not a registrar's answer
        String proxy = "172.16.98.102:5060";
        String registrar = "172.16.98.103:5060";
        Dialogue d = new Dialogue();
        d.send(0, PHONE, proxy, request("REGISTER", "sip:example.com", "reg-5", "z9hG4bKr1", 1, null));
        d.send(1, proxy, PHONE, response(407, "Proxy Authentication Required", "REGISTER", "reg-5", "z9hG4bKr1", 1,
                "p1", "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"n1\""));
        String second = request("REGISTER", "sip:example.com", "reg-5", "z9hG4bKr2", 2, null,
                "Proxy-Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"n1\"");
        d.send(10, PHONE, proxy, second);
        d.send(11, proxy, registrar, second.replaceFirst("Via: ",
                "Via: SIP/2.0/UDP 172.16.98.102:5060;branch=z9hG4bKp2\r\nVia: "));
        d.send(13, registrar, proxy, response(200, "OK", "REGISTER", "reg-5", "z9hG4bKp2", 2, "r1"));
        d.send(14, proxy, PHONE, response(200, "OK", "REGISTER", "reg-5", "z9hG4bKr2", 2, "r1"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(Role.PROXY, hop(flow, proxy).role(), hop(flow, proxy).toString());
        assertEquals(Role.REGISTRAR, hop(flow, registrar).role(), hop(flow, registrar).toString());
    }

    @Test
    void aProxyAuthenticationChallengeToARegisterThatCameThroughAProxyIsNoRegistrars() {
        // only the leg between two proxies is captured: the REGISTER has the phone's Via under the first proxy's, and
        // the host that answers it 407 is a proxy on the way (RFC 3261 22.3), not the registrar
        String edge = "172.16.98.102:5060";
        String core = "172.16.98.104:5060";
        String register = request("REGISTER", "sip:example.com", "reg-6", "z9hG4bKr1", 1, null);
        Dialogue d = new Dialogue();
        d.send(0, edge, core, register.replaceFirst("Via: ",
                "Via: SIP/2.0/UDP 172.16.98.102:5060;branch=z9hG4bKe1\r\nVia: "));
        d.send(2, core, edge, response(407, "Proxy Authentication Required", "REGISTER", "reg-6", "z9hG4bKr1", 1, "c1",
                "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"n1\"").replaceFirst("Via: ",
                "Via: SIP/2.0/UDP 172.16.98.102:5060;branch=z9hG4bKe1\r\nVia: "));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(Role.SIP_ENDPOINT, hop(flow, core).role(), hop(flow, core).toString());
    }

    @Test
    void aHostThatRefusesTheRegisterMethodIsNoRegistrar() {
        // LiveKit SIP answers REGISTER 405: it is no registrar, and its own clues keep naming it
        String livekit = "192.0.2.50:5060";
        Dialogue d = new Dialogue();
        d.send(0, PHONE, livekit, request("REGISTER", "sip:example.com", "reg-3", "z9hG4bKr1", 1, null));
        d.send(2, livekit, PHONE, response(405, "Method Not Allowed", "REGISTER", "reg-3", "z9hG4bKr1", 1, "x",
                "Server: LiveKit"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(Role.LIVEKIT, hop(flow, livekit).role());
    }

    @Test
    void aPbxAnsweringAnInviteStaysAB2buaEvenWhenItIsTheRegistrarElsewhere() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PBX, request("INVITE", "sip:201@172.16.98.101", "inv-1", "z9hG4bKi1", 1, null));
        d.send(30, PBX, PHONE, response(200, "OK", "INVITE", "inv-1", "z9hG4bKi1", 1, "as2",
                "Server: Asterisk PBX 11.7.0~dfsg-1ubuntu1"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(Role.B2BUA, hop(flow, PBX).role());
    }
}
