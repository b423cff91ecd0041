package org.sipladder.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.PcapWriter;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;
import org.sipladder.testkit.SipText;

/** The field case as SIP texts: carrier -> Jambonz -> LiveKit, LiveKit 503s, Jambonz 603s the carrier. */
final class SeedCall {

    static final String CARRIER = "89.184.187.124";
    static final String JAMBONZ = "172.20.11.236";
    static final String LIVEKIT = "129.158.233.108";
    static final String CALLED = "4991874350352";
    static final String CALLER = "+4930123456789";
    static final String A = "a-leg-91c2@89.184.187.124";
    static final String B = "b-leg-7f3e";
    static final long T0 = 1_763_900_000_000_000L;
    static final String LIVEKIT_URI = "sip:" + CALLED + "@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud";

    private final List<SipPayload> payloads = new ArrayList<>();

    static List<CallFlow> flows() {
        return flows(0);
    }

    /** The seed call, its first INVITE sent {@code retransmissions} more times (a long ladder). */
    static List<CallFlow> flows(int retransmissions) {
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        List<SipMessage> messages = new SeedCall().payloads(retransmissions).stream()
                .map(p -> parser.parse(p).orElseThrow()).toList();
        return new FlowBuilder().build(messages);
    }

    /** The seed call, then a phone's REGISTER under {@code callId} that its registrar answers 200 OK. */
    static List<CallFlow> withRegistration(String callId) {
        SeedCall calls = new SeedCall();
        calls.payloads(0);
        calls.send(2000, "10.0.0.1", "10.0.0.2", SipText.request("REGISTER", "sip:example.com", callId, 1, ""));
        calls.send(2010, "10.0.0.2", "10.0.0.1", SipText.response(200, "OK", "REGISTER", callId, 1));
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        return new FlowBuilder().build(calls.payloads.stream().map(p -> parser.parse(p).orElseThrow()).toList());
    }

    /** Writes the seed call as a classic pcap file. */
    static void writePcap(Path file) throws IOException {
        try (PcapWriter pcap = new PcapWriter(Files.newOutputStream(file), PcapWriter.LINKTYPE_ETHERNET)) {
            for (SipPayload p : new SeedCall().payloads(0)) {
                pcap.writeUdp(p.timestampMicros(), p.src(), p.dst(), p.data());
            }
        }
    }

    /**
     * {@code count} copies of the seed call, {@code spacingMillis} apart, each with its own Call-IDs (the A-leg's
     * {@link #A} with "-n" after its user part, n from 1 on).
     */
    static List<CallFlow> many(int count, long spacingMillis) {
        return many(count, 0, spacingMillis);
    }

    /** {@link #many(int, long)}, then {@code busy} calls Jambonz turns down itself with 486 Busy Here. */
    static List<CallFlow> many(int count, int busy, long spacingMillis) {
        SeedCall calls = new SeedCall();
        for (int n = 1; n <= count + busy; n++) {
            long start = (n - 1) * spacingMillis;
            if (n <= count) {
                calls.call(0, aLeg(n), "b-leg-7f3e-" + n, start);
            } else {
                calls.busy(aLeg(n), start);
            }
        }
        SipParser parser = new SipParser(SipParser.Depth.SCAN);
        return new FlowBuilder().build(calls.payloads.stream().map(p -> parser.parse(p).orElseThrow()).toList());
    }

    /** The A-leg Call-ID of call n of {@link #many}. */
    static String aLeg(int n) {
        return A.replace("@", "-" + n + "@");
    }

    List<SipPayload> payloads(int retransmissions) {
        return call(retransmissions, A, B, 0);
    }

