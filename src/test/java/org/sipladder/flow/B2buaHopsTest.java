package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One call per family of the B2BUA table, built as a capture would show it: the tells name the family's hop. */
class B2buaHopsTest {

    private static final String CARRIER = "203.0.113.5:5060";
    private static final String PBX = "10.0.0.3:5060";

    private static Hop hop(CallFlow flow, String endpoint) {
        String address = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow();
    }

    private static void assertHop(CallFlow flow, String endpoint, Role role, String... clues) {
        Hop hop = hop(flow, endpoint);
        assertEquals(role, hop.role(), hop.toString());
        for (String clue : clues) {
            assertTrue(hop.evidence().stream().anyMatch(e -> e.contains(clue)), clue + " in " + hop.evidence());
        }
    }

    /** The call of one INVITE from {@code caller} to {@code callee} and the callee's final answer. */
    private static CallFlow inviteAndAnswer(String caller, String callee, String invite, int status, String reason) {
        String callId = invite.substring(invite.indexOf("Call-ID: ") + 9, invite.indexOf("\r\n", invite.indexOf("Call-ID: ")));
        Dialogue d = new Dialogue();
        d.send(0, caller, callee, invite);
        d.send(30, callee, caller, response(status, reason, "INVITE", callId, "z9hG4bK1", 1, "answer-1"));
        return new FlowBuilder().build(d.messages()).get(0);
    }

    /**
     * An INVITE {@code callId} from {@code caller} to {@code proxy}, which passes it on to {@code next} 3 ms later with
     * its own Via on top (RFC 3261 16.6), as a capture at both sides of the proxy shows it.
     */
    private static Dialogue inviteThroughProxy(String caller, String proxy, String next, String callId) {
        String invite = request("INVITE", "sip:+4930555@sip.example.net", callId, "z9hG4bKk1", 1, null);
        Dialogue d = new Dialogue();
        d.send(0, caller, proxy, invite);
        String proxyVia = "Via: SIP/2.0/UDP " + proxy + ";branch=z9hG4bKk2\r\n";
        return d.send(3, proxy, next, invite.replaceFirst("Via: ", proxyVia + "Via: "));
    }

