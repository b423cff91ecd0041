package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A SIP scanner (SIPVicious, SIPPTS, sipcli...) that sends a call's first request is titled what it is, not the
 * carrier its public address and first INVITE would make it; a carrier or phone whose User-Agent only has such a name
 * inside a word of its own is none.
 */
class ScannerHopsTest {

    private static final String SCANNER = "203.0.113.66:5060";
    private static final String PBX = "198.51.100.20:5060";

    private static Hop hop(CallFlow flow, String endpoint) {
        String address = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow();
    }

    /** The call of one request from {@code SCANNER} to {@code PBX} with {@code extra}, answered 401. */
    private static CallFlow probe(String method, String... extra) {
        Dialogue d = new Dialogue();
        d.send(0, SCANNER, PBX, request(method, "sip:100@198.51.100.20", "scan-1", "z9hG4bKs1", 1, null, extra));
        d.send(2, PBX, SCANNER, response(401, "Unauthorized", method, "scan-1", "z9hG4bKs1", 1, "p1",
                "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\""));
        return new FlowBuilder().build(d.messages()).get(0);
    }

    @Test
    void sipViciousSendingTheFirstInviteIsAScannerNotTheCarrier() {
        CallFlow flow = probe("INVITE", "User-Agent: friendly-scanner");

        Hop scanner = hop(flow, SCANNER);
        assertEquals(Role.SCANNER, scanner.role(), scanner.toString());
        assertEquals("Scanner 203.0.113.66", scanner.name());
        assertEquals(List.of("It identifies itself as \"friendly-scanner\": SIPVicious, a SIP scanner and password "
                + "cracker (frame 1)."), scanner.evidence());
    }

    @Test
    void aScannerNamedByItsProductAndVersionIsAScannerWhateverItSends() {
        for (String agent : List.of("sipcli/v1.8", "VaxSIPUserAgent/3.1", "pplsip", "sipsak 0.9.6")) {
            for (String method : List.of("INVITE", "REGISTER", "OPTIONS")) {
                Hop scanner = hop(probe(method, "User-Agent: " + agent), SCANNER);
                assertEquals(Role.SCANNER, scanner.role(), agent + " " + method + ": " + scanner);
            }
        }
    }

    @Test
    void sipViciousUnderAnotherUserAgentIsKnownByItsFromDisplayName() {
        // svmap writes From "sipvicious" whatever User-Agent it is given (-u), a spoofed Asterisk one here
        Dialogue d = new Dialogue();
        d.send(0, SCANNER, PBX, request("OPTIONS", "sip:100@198.51.100.20", "scan-2", "z9hG4bKs1", 1, null,
                "User-Agent: Asterisk PBX 1.6.0.10").replaceFirst("From: [^\r]*",
                "From: \"sipvicious\"<sip:100@1.1.1.1>;tag=6163"));
        d.send(2, PBX, SCANNER, response(200, "OK", "OPTIONS", "scan-2", "z9hG4bKs1", 1, "p1"));
        Hop scanner = hop(new FlowBuilder().build(d.messages()).get(0), SCANNER);

        assertEquals(Role.SCANNER, scanner.role(), scanner.toString());
        assertEquals(List.of("It sent a request From \"sipvicious\", the display name SIPVicious, a SIP scanner and "
                + "password cracker, writes (frame 1)."), scanner.evidence());
    }

    @Test
    void aCarrierWhoseUserAgentHasAToolsNameInsideAWordIsTheCarrier() {
        for (String agent : List.of("Nero SIPPS IP Phone Version 2.0.51.16", "Acme-SBC sipsakura/2.1",
                "GW sipclient/3.2 (friendly-scanner)", "UNfriendly-scanner - for demo purposes", "pplsip-gateway")) {
            Hop carrier = hop(probe("INVITE", "User-Agent: " + agent), SCANNER);
            assertEquals(Role.CARRIER, carrier.role(), agent + ": " + carrier);
        }
    }
}