    private List<SipPayload> call(int retransmissions, String a, String b, long start) {
        String aUri = "sip:91874350352@sip.jambonz.cloud";
        send(start, CARRIER, JAMBONZ, request("INVITE", aUri, a, "z9hG4bKa1", null, CARRIER, sdp(CARRIER)));
        for (int i = 1; i <= retransmissions; i++) {
            send(start, CARRIER, JAMBONZ, request("INVITE", aUri, a, "z9hG4bKa1", null, CARRIER, sdp(CARRIER)));
        }
        send(start + 2, JAMBONZ, CARRIER, response(100, "Trying", a, "z9hG4bKa1", null, CARRIER));
        send(start + 40, JAMBONZ, LIVEKIT, request("INVITE", LIVEKIT_URI, b, "z9hG4bKb1", null, JAMBONZ, sdp(JAMBONZ),
                "X-CID: " + a));
        send(start + 60, LIVEKIT, JAMBONZ, response(100, "Processing", b, "z9hG4bKb1", null, JAMBONZ));
        send(start + 70, JAMBONZ, CARRIER, response(183, "Session Progress", a, "z9hG4bKa1", "j1", CARRIER));
        send(start + 1_560, LIVEKIT, JAMBONZ, response(503, "Try again later", b, "z9hG4bKb1", "SCL_8xkq", JAMBONZ));
        send(start + 1_561, JAMBONZ, LIVEKIT, ack(LIVEKIT_URI, b, "z9hG4bKb1", "SCL_8xkq", JAMBONZ));
        send(start + 1_580, JAMBONZ, CARRIER, response(603, "Decline", a, "z9hG4bKa1", "j1", CARRIER));
        send(start + 1_600, CARRIER, JAMBONZ, ack(aUri, a, "z9hG4bKa1", "j1", CARRIER));
        return payloads;
    }

    private void busy(String a, long start) {
        String aUri = "sip:91874350352@sip.jambonz.cloud";
        send(start, CARRIER, JAMBONZ, request("INVITE", aUri, a, "z9hG4bKa1", null, CARRIER, sdp(CARRIER)));
        send(start + 3, JAMBONZ, CARRIER, response(486, "Busy Here", a, "z9hG4bKa1", "j1", CARRIER));
        send(start + 20, CARRIER, JAMBONZ, ack(aUri, a, "z9hG4bKa1", "j1", CARRIER));
    }

    private void send(long millis, String src, String dst, String text) {
        payloads.add(new SipPayload(payloads.size() + 1, T0 + millis * 1000 + payloads.size(), new Endpoint(src, 5060),
                new Endpoint(dst, 5060), Transport.UDP, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String request(String method, String uri, String callId, String branch, String toTag, String via,
                                  String body, String... extra) {
        return method + " " + uri + " SIP/2.0\r\n" + headers(callId, branch, toTag, via, method, body, extra);
    }

    private static String ack(String uri, String callId, String branch, String toTag, String via) {
        return request("ACK", uri, callId, branch, toTag, via, "");
    }

    private static String response(int status, String reason, String callId, String branch, String toTag, String via) {
        return "SIP/2.0 " + status + " " + reason + "\r\n" + headers(callId, branch, toTag, via, "INVITE", "");
    }

    private static String headers(String callId, String branch, String toTag, String via, String method, String body,
                                  String... extra) {
        StringBuilder b = new StringBuilder();
        b.append("Via: SIP/2.0/UDP ").append(via).append(":5060;branch=").append(branch).append("\r\n");
        b.append("From: <sip:").append(CALLER).append('@').append(CARRIER).append(">;tag=f-1\r\n");
        b.append("To: <sip:").append(CALLED).append("@sip.example>").append(toTag == null ? "" : ";tag=" + toTag)
                .append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: 1 ").append(method.equals("ACK") ? "ACK" : "INVITE").append("\r\n");
        b.append("Contact: <sip:").append(CALLER).append('@').append(via).append(":5060>\r\n");
        for (String line : extra) {
            b.append(line).append("\r\n");
        }
        if (body.isEmpty()) {
            return b.append("Content-Length: 0\r\n\r\n").toString();
        }
        b.append("Content-Type: application/sdp\r\n");
        b.append("Content-Length: ").append(body.length()).append("\r\n\r\n");
        return b.append(body).toString();
    }

    private static String sdp(String address) {
        return "v=0\r\no=- 3849213 3849213 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address
                + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\n";
    }
}