    @Test
    void aHostThatRelaysTheInviteIsAProxyAndOneThatSendsAnotherLegIsAB2bua() {
        // no Server or User-Agent anywhere: only what each host did with the INVITEs tells
        String proxy = "10.0.0.2:5060";
        String sbc = "10.0.0.4:5060";
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, proxy, request("INVITE", "sip:+4930555@10.0.0.2", "leg-a", "z9hG4bKa1", 1, null));
        d.send(5, proxy, sbc, request("INVITE", "sip:+4930555@10.0.0.4", "leg-a", "z9hG4bKp1", 1, null));
        d.send(20, sbc, PBX, request("INVITE", "sip:+4930555@10.0.0.3", "leg-b", "z9hG4bKb1", 1, null,
                "X-Original-Call-ID: leg-a"));
        d.send(60, PBX, sbc, response(200, "OK", "INVITE", "leg-b", "z9hG4bKb1", 1, "b1"));
        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertHop(flow, proxy, Role.PROXY, "It passed an INVITE it received on under the same Call-ID leg-a to 10.0.0.4");
        assertHop(flow, sbc, Role.B2BUA, "It received an INVITE and sent another leg's (Call-ID leg-b) to 10.0.0.3");
        assertEquals(Role.SIP_ENDPOINT, hop(flow, PBX).role());
    }

    @Test
    void anSbcThatSendsTheNewLegBackToTheCarrierItCameFromIsAB2bua() {
        // a hairpin: the SBC routes the call back out through the carrier it came from (a forwarded number), a new
        // leg under its own Call-ID; that its receiver sent the A-leg does not make the SBC an endpoint
        String sbc = "198.51.100.20:5060";
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, sbc, request("INVITE", "sip:+4930555@198.51.100.20", "leg-a", "z9hG4bKa1", 1, null));
        d.send(20, sbc, CARRIER, request("INVITE", "sip:+4930777@203.0.113.5", "leg-b", "z9hG4bKb1", 1, null,
                "X-Original-Call-ID: leg-a"));
        d.send(60, CARRIER, sbc, response(200, "OK", "INVITE", "leg-b", "z9hG4bKb1", 1, "b1"));
        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(List.of("leg-a", "leg-b"), flow.legs().stream().map(Leg::callId).toList());
        assertHop(flow, sbc, Role.B2BUA, "It received an INVITE and sent another leg's (Call-ID leg-b) to 203.0.113.5");
        assertHop(flow, CARRIER, Role.CARRIER, "It sent the first INVITE of the call (frame 1).");
    }

    @Test
    void aProxyThatPassesTheInviteBackToTheHostItCameFromUnderItsOwnViaIsAProxy() {
        // two handsets behind one gateway address (SIP_DTMF2.cap): the proxy routes one's call to the other, back to
        // the same address, keeping the Call-ID and the received Via under its own (RFC 3261 16.6 step 8)
        String gateway = "192.168.105.110:5060";
        String proxy = "192.168.105.105:5060";
        String invite = request("INVITE", "sip:2504@192.168.105.105", "gw-1", "z9hG4bK12840", 1, null);
        Dialogue d = new Dialogue();
        d.send(0, gateway, proxy, invite);
        d.send(3, proxy, gateway, invite.replaceFirst("INVITE sip:2504@192.168.105.105", "INVITE sip:2504@192.168.105.110")
                .replaceFirst("Via: ", "Via: SIP/2.0/UDP 192.168.105.105:5060;branch=z9hG4bK48df8586c6abf.1\r\n"
                        + "Record-Route: <sip:192.168.105.105:5060;lr>\r\nVia: "));
        d.send(40, gateway, proxy, response(200, "OK", "INVITE", "gw-1", "z9hG4bK48df8586c6abf.1", 1, "h2"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertHop(flow, proxy, Role.PROXY,
                "It passed an INVITE it received on under the same Call-ID gw-1 to 192.168.105.110, as a SIP proxy does (frame 2).");
    }

    @Test
    void anInviteOfTheSameCallIdSentBackWithoutTheReceivedViaIsNoRelay() {
        // the same Call-ID back, but the Via it came with is not under the sender's: it did not pass that INVITE on
        String a = "10.0.0.10:5060";
        String b = "10.0.0.11:5060";
        Dialogue d = new Dialogue();
        d.send(0, a, b, request("INVITE", "sip:bob@10.0.0.11", "same-1", "z9hG4bKa1", 1, null));
        d.send(3, b, a, request("INVITE", "sip:alice@10.0.0.10", "same-1", "z9hG4bKb1", 1, null));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(Role.SIP_ENDPOINT, hop(flow, b).role());
    }

    @Test
    void freeSwitchIsAB2buaByItsUserAgentAndXFsSupport() {
        String fs = "198.51.100.10:5060";
        CallFlow flow = inviteAndAnswer(fs, PBX, request("INVITE", "sip:+4930555@10.0.0.3", "fs-1", "z9hG4bK1", 1, null,
                "User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit", "X-FS-Support: update_display,send_info"),
                200, "OK");

        assertHop(flow, fs, Role.B2BUA, "X-FS-Support, a header FreeSWITCH adds", "FreeSWITCH-mod_sofia");
    }

    @Test
    void aUserAgentInAResponseNamesItsSenderWhenItHasNoServer() {
        // FreeSWITCH answers with User-Agent, not Server
        String fs = "198.51.100.11:5060";
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, fs, request("INVITE", "sip:+4930555@198.51.100.11", "fs-2", "z9hG4bKa1", 1, null));
        d.send(40, fs, CARRIER, response(200, "OK", "INVITE", "fs-2", "z9hG4bKa1", 1, "fs1",
                "User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit"));
        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);
        assertEquals(Role.B2BUA, flow.hops().stream().filter(h -> h.address().equals("198.51.100.11")).findFirst()
                .orElseThrow().role());
    }

    @Test
    void asteriskIsAB2buaByItsServerAndHangupCauseHeaders() {
        String asterisk = "198.51.100.20:5060";
        Dialogue d = new Dialogue();
        d.send(0, CARRIER, asterisk, request("INVITE", "sip:+4930555@198.51.100.20", "ast-1", "z9hG4bKa1", 1, null));
        d.send(40, asterisk, CARRIER, response(200, "OK", "INVITE", "ast-1", "z9hG4bKa1", 1, "as1",
                "Server: Asterisk PBX 20.5.0"));
        d.send(9000, asterisk, CARRIER, request("BYE", "sip:+4930123456@203.0.113.5", "ast-1", "z9hG4bKa2", 2, "as1",
                "X-Asterisk-HangupCause: Normal Clearing", "X-Asterisk-HangupCauseCode: 16"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertHop(flow, asterisk, Role.B2BUA, "X-Asterisk-HangupCause, a header Asterisk adds", "Asterisk PBX 20.5.0");
        assertHop(flow, CARRIER, Role.CARRIER, "first INVITE");
    }

    @Test
    void kamailioWithToposIsAProxyOnOneDialogThatKeepsItsCallId() {
        String phone = "192.0.2.7:5060";
        String kamailio = "198.51.100.30:5060";
        Dialogue d = inviteThroughProxy(phone, kamailio, PBX, "kam-1");
        d.send(4, kamailio, phone, response(100, "trying -- your call is important to us", "INVITE", "kam-1",
                "z9hG4bKk1", 1, null, "Server: kamailio (5.7.4 (x86_64/linux))"));

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(1, flows.size(), "topos keeps the Call-ID: one dialog through the proxy");
        assertEquals(3, flows.get(0).hops().size());
        assertHop(flows.get(0), kamailio, Role.PROXY, "kamailio (5.7.4");
    }

    @Test
    void aProxyRelayingLiveKitsOneHundredProcessingIsAProxyAndNotLiveKit() {
        // a proxy that forwards every response (stateless, or configured so) passes LiveKit's 100 Processing on: the
        // status names LiveKit, the host that made it, not the one relaying it
        String kamailio = "198.51.100.30:5060";
        String livekit = "192.0.2.50:5060";
        Dialogue d = inviteThroughProxy(CARRIER, kamailio, livekit, "kam-2");
        d.send(60, livekit, kamailio, response(100, "Processing", "INVITE", "kam-2", "z9hG4bKk2", 1, null));
        d.send(62, kamailio, CARRIER, response(100, "Processing", "INVITE", "kam-2", "z9hG4bKk1", 1, null));
        d.send(400, livekit, kamailio, response(180, "Ringing", "INVITE", "kam-2", "z9hG4bKk2", 1, "lk1"));
        d.send(402, kamailio, CARRIER, response(180, "Ringing", "INVITE", "kam-2", "z9hG4bKk1", 1, "lk1"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertHop(flow, kamailio, Role.PROXY, "It passed an INVITE it received on under the same Call-ID kam-2");
        assertHop(flow, livekit, Role.LIVEKIT, "It answered 100 Processing, as LiveKit SIP does");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"503, Try again later", "404, No trunk found", "404, Does not match any SIP Trunks",
        "404, Does not match Trunks or Dispatch Rules", "407, Unauthorized", "401, Bad credentials"})
    void liveKitsOwnReasonPhraseNamesItWhereNothingElseDoes(int status, String reason) {
        // LiveKit behind an address, answering without 100 Processing (hide_inbound_port), with no Server header and
        // a To tag of no known form: the words of its refusal are its own (livekit/sip pkg/sip/inbound.go)
        String livekit = "192.0.2.50:5060";
        CallFlow flow = inviteAndAnswer(PBX, livekit, request("INVITE", "sip:+4930555@192.0.2.50", "lk-words",
                "z9hG4bK1", 1, null), status, reason);

        assertHop(flow, livekit, Role.LIVEKIT, "It answered " + status + " " + reason + ", as LiveKit SIP words it");
    }

    @Test
    void aStandardReasonPhraseOrARelayedOneNamesNoLiveKit() {
        String server = "192.0.2.60:5060";
        CallFlow standard = inviteAndAnswer(PBX, server, request("INVITE", "sip:+4930555@192.0.2.60", "std-words",
                "z9hG4bK1", 1, null), 407, "Proxy Authentication Required");
        assertTrue(hop(standard, server).role() != Role.LIVEKIT, hop(standard, server).toString());
        // a proxy passing LiveKit's 503 on keeps its words: they name LiveKit, not the proxy
        String kamailio = "198.51.100.30:5060";
        String livekit = "192.0.2.50:5060";
        Dialogue d = inviteThroughProxy(CARRIER, kamailio, livekit, "kam-3");
        d.send(60, livekit, kamailio, response(503, "Try again later", "INVITE", "kam-3", "z9hG4bKk2", 1, "lk1"));
        d.send(62, kamailio, CARRIER, response(503, "Try again later", "INVITE", "kam-3", "z9hG4bKk1", 1, "lk1"));
        CallFlow relayed = new FlowBuilder().build(d.messages()).get(0);
        assertHop(relayed, livekit, Role.LIVEKIT, "It answered 503 Try again later, as LiveKit SIP words it");
        assertTrue(hop(relayed, kamailio).role() != Role.LIVEKIT, hop(relayed, kamailio).toString());
    }

    @Test
    void aSerProxyAPhoneBehindNatCallsThroughIsAProxyNotTheCarrier() {
        // SIP Express Router answering a private phone's INVITE itself (sngrep's aaa.pcap): the provider's proxy
        String phone = "192.168.1.2:5060";
        String ser = "200.68.120.81:5060";
        Dialogue d = new Dialogue();
        d.send(0, phone, ser, request("INVITE", "sip:97239287044@voip.brujula.net", "ser-1", "z9hG4bKs1", 1, null));
        d.send(40, ser, phone, response(407, "Proxy Authentication Required", "INVITE", "ser-1", "z9hG4bKs1", 1,
                "s1", "Server: Sip EXpress router (0.8.12 (i386/linux))"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertHop(flow, ser, Role.PROXY, "It identifies itself as \"Sip EXpress router (0.8.12 (i386/linux))\" (frame 2).");
    }

    @Test
    void openSipsTopologyHidingIsAProxyByItsCallIdPrefix() {
        String opensips = "198.51.100.40:5060";
        CallFlow flow = inviteAndAnswer(opensips, PBX, request("INVITE", "sip:+4930555@10.0.0.3",
                "DLGCH_K3xlPAoBB0FEXRQZ", "z9hG4bK1", 1, null), 486, "Busy Here");

        assertHop(flow, opensips, Role.PROXY, "Call-ID starts with DLGCH_, as OpenSIPS");
    }

    @Test
    void twilioIsTheCarrierByItsHeadersAndAgentAndByItsTrunkDomain() {
        String twilio = "54.172.60.1:5060";
        Dialogue d = new Dialogue();
        d.send(0, twilio, PBX, request("INVITE", "sip:+4930555@10.0.0.3", "tw-1", "z9hG4bKt1", 1, null,
                "User-Agent: Twilio Gateway", "X-Twilio-CallSid: CA93eac6be615da5e6836c7059e9555348",
                "X-Twilio-AccountSid: AC0123456789abcdef0123456789abcdef"));
        // the other way: a PBX on a public address calling out through its Twilio trunk
        String pbx = "198.51.100.50:5060";
        d.send(5000, pbx, twilio, request("INVITE", "sip:+14155550100@acme.pstn.twilio.com", "tw-2", "z9hG4bKt2", 1,
                null));

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertHop(flows.get(0), twilio, Role.CARRIER, "X-Twilio-CallSid, a header Twilio adds", "Twilio Gateway");
        assertHop(flows.get(1), twilio, Role.CARRIER, "acme.pstn.twilio.com, a Twilio domain");
    }

    @Test
    void telnyxIsTheCarrierByItsCallControlHeadersAndItsDomain() {
        String telnyx = "192.76.120.10:5060";
        Dialogue d = new Dialogue();
        d.send(0, telnyx, PBX, request("INVITE", "sip:+4930555@10.0.0.3", "tx-1", "z9hG4bKx1", 1, null,
                "X-call_leg_id: 3f6d2e1a-9b8c-11ee-8c90-0242ac120002",
                "X-call_session_id: 41a7c5b2-9b8c-11ee-8c90-0242ac120002"));
        String pbx = "198.51.100.60:5060";
        d.send(5000, pbx, telnyx, request("INVITE", "sip:+14155550100@sip.telnyx.com", "tx-2", "z9hG4bKx2", 1, null));

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertHop(flows.get(0), telnyx, Role.CARRIER, "X-call_leg_id, a header Telnyx adds");
        assertHop(flows.get(1), telnyx, Role.CARRIER, "sip.telnyx.com, a Telnyx domain");
    }

    @Test
    void vonageIsTheCarrierByItsDomainAlone() {
        String vonage = "216.147.0.1:5060";
        String pbx = "198.51.100.70:5060";
        CallFlow flow = inviteAndAnswer(pbx, vonage, request("INVITE", "sip:+447700900000@acme.sip-eu.vonage.com",
                "vn-1", "z9hG4bK1", 1, null), 403, "Forbidden");

        assertHop(flow, vonage, Role.CARRIER, "acme.sip-eu.vonage.com, a Vonage domain");
    }
}
