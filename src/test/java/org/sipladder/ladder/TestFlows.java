package org.sipladder.ladder;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Role;
import org.sipladder.flow.Timings;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SdpMedia;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;

/** Call flows built straight from the model records, for layout and view tests. */
public final class TestFlows {

    public static final String CARRIER = "89.184.187.124";
    public static final String JAMBONZ = "172.20.11.236";
    public static final String LIVEKIT = "129.158.233.108";
    private static final long START = 1_700_000_000_000_000L;

    private final List<Hop> hops = new ArrayList<>();
    private final List<FlowMessage> messages = new ArrayList<>();
    private long clock = START;
    private long frame;

    /** Adds a hop column in the order given, named like the flow builder names hops ("LiveKit 1.2.3.4"). */
    public TestFlows hop(String address, Role role) {
        hops.add(new Hop(address, role, role.displayName() + " " + address, List.of()));
        return this;
    }

    /** A request after the given gap in milliseconds. */
    public TestFlows request(double gapMillis, int leg, String src, String dst, String method, boolean sdp) {
        return add(gapMillis, leg, src, dst, method, 0, null, sdp, false);
    }

    /** A response after the given gap in milliseconds. */
    public TestFlows response(double gapMillis, int leg, String src, String dst, int status, String reason,
                              boolean sdp) {
        return add(gapMillis, leg, src, dst, null, status, reason, sdp, false);
    }

    /** A retransmission of a request. */
    public TestFlows retransmitted(double gapMillis, int leg, String src, String dst, String method) {
        return add(gapMillis, leg, src, dst, method, 0, null, false, true);
    }

    private TestFlows add(double gapMillis, int leg, String src, String dst, String method, int status,
                          String reason, boolean sdp, boolean retransmission) {
        clock += Math.round(gapMillis * 1000);
        frame++;
        String callId = "call-" + leg + "@test";
        List<SipHeader> headers = List.of(new SipHeader("Call-ID", callId, "Call-ID: " + callId),
                new SipHeader("CSeq", "1 " + (method == null ? "INVITE" : method), "CSeq: 1 INVITE"));
        Sdp body = sdp ? new Sdp("- 1 1 IN IP4 " + src, src,
                List.of(new SdpMedia("audio", 40000, "RTP/AVP", List.of("0 PCMU/8000"), null, "sendrecv"))) : null;
        String start = method != null ? method + " sip:4991874350352@" + dst + " SIP/2.0"
                : "SIP/2.0 " + status + " " + reason;
        SipMessage m = new SipMessage(frame, clock, new Endpoint(src, 5060), new Endpoint(dst, 5060), Transport.UDP,
                method, method == null ? null : "sip:4991874350352@" + dst, status, reason, headers, new byte[0], body,
                start + "\r\nCall-ID: " + callId + "\r\n\r\n", false, null);
        messages.add(new FlowMessage(m, leg, retransmission, "z9hG4bK" + leg + "/1 INVITE"));
        return this;
    }

    public CallFlow build() {
        int legCount = messages.stream().mapToInt(FlowMessage::legIndex).max().orElse(0) + 1;
        List<Leg> legs = new ArrayList<>();
        for (int i = 0; i < legCount; i++) {
            legs.add(new Leg(i, "call-" + i + "@test", "<sip:+4930123@carrier>", "<sip:4991874350352@x>",
                    "sip:4991874350352@x", 1, frame, 0, null, messages.size()));
        }
        return new CallFlow("call-0@test", legs, List.copyOf(hops), List.copyOf(messages),
                List.of("X-CID matches"), new Timings(null, null, null, null));
    }

    /** The seed case: carrier -> Jambonz -> LiveKit, 503 on the LiveKit leg, 603 to the carrier. */
    public static CallFlow seed() {
        return new TestFlows().hop(CARRIER, Role.CARRIER).hop(JAMBONZ, Role.JAMBONZ).hop(LIVEKIT, Role.LIVEKIT)
                .request(0, 0, CARRIER, JAMBONZ, "INVITE", true)
                .response(1.8, 0, JAMBONZ, CARRIER, 100, "Trying", false)
                .request(42.5, 1, JAMBONZ, LIVEKIT, "INVITE", true)
                .response(21.3, 1, LIVEKIT, JAMBONZ, 100, "Processing", false)
                .response(3.1, 0, JAMBONZ, CARRIER, 183, "Session Progress", true)
                .response(3004.7, 1, LIVEKIT, JAMBONZ, 503, "Try again later", false)
                .request(0.6, 1, JAMBONZ, LIVEKIT, "ACK", false)
                .response(1.2, 0, JAMBONZ, CARRIER, 603, "Decline", false)
                .request(20.4, 0, CARRIER, JAMBONZ, "ACK", false)
                .build();
    }

    /** A two-party dialog of the given length cycling through a realistic set of messages. */
    public static CallFlow dialog(int count) {
        TestFlows flow = new TestFlows().hop("10.0.0.1", Role.SIP_ENDPOINT).hop("10.0.0.2", Role.SIP_ENDPOINT);
        String a = "10.0.0.1";
        String b = "10.0.0.2";
        for (int i = 0; i < count; i++) {
            switch (i % 8) {
                case 0 -> flow.request(5, 0, a, b, "INVITE", true);
                case 1 -> flow.response(2, 0, b, a, 100, "Trying", false);
                case 2 -> flow.response(80, 0, b, a, 180, "Ringing", false);
                case 3 -> flow.response(900, 0, b, a, 200, "OK", true);
                case 4 -> flow.request(1, 0, a, b, "ACK", false);
                case 5 -> flow.request(2000, 0, b, a, "INFO", false);
                case 6 -> flow.response(3, 0, a, b, 200, "OK", false);
                default -> flow.request(1500, 0, a, b, "BYE", false);
            }
        }
        return flow.build();
    }
}
