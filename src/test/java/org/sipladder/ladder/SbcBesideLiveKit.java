package org.sipladder.ladder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.sip.SipMessage;
import org.sipladder.sip.SipParser;

/**
 * A carrier's call to a Jambonz SBC ({@link #BOX}:5080) that bridges it to LiveKit SIP on the same box (:5060): the
 * carrier offers media at {@link #CARRIER}:40000, the SBC answers it with 10.0.0.5:20000 and offers LiveKit
 * 10.0.0.5:40002, LiveKit answers 10.0.0.5:30000.
 */
final class SbcBesideLiveKit {

    static final String CARRIER = "203.0.113.10";
    static final String BOX = "10.0.0.5";
    private static final long T0 = 1_700_000_000_000_000L;

    private SbcBesideLiveKit() {
    }

    static CallFlow flow() {
        Endpoint carrier = new Endpoint(CARRIER, 5060);
        Endpoint sbc = new Endpoint(BOX, 5080);
        Endpoint liveKit = new Endpoint(BOX, 5060);
        List<SipMessage> messages = new ArrayList<>();
        add(messages, carrier, sbc, "INVITE sip:4930123456@" + BOX + ":5080 SIP/2.0", "a-leg", null, "1 INVITE",
                "", sdp(CARRIER, 40000));
        add(messages, sbc, liveKit, "INVITE sip:4930123456@" + BOX + ":5060 SIP/2.0", "b-leg", null, "1 INVITE",
                "X-CID: a-leg\r\nUser-Agent: drachtio 0.8.26\r\n", sdp(BOX, 40002));
        add(messages, liveKit, sbc, "SIP/2.0 100 Processing", "b-leg", null, "1 INVITE", "", "");
        add(messages, liveKit, sbc, "SIP/2.0 200 OK", "b-leg", "SCL_1", "1 INVITE", "", sdp(BOX, 30000));
        add(messages, sbc, carrier, "SIP/2.0 200 OK", "a-leg", "j1", "1 INVITE", "", sdp(BOX, 20000));
        add(messages, carrier, sbc, "ACK sip:4930123456@" + BOX + ":5080 SIP/2.0", "a-leg", "j1", "1 ACK", "", "");
        add(messages, sbc, liveKit, "ACK sip:4930123456@" + BOX + ":5060 SIP/2.0", "b-leg", "SCL_1", "1 ACK", "", "");
        List<CallFlow> flows = new FlowBuilder().build(messages);
        if (flows.size() != 1) {
            throw new IllegalStateException("the legs are not one call: " + flows.size());
        }
        return flows.get(0);
    }

    private static String sdp(String address, int port) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    private static void add(List<SipMessage> messages, Endpoint src, Endpoint dst, String startLine, String callId,
                            String toTag, String cseq, String extra, String sdp) {
        Endpoint caller = callId.equals("a-leg") ? new Endpoint(CARRIER, 5060) : new Endpoint(BOX, 5080);
        String text = startLine + "\r\nVia: SIP/2.0/UDP " + caller + ";branch=z9hG4bK-" + callId + cseq.charAt(0)
                + (cseq.endsWith("ACK") ? "a" : "") + "\r\nFrom: <sip:+493023125417@" + caller.address() + ">;tag=f-"
                + callId + "\r\nTo: <sip:4930123456@" + BOX + ">" + (toTag == null ? "" : ";tag=" + toTag)
                + "\r\nCall-ID: " + callId + "\r\nCSeq: " + cseq + "\r\nContact: <sip:" + src + ">\r\n" + extra
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + sdp.length()
                + "\r\n\r\n" + sdp;
        SipPayload p = new SipPayload(messages.size() + 1, T0 + messages.size() * 10_000L, src, dst, Transport.UDP,
                text.getBytes(StandardCharsets.UTF_8));
        messages.add(new SipParser().parse(p).orElseThrow());
    }
}
