package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the call list showed wrongly for captures seen in the field (issue 15). */
class CallSummaryDefectsTest {

    private static final String PHONE = "192.168.1.23:5060";
    private static final String SBC = "172.20.11.236:5060";
    private static final String PROVIDER = "89.184.187.124:5060";
    private static final String ID = "call-1";

    private final FlowBuilder builder = new FlowBuilder();

    @Test
    void anAnsweredCallWithoutByeHasNoDurationRatherThanTheTimeToTheAck() {
        Dialogue d = new Dialogue();
        d.send(0, PROVIDER, SBC, request("INVITE", "sip:1@x", ID, "z9hG4bK1", 1, null));
        d.send(2_000, SBC, PROVIDER, response(200, "OK", "INVITE", ID, "z9hG4bK1", 1, "t"));
        d.send(2_040, PROVIDER, SBC, request("ACK", "sip:1@x", ID, "z9hG4bK2", 1, "t"));
        CallFlow flow = builder.build(d.messages()).get(0);
        assertEquals(200, flow.finalStatus());
        assertNull(flow.timings().durationMicros());
    }

    @Test
    void aDialogOfWhichOnlyA403WasCapturedShowsItsStatusAndParties() {
        Dialogue d = new Dialogue();
        d.send(0, SBC, PROVIDER, response(403, "Forbidden", "INVITE", ID, "z9hG4bK1", 1, "t"));
        CallFlow flow = builder.build(d.messages()).get(0);
        Leg leg = flow.aLeg();
        assertEquals(403, leg.finalStatus());
        assertEquals("Forbidden", leg.finalReason());
        assertNotNull(leg.from());
        assertNotNull(leg.to());
    }

    /**
     * A UA that registers and then calls on the same Call-ID (SIPp scenarios do) opens a call: the list showed it as
     * a REGISTER, one of the "other dialogs", while `calls` showed INVITE. Both name the dialog by what it opened.
     */
    @Test
    void aCallOnTheCallIdOfARegistrationIsListedAsTheInviteItIs() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, SBC, request("REGISTER", "sip:x", ID, "z9hG4bKr", 1, null));
        d.send(5, SBC, PHONE, response(200, "OK", "REGISTER", ID, "z9hG4bKr", 1, "r"));
        d.send(10, PHONE, SBC, request("INVITE", "sip:1@x", ID, "z9hG4bK1", 1, null));
        d.send(20, SBC, PHONE, response(403, "Error", "INVITE", ID, "z9hG4bK1", 1, "t"));
        CallFlow flow = builder.build(d.messages()).get(0);
        assertEquals("INVITE", flow.aLeg().method());
        CallSummary summary = CallSummary.of(flow);
        assertEquals("INVITE", summary.method());
        assertEquals(403, summary.finalStatus());
    }

    /**
     * A UA that sends every INVITE with the same branch and CSeq (student SIP stacks in the ptavi captures do, with
     * no Call-ID either) makes the answers to its first INVITE look like answers to its last: timings measured from
     * the last attempt came out negative ("first provisional -16.018 s"). Only answers after the attempt count.
     */
    @Test
    void answersCapturedBeforeTheLastAttemptGiveNoNegativeTimings() {
        String trying = "SIP/2.0 100 Trying\r\n\r\n";
        String ok = "SIP/2.0 200 OK\r\n\r\n";
        Dialogue d = new Dialogue();
        d.send(0, PHONE, SBC, "REGISTER sip:vampires.example SIP/2.0\r\nExpires: 3600\r\n\r\n");
        d.send(1, SBC, PHONE, ok);
        d.send(15_000, PHONE, SBC, "INVITE sip:damon@vampires.example SIP/2.0\r\nContent-Length: 0\r\n\r\n");
        d.send(15_001, SBC, PHONE, trying);
        d.send(31_000, PHONE, SBC, "INVITE sip:stefan@vampires.example SIP/2.0\r\nContent-Length: 0\r\n\r\n");
        d.send(31_001, SBC, PHONE, trying);
        for (CallFlow flow : builder.build(d.messages())) {
            Timings t = flow.timings();
            for (Long v : new Long[] {t.postDialDelayMicros(), t.firstProvisionalMicros(), t.finalResponseMicros(),
                    t.durationMicros()}) {
                assertTrue(v == null || v >= 0, String.valueOf(t));
            }
        }
    }

    @Test
    void aByeAnsweredAloneIsNotTakenForHowTheCallEnded() {
        Dialogue d = new Dialogue();
        d.send(0, SBC, PROVIDER, response(200, "OK", "BYE", ID, "z9hG4bK1", 2, "t"));
        assertEquals(0, builder.build(d.messages()).get(0).aLeg().finalStatus());
    }

    @Test
    void aPhoneOnAPrivateAddressIsAnEndpointAndThePublicPeerInvitingTheSbcIsTheCarrier() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, SBC, request("REGISTER", "sip:x", "reg-1", "z9hG4bKr", 1, null));
        d.send(5, SBC, PHONE, response(200, "OK", "REGISTER", "reg-1", "z9hG4bKr", 1, "r"));
        d.send(10, PHONE, SBC, request("INVITE", "sip:1@x", ID, "z9hG4bK1", 1, null));
        d.send(20, SBC, PHONE, response(100, "Trying", "INVITE", ID, "z9hG4bK1", 1, null));
        List<CallFlow> flows = builder.build(d.messages());
        CallFlow outbound = flows.stream().filter(f -> f.id().equals(ID)).findFirst().orElseThrow();
        assertEquals(Role.SIP_ENDPOINT, roleOf(outbound, PHONE));

        Dialogue inbound = new Dialogue();
        inbound.send(0, PROVIDER, SBC, request("INVITE", "sip:1@x", "in-1", "z9hG4bK9", 1, null));
        inbound.send(10, SBC, PROVIDER, response(100, "Trying", "INVITE", "in-1", "z9hG4bK9", 1, null));
        CallFlow call = builder.build(inbound.messages()).get(0);
        assertEquals(Role.CARRIER, roleOf(call, PROVIDER));
    }

    @Test
    void aProviderThatAPhoneBehindNatCallsIsTheCarrier() {
        Dialogue d = new Dialogue();
        d.send(0, PHONE, PROVIDER, request("INVITE", "sip:1@x", ID, "z9hG4bK1", 1, null));
        d.send(20, PROVIDER, PHONE, response(403, "Wrong password", "INVITE", ID, "z9hG4bK1", 1, "t"));
        CallFlow call = builder.build(d.messages()).get(0);
        assertEquals(Role.SIP_ENDPOINT, roleOf(call, PHONE));
        assertEquals(Role.CARRIER, roleOf(call, PROVIDER));
    }

    private static Role roleOf(CallFlow flow, String endpoint) {
        String address = endpoint.substring(0, endpoint.indexOf(':'));
        return flow.hops().stream().filter(h -> h.address().equals(address)).findFirst().orElseThrow().role();
    }
}
