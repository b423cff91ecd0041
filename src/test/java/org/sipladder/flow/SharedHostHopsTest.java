package org.sipladder.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipladder.flow.Dialogue.request;
import static org.sipladder.flow.Dialogue.response;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;

/**
 * Two parties of a call on one address, told apart by port (SIPp's uac and uas on loopback, an SBC beside LiveKit
 * SIP on one box): a hop each, with its own role, as sngrep draws a column per address and port.
 */
class SharedHostHopsTest {

    private static final String UAC = "127.0.0.1:5061";
    private static final String UAS = "127.0.0.1:5060";
    private static final String URI = "sip:service@127.0.0.1:5060";

    private static String via(String text, String transport, String sentBy) {
        return text.replace("Via: SIP/2.0/UDP 10.9.9.9:5060", "Via: SIP/2.0/" + transport + " " + sentBy);
    }

    @Test
    void aLoopbackCallBetweenTwoPortsHasAHopPerPortEachWithItsRole() {
        Dialogue d = new Dialogue();
        d.send(0, UAC, UAS, request("INVITE", URI, "lo-1", "z9hG4bK1", 1, null, "User-Agent: sipp"));
        d.send(1, UAS, UAC, response(100, "Processing", "INVITE", "lo-1", "z9hG4bK1", 1, null));
        d.send(2, UAS, UAC, response(180, "Ringing", "INVITE", "lo-1", "z9hG4bK1", 1, "SCL_abc"));
        d.send(3, UAS, UAC, response(200, "OK", "INVITE", "lo-1", "z9hG4bK1", 1, "SCL_abc"));
        d.send(4, UAC, UAS, request("ACK", URI, "lo-1", "z9hG4bK2", 1, "SCL_abc"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(2, flow.hops().size(), flow.hops().toString());
        Hop caller = flow.hops().get(0);
        Hop liveKit = flow.hops().get(1);
        assertEquals(List.of("127.0.0.1", 5061, Role.SIP_ENDPOINT, "127.0.0.1:5061"),
                List.of(caller.address(), caller.port(), caller.role(), caller.place()));
        assertEquals(List.of("127.0.0.1", 5060, Role.LIVEKIT, "LiveKit 127.0.0.1:5060"),
                List.of(liveKit.address(), liveKit.port(), liveKit.role(), liveKit.name()));
        assertTrue(flow.hasHop(new Endpoint("127.0.0.1", 5060), Role.LIVEKIT));
        assertFalse(flow.hasHop(new Endpoint("127.0.0.1", 5061), Role.LIVEKIT));
    }

    @Test
    void anSbcBesideLiveKitOnOneBoxIsTwoHopsBehindTheCarrier() {
        String carrier = "89.184.187.124:5060";
        String sbc = "10.0.0.5:5080";
        String liveKit = "10.0.0.5:5060";
        Dialogue d = new Dialogue();
        d.send(0, carrier, sbc, request("INVITE", "sip:+4930123456@10.0.0.5:5080", "A-1", "z9hG4bKa", 1, null));
        d.send(5, sbc, carrier, response(100, "Trying", "INVITE", "A-1", "z9hG4bKa", 1, null));
        d.send(30, sbc, liveKit, request("INVITE", "sip:+4930123456@10.0.0.5:5060", "B-1", "z9hG4bKb", 1, null,
                "X-CID: A-1", "X-Call-Sid: 7f3e"));
        d.send(40, liveKit, sbc, response(100, "Processing", "INVITE", "B-1", "z9hG4bKb", 1, null));
        d.send(900, liveKit, sbc, response(503, "Try again later", "INVITE", "B-1", "z9hG4bKb", 1, "SCL_x"));
        d.send(910, sbc, carrier, response(603, "Decline", "INVITE", "A-1", "z9hG4bKa", 1, "jz"));

        List<CallFlow> flows = new FlowBuilder().build(d.messages());

        assertEquals(1, flows.size(), flows.toString());
        CallFlow flow = flows.get(0);
        assertEquals(2, flow.legs().size());
        assertEquals(List.of("Carrier 89.184.187.124", "Jambonz 10.0.0.5:5080", "LiveKit 10.0.0.5:5060"),
                flow.hops().stream().map(Hop::name).toList());
        assertEquals(List.of(0, 5080, 5060), flow.hops().stream().map(Hop::port).toList());
        assertFalse(flow.hops().get(0).split(), "the carrier's host is not shared: one hop by address, as before");
        assertTrue(flow.hops().get(1).evidence().toString().contains("X-C"), flow.hops().get(1).evidence().toString());
    }

    @Test
    void overTcpTheCallersPassingPortBelongsToThePartyItsViaNames() {
        String uacConnection = "127.0.0.1:40312";
        Dialogue d = new Dialogue();
        d.send(0, Transport.TCP, uacConnection, UAS,
                via(request("INVITE", URI, "tcp-1", "z9hG4bK1", 1, null), "TCP", "127.0.0.1:5061"));
        d.send(1, Transport.TCP, UAS, uacConnection,
                via(response(100, "Processing", "INVITE", "tcp-1", "z9hG4bK1", 1, null), "TCP", "127.0.0.1:5061"));
        d.send(3, Transport.TCP, UAS, uacConnection,
                via(response(200, "OK", "INVITE", "tcp-1", "z9hG4bK1", 1, "SCL_t"), "TCP", "127.0.0.1:5061"));
        d.send(4, Transport.TCP, uacConnection, UAS,
                via(request("ACK", URI, "tcp-1", "z9hG4bK2", 1, "SCL_t"), "TCP", "127.0.0.1:5061"));
        // the callee hangs up over the connection the caller opened: to the caller's passing port
        d.send(900, Transport.TCP, UAS, uacConnection,
                via(request("BYE", "sip:sipp@127.0.0.1:5061;transport=tcp", "tcp-1", "z9hG4bK3", 2, "SCL_t"), "TCP",
                        "127.0.0.1:5060"));
        d.send(901, Transport.TCP, uacConnection, UAS,
                via(response(200, "OK", "BYE", "tcp-1", "z9hG4bK3", 2, "SCL_t"), "TCP", "127.0.0.1:5060"));

        CallFlow flow = new FlowBuilder().build(d.messages()).get(0);

        assertEquals(2, flow.hops().size(), flow.hops().toString());
        assertEquals(List.of(5061, 40312), flow.hops().get(0).ports());
        assertEquals("127.0.0.1:5061", flow.hops().get(0).place());
        assertEquals(List.of(5060), flow.hops().get(1).ports());
        assertEquals(Role.LIVEKIT, flow.hops().get(1).role());
        assertTrue(flow.hops().get(0).holds(new Endpoint("127.0.0.1", 40312)));
    }

    @Test
    void theSentByPortOfAViaIsItsPortOrTheTransportsDefault() {
        assertEquals(5061, SharedHosts.sentByPort("SIP/2.0/TCP 127.0.0.1:5061;branch=z9hG4bK1", Transport.TCP));
        assertEquals(5070, SharedHosts.sentByPort("SIP/2.0/TLS [2001:db8::1]:5070;rport", Transport.TLS));
        assertEquals(5061, SharedHosts.sentByPort("SIP/2.0/TLS [2001:db8::1];rport", Transport.TLS));
        assertEquals(5060, SharedHosts.sentByPort("SIP/2.0/TCP pbx.example.com ;branch=z9hG4bK1", Transport.TCP));
        assertEquals(5062, SharedHosts.sentByPort("SIP/2.0/TCP a.example:5062, SIP/2.0/UDP b.example:5064", Transport.TCP));
        assertEquals(-1, SharedHosts.sentByPort("SIP/2.0/TCP a.example:port", Transport.TCP));
    }
}
