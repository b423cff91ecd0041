package org.sipladder.ui;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.Transport;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallSummary;
import org.sipladder.flow.FlowMessage;
import org.sipladder.flow.Hop;
import org.sipladder.flow.Leg;
import org.sipladder.flow.Role;
import org.sipladder.flow.Timings;
import org.sipladder.sip.Sdp;
import org.sipladder.sip.SipHeader;
import org.sipladder.sip.SipMessage;

/** Builds call flow values for view-model tests, without reading a capture. */
public final class Flows {

    public static final Endpoint CARRIER = new Endpoint("89.184.187.124", 5060);
    public static final Endpoint SBC = new Endpoint("172.20.11.236", 5060);

    private Flows() {
    }

    /** A SIP message from its text; headers are split naively, which is enough for these tests. */
    public static SipMessage message(long frame, Endpoint src, Endpoint dst, String text, Sdp sdp) {
        String[] lines = text.split("\r\n");
        String start = lines[0];
        List<SipHeader> headers = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new SipHeader(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim(), lines[i]));
        }
        boolean response = start.startsWith("SIP/2.0");
        String[] parts = start.split(" ", 3);
        return new SipMessage(frame, 1_700_000_000_000_000L + frame * 1000, src, dst, Transport.UDP,
                response ? null : parts[0], response ? null : parts[1], response ? Integer.parseInt(parts[1]) : 0,
                response ? parts[2] : null, List.copyOf(headers), new byte[0], sdp, text, false, null);
    }

    /** A one-leg call from {@link #CARRIER} to {@link #SBC}: INVITE then the given final status (0 for none). */
    /** Summaries holding these flows, as a call list takes them. */
    public static List<CallSummary> summaries(List<CallFlow> flows) {
        return flows.stream().map(CallSummary::of).toList();
    }

    public static List<CallSummary> summaries(CallFlow... flows) {
        return summaries(List.of(flows));
    }

    public static CallFlow call(String callId, String from, String to, int finalStatus, String reason) {
        return dialog("INVITE", callId, from, to, finalStatus, reason);
    }

    /** As {@link #call} for a dialog opened by {@code method} (REGISTER, SUBSCRIBE...). */
    public static CallFlow dialog(String method, String callId, String from, String to, int finalStatus, String reason) {
        List<FlowMessage> messages = new ArrayList<>();
        String invite = method + " sip:" + to + "@172.20.11.236 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 89.184.187.124:5060;branch=z9hG4bK" + callId + "\r\n"
                + "From: <sip:" + from + "@89.184.187.124>;tag=1\r\n"
                + "To: <sip:" + to + "@172.20.11.236>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nUser-Agent: TestPhone\r\nContent-Length: 0\r\n\r\n";
        messages.add(new FlowMessage(message(1, CARRIER, SBC, invite, null), 0, false, "k"));
        if (finalStatus > 0) {
            String resp = "SIP/2.0 " + finalStatus + " " + reason + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method
                    + "\r\n\r\n";
            messages.add(new FlowMessage(message(2, SBC, CARRIER, resp, null), 0, false, "k"));
        }
        Leg leg = new Leg(0, callId, "<sip:" + from + "@89.184.187.124>;tag=1", "<sip:" + to + "@172.20.11.236>",
                "sip:" + to + "@172.20.11.236", 1, messages.size(), finalStatus, finalStatus > 0 ? reason : null,
                messages.size(), true, method);
        List<Hop> hops = List.of(new Hop(CARRIER.address(), Role.CARRIER, "Carrier " + CARRIER.address(), List.of()),
                new Hop(SBC.address(), Role.JAMBONZ, "Jambonz " + SBC.address(), List.of()));
        return new CallFlow(callId, List.of(leg), hops, List.copyOf(messages), List.of(),
                new Timings(null, null, finalStatus > 0 ? 1000L : null, null));
    }

    /** {@code flow} as seen later in the capture: one more message (a retransmitted response). */
    public static CallFlow grown(CallFlow flow) {
        List<FlowMessage> messages = new ArrayList<>(flow.messages());
        FlowMessage last = messages.get(messages.size() - 1);
        messages.add(new FlowMessage(last.message(), 0, true, last.transactionKey()));
        return new CallFlow(flow.id(), flow.legs(), flow.hops(), List.copyOf(messages), flow.joinEvidence(), flow.timings());
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
