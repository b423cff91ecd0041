package org.sipladder.diagnose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** Builds one call flow in test code from SIP texts, one leg per Call-ID, hops with the roles the test gives. */
final class TestCall {

    static final String CARRIER = "89.184.187.124";
    static final String JAMBONZ = "172.20.11.236";
    static final String LIVEKIT = "129.158.233.108";

    private final List<Hop> hops = new ArrayList<>();
    private final List<FlowMessage> messages = new ArrayList<>();
    private final Map<String, Integer> legs = new LinkedHashMap<>();
    private long frame;
    private long time = 1_795_011_787_000_000L;

    /** The usual three hops: carrier, Jambonz, LiveKit. */
    static TestCall carrierJambonzLiveKit() {
        return new TestCall().hop(CARRIER, Role.CARRIER).hop(JAMBONZ, Role.JAMBONZ).hop(LIVEKIT, Role.LIVEKIT);
    }

    TestCall hop(String address, Role role) {
        hops.add(new Hop(address, role, role.displayName() + " " + address, List.of()));
        return this;
    }

    /** Adds a message sent from {@code src} to {@code dst} (port 5060), 10 ms after the previous one. */
    TestCall send(String src, String dst, String text) {
        SipMessage m = parse(++frame, time += 10_000, new Endpoint(src, 5060), new Endpoint(dst, 5060), text);
        int leg = legs.computeIfAbsent(m.callId(), k -> legs.size());
        messages.add(new FlowMessage(m, leg, false, m.callId() + " " + m.cseq()));
        return this;
    }

    CallFlow flow() {
        List<Leg> legList = new ArrayList<>();
        legs.forEach((callId, index) -> legList.add(leg(index, callId)));
        return new CallFlow(legList.get(0).callId(), legList, List.copyOf(hops), List.copyOf(messages),
                legList.size() > 1 ? List.of("X-CID of the second leg names the first leg's Call-ID") : List.of(),
                new Timings(null, null, null, null));
    }

    private Leg leg(int index, String callId) {
        List<SipMessage> of = messages.stream().filter(m -> m.legIndex() == index).map(FlowMessage::message).toList();
        SipMessage first = of.get(0);
        SipMessage fin = of.stream().filter(m -> !m.isRequest() && m.status() >= 200 && "INVITE".equals(m.cseqMethod()))
                .reduce((a, b) -> b).orElse(null);
        return new Leg(index, callId, first.header("From"), first.header("To"), first.requestUri(), first.frame(),
                of.get(of.size() - 1).frame(), fin == null ? 0 : fin.status(), fin == null ? null : fin.reason(), of.size());
    }

    /** A small reader for well-formed test texts: start line, headers, body, SDP codecs and addresses. */
    static SipMessage parse(long frame, long micros, Endpoint src, Endpoint dst, String text) {
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        String[] lines = head.split("\r\n");
        List<SipHeader> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new SipHeader(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim(), lines[i]));
        }
        String[] start = lines[0].split(" ", 3);
        boolean response = start[0].startsWith("SIP/");
        return new SipMessage(frame, micros, src, dst, Transport.UDP,
                response ? null : start[0], response ? null : start[1],
                response ? Integer.parseInt(start[1]) : 0, response ? (start.length > 2 ? start[2] : "") : null,
                headers, body.getBytes(StandardCharsets.US_ASCII), body.startsWith("v=0") ? sdp(body) : null, text,
                false, null);
    }

    private static Sdp sdp(String body) {
        String origin = null;
        String session = null;
        List<SdpMedia> media = new ArrayList<>();
        String type = null;
        int port = 0;
        String proto = null;
        String mediaConnection = null;
        List<String> codecs = new ArrayList<>();
        for (String line : body.split("\r\n")) {
            if (line.startsWith("o=")) {
                origin = line.substring(2);
            } else if (line.startsWith("c=")) {
                String address = line.substring(2).split(" ")[2];
                if (type == null) {
                    session = address;
                } else {
                    mediaConnection = address;
                }
            } else if (line.startsWith("m=")) {
                if (type != null) {
                    media.add(new SdpMedia(type, port, proto, List.copyOf(codecs), mediaConnection, "sendrecv"));
                }
                String[] m = line.substring(2).split(" ");
                type = m[0];
                port = Integer.parseInt(m[1]);
                proto = m[2];
                codecs.clear();
                mediaConnection = null;
            } else if (line.startsWith("a=rtpmap:")) {
                codecs.add(line.substring(9));
            }
        }
        if (type != null) {
            media.add(new SdpMedia(type, port, proto, List.copyOf(codecs), mediaConnection, "sendrecv"));
        }
        return new Sdp(origin, session, media);
    }
}
