package org.sipladder.diagnose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import livekit.LivekitSip.SIPOutboundTrunkInfo;
import livekit.LivekitSip.SIPTransport;
import org.sipladder.capture.Endpoint;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.FlowBuilder;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.sip.SipMessage;

/**
 * Calls LiveKit places (an agent dials out), built as a capture would show them and grouped by the real flow builder:
 * LiveKit -> Jambonz -> carrier, or LiveKit straight to a provider. LiveKit's INVITEs look as sip's {@code
 * client.go}/{@code outbound.go} build them: From tag = the SCL_ call ID, To = Request-URI, the same Call-ID with CSeq
 * counting up for each authentication retry.
 */
final class OutboundCapture {

    static final String LIVEKIT = "129.158.233.108";
    static final String JAMBONZ = "54.172.60.1";
    static final String CARRIER = "89.184.187.124";
    static final String FROM = "+15105550100";
    static final String CALLED = "+4930123456";
    static final String PASSWORD = "out-Secr3t-42";
    static final String USER = "lk-out";
    static final String REALM = "sip.provider.example";
    static final String LK_CALL_ID = "9b1e0c3a7d2f@129.158.233.108";

    private final List<SipMessage> messages = new ArrayList<>();
    private long time = 1_795_011_787_000_000L;

    /**
     * The outbound trunk these calls use: address {@code host}, the From number, digest credentials, transport auto
     * (LiveKit's INVITEs here carry no ;transport=, which it adds for any other transport).
     */
    static SIPOutboundTrunkInfo.Builder trunk(String host) {
        return SIPOutboundTrunkInfo.newBuilder().setSipTrunkId("ST_out").setName("Jambonz outbound").setAddress(host)
                .setTransport(SIPTransport.SIP_TRANSPORT_AUTO).addNumbers(FROM).setAuthUsername(USER)
                .setAuthPassword(PASSWORD);
    }

    static LiveKitConfig config(SIPOutboundTrunkInfo.Builder trunk) {
        return LiveKitConfig.outbound(List.of(trunk.build()), List.of("test"));
    }

    /** LiveKit's INVITE to {@code host} (Request-URI and To alike), CSeq 1. */
    static String liveKitInvite(String host, String called, String from) {
        String uri = "sip:" + called + "@" + host;
        return SipTexts.invite(LK_CALL_ID, uri, from, LIVEKIT, SipTexts.sdp(LIVEKIT, "0 PCMU/8000", "8 PCMA/8000"),
                "User-Agent: LiveKit").replaceFirst(";tag=f\\d+", ";tag=SCL_7Hq2xYz");
    }

    static String liveKitInvite(String host) {
        return liveKitInvite(host, CALLED, FROM);
    }

    /** The retry of {@code invite} with digest credentials over {@code digestUri}, computed with {@code password}. */
    static String withCredentials(String invite, int cseq, String header, String digestUri, String password) {
        String nonce = "n" + cseq;
        String response = md5(md5(USER + ":" + REALM + ":" + password) + ":" + nonce + ":" + md5("INVITE:" + digestUri));
        return SipTexts.retry(invite, cseq, header + ": Digest username=\"" + USER + "\", realm=\"" + REALM
                + "\", nonce=\"" + nonce + "\", uri=\"" + digestUri + "\", response=\"" + response + "\", algorithm=MD5");
    }

    static String challenge(String request, int status, int cseqOfNextNonce) {
        String header = status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
        return SipTexts.response(request, status, status == 401 ? "Unauthorized" : "Proxy Authentication Required",
                header + ": Digest realm=\"" + REALM + "\", nonce=\"n" + cseqOfNextNonce + "\", algorithm=MD5");
    }

    OutboundCapture send(String src, String dst, String text) {
        long frame = messages.size() + 1;
        messages.add(TestCall.parse(frame, time += 20_000, new Endpoint(src, 5060), new Endpoint(dst, 5060), text));
        return this;
    }

    /** Lets {@code seconds} pass before the next message. */
    OutboundCapture after(long seconds) {
        time += seconds * 1_000_000L;
        return this;
    }

    List<CallFlow> flows() {
        return new FlowBuilder().build(messages);
    }

    /**
     * LiveKit -> Jambonz -> carrier: the carrier answers Jambonz's INVITE with {@code carrierStatus}, Jambonz answers
     * LiveKit with {@code toLiveKit}.
     */
    static List<CallFlow> throughJambonz(String fromUser, String carrierCalled, String carrierStatus, String toLiveKit) {
        String lk = liveKitInvite("sip.jambonz.example", CALLED, fromUser);
        String bLeg = SipTexts.invite("jz-b-leg-1", "sip:" + carrierCalled + "@" + CARRIER, fromUser, JAMBONZ,
                SipTexts.sdp(JAMBONZ, "0 PCMU/8000"), "X-CID: " + LK_CALL_ID);
        return new OutboundCapture()
                .send(LIVEKIT, JAMBONZ, lk)
                .send(JAMBONZ, LIVEKIT, SipTexts.response(lk, 100, "Trying"))
                .send(JAMBONZ, CARRIER, bLeg)
                .send(CARRIER, JAMBONZ, SipTexts.response(bLeg, 100, "Trying"))
                .send(CARRIER, JAMBONZ, status(bLeg, carrierStatus))
                .send(JAMBONZ, LIVEKIT, status(lk, toLiveKit))
                .flows();
    }

    /** LiveKit straight to the provider, which answers each of LiveKit's INVITEs in turn. */
    static List<CallFlow> direct(String invite, String... answers) {
        OutboundCapture c = new OutboundCapture().send(LIVEKIT, CARRIER, invite);
        for (String a : answers) {
            c.send(CARRIER, LIVEKIT, a);
        }
        return c.flows();
    }

    static String status(String request, String statusLine) {
        String[] parts = statusLine.split(" ", 2);
        return SipTexts.response(request, Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : "");
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
