package org.sipladder.flow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/** Writes SIP exchanges for flow tests: each call appends one message, numbered and timed like a capture. */
final class Dialogue {

    static final long T0 = 1_700_000_000_000_000L;

    private final SipParser parser = new SipParser(SipParser.Depth.SCAN);
    private final List<SipMessage> messages = new ArrayList<>();

    List<SipMessage> messages() {
        return messages;
    }

    SipMessage last() {
        return messages.get(messages.size() - 1);
    }

    /** Appends a message sent at {@code millis} after T0 from {@code src} to {@code dst} ("ip:port"). */
    Dialogue send(long millis, String src, String dst, String text) {
        return send(millis, Transport.UDP, src, dst, text);
    }

    /** As {@link #send(long, String, String, String)}, over {@code transport}. */
    Dialogue send(long millis, Transport transport, String src, String dst, String text) {
        SipPayload p = new SipPayload(messages.size() + 1, T0 + millis * 1000, endpoint(src), endpoint(dst),
                transport, text.getBytes(StandardCharsets.UTF_8));
        messages.add(parser.parse(p).orElseThrow());
        return this;
    }

    /**
     * Appends a dialog-opening INVITE sent at {@code millis} from {@code src} to {@code dst} with the extra header
     * lines {@code extra}, and its 200 OK 100 ms later.
     */
    Dialogue answeredInvite(long millis, String src, String dst, String callId, String uri, String... extra) {
        String branch = "z9hG4bK-" + callId;
        send(millis, src, dst, request("INVITE", uri, callId, branch, 1, null, extra));
        return send(millis + 100, dst, src, response(200, "OK", "INVITE", callId, branch, 1, "t-" + callId));
    }

    /**
     * Appends a dialog-opening INVITE sent at {@code millis} from {@code src} to {@code dst} with an SDP offer whose
     * {@code o=} line is {@code origin} and whose audio goes to {@code media} ("ip:port").
     */
    Dialogue offer(long millis, String src, String dst, String callId, String uri, String origin, String media) {
        int colon = media.lastIndexOf(':');
        String body = "v=0\r\no=" + origin + "\r\ns=-\r\nc=IN IP4 " + media.substring(0, colon) + "\r\nt=0 0\r\n"
                + "m=audio " + media.substring(colon + 1) + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String head = request("INVITE", uri, callId, "z9hG4bK-" + callId, 1, null, "Content-Type: application/sdp");
        return send(millis, src, dst, head.replace("Content-Length: 0\r\n", "Content-Length: " + body.length() + "\r\n")
                + body);
    }

    /** The Call-IDs of each call's legs, calls in start order. */
    List<List<String>> callIds() {
        return new FlowBuilder().build(messages).stream().map(f -> f.legs().stream().map(Leg::callId).toList())
                .toList();
    }

    private static Endpoint endpoint(String s) {
        int colon = s.lastIndexOf(':');
        return new Endpoint(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }

    /** A request; {@code toTag} null for a dialog-opening request. Extra headers are full lines without CRLF. */
    static String request(String method, String uri, String callId, String branch, int cseq, String toTag,
                          String... extra) {
        return method + " " + uri + " SIP/2.0\r\n" + common(callId, branch, cseq, method, uri, toTag, extra);
    }

    static String response(int status, String reason, String method, String callId, String branch, int cseq,
                           String toTag, String... extra) {
        return "SIP/2.0 " + status + " " + reason + "\r\n"
                + common(callId, branch, cseq, method, "sip:callee@example.com", toTag, extra);
    }

    private static String common(String callId, String branch, int cseq, String method, String toUri, String toTag,
                                 String... extra) {
        StringBuilder b = new StringBuilder();
        b.append("Via: SIP/2.0/UDP 10.9.9.9:5060;branch=").append(branch).append("\r\n");
        b.append("From: <sip:+4930123456@carrier.example>;tag=f-").append(callId).append("\r\n");
        b.append("To: <").append(toUri).append(">").append(toTag == null ? "" : ";tag=" + toTag).append("\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        for (String line : extra) {
            b.append(line).append("\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString();
    }
}
