package org.sipladder.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.PcapWriter;

/**
 * Builds the bundled demo capture: the field case of a carrier call through Jambonz that LiveKit
 * rejects with 503 because two inbound trunks claim the called number.
 *
 * <p>The capture is taken on the Jambonz host (private address 172.20.11.236 behind a NAT whose public
 * address is 18.197.68.41), as in the field write-up. Run {@link #main} to rewrite the committed resource;
 * {@code SeedCaseCaptureTest} fails when the two drift apart.
 */
public final class SeedCaseCapture {

    /** Where the generated capture is committed, relative to the repository root. */
    public static final Path RESOURCE = Path.of("src/main/resources/org/sipladder/demo/seed-livekit-503.pcap");

    static final Endpoint CARRIER = new Endpoint("89.184.187.124", 5060);
    static final Endpoint JAMBONZ = new Endpoint("172.20.11.236", 5060);
    static final Endpoint LIVEKIT = new Endpoint("129.158.233.108", 5060);

    static final String A_CALL_ID = "6c0e3d0a71b94f2f8a5e1d9b3c7a2e44@89.184.187.124";
    static final String B_CALL_ID = "3f6a8c1e-94b2-4d7f-b5a0-7c2e19d84f63";

    private static final String CALLER = "+493023125417";
    private static final String A_RURI = "sip:91874350352@sip.jambonz.cloud";
    private static final String B_RURI = "sip:4991874350352@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud";
    private static final String A_VIA = "Via: SIP/2.0/UDP 89.184.187.124:5060;branch=z9hG4bK1a7f3c9e0b5d42c8";
    private static final String A_FROM = "From: \"Klaus Weber\" <sip:" + CALLER + "@89.184.187.124>;tag=as6f2b91c4";
    private static final String A_TO = "To: <" + A_RURI + ">";
    private static final String A_TO_TAGGED = A_TO + ";tag=vF7t2mXa9Dp4B";
    private static final String A_CSEQ = "102";
    private static final String B_VIA = "Via: SIP/2.0/UDP 172.20.11.236:5060;rport;branch=z9hG4bKp1mX9a6QyF3cB";
    private static final String B_VIA_ANSWERED =
            "Via: SIP/2.0/UDP 172.20.11.236:5060;rport=5060;received=18.197.68.41;branch=z9hG4bKp1mX9a6QyF3cB";
    private static final String B_FROM = "From: <sip:" + CALLER + "@172.20.11.236>;tag=Qm4yX2e7BcH9j";
    private static final String B_TO = "To: <" + B_RURI + ">";
    private static final String B_CSEQ = "19862415";
    private static final String ALLOW = "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY, INFO, UPDATE, PRACK, REFER";

    private SeedCaseCapture() {
    }

    /** Regenerates the committed demo capture; run from the repository root. */
    public static void main(String[] args) throws IOException {
        Files.write(RESOURCE, pcapBytes());
    }

    /** The whole demo capture as classic pcap bytes; deterministic. */
    public static byte[] pcapBytes() {
        long t0 = micros("2026-11-18T14:23:07.412305Z");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter pcap = new PcapWriter(bytes, PcapWriter.LINKTYPE_ETHERNET)) {
            pcap.writeUdp(t0, CARRIER, JAMBONZ, aLegInvite());
            pcap.writeUdp(t0 + 1_862, JAMBONZ, CARRIER, aLegResponse("100 Trying", A_TO, List.of(), ""));
            pcap.writeUdp(t0 + 187_403, JAMBONZ, CARRIER, aLegResponse("183 Session Progress", A_TO_TAGGED,
                    List.of("Contact: <sip:18.197.68.41:5060>", ALLOW, "Supported: timer, replaces"), aLegAnswerSdp()));
            pcap.writeUdp(t0 + 395_118, JAMBONZ, LIVEKIT, bLegInvite());
            pcap.writeUdp(t0 + 417_960, LIVEKIT, JAMBONZ, bLegResponse("100 Processing", B_TO));
            pcap.writeUdp(t0 + 461_274, LIVEKIT, JAMBONZ, bLegResponse("503 Try again later",
                    B_TO + ";tag=SCL_6QZm8Jq2nHRt"));
            pcap.writeUdp(t0 + 461_702, JAMBONZ, LIVEKIT, bLegAck());
            pcap.writeUdp(t0 + 468_931, JAMBONZ, CARRIER, aLegResponse("603 Decline", A_TO_TAGGED, List.of(), ""));
            pcap.writeUdp(t0 + 497_586, CARRIER, JAMBONZ, aLegAck());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] aLegInvite() {
        return message("INVITE " + A_RURI + " SIP/2.0", List.of(
                A_VIA,
                "Max-Forwards: 69",
                A_FROM,
                A_TO,
                "Call-ID: " + A_CALL_ID,
                "CSeq: " + A_CSEQ + " INVITE",
                "Contact: <sip:" + CALLER + "@89.184.187.124:5060>",
                "P-Asserted-Identity: <sip:" + CALLER + "@89.184.187.124>",
                "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO, UPDATE, PRACK",
                "Supported: replaces, timer",
                "Session-Expires: 1800;refresher=uac",
                "Min-SE: 90",
                "Content-Type: application/sdp"), sdp("89.184.187.126", "1731939787", "Schmidtkom", 31874,
                List.of("a=ptime:20", "a=sendrecv")));
    }

    private static byte[] aLegResponse(String statusLine, String to, List<String> extra, String body) {
        List<String> headers = new ArrayList<>(List.of(A_VIA, A_FROM, to, "Call-ID: " + A_CALL_ID,
                "CSeq: " + A_CSEQ + " INVITE"));
        headers.addAll(extra);
        if (!body.isEmpty()) {
            headers.add("Content-Type: application/sdp");
        }
        return message("SIP/2.0 " + statusLine, headers, body);
    }

    private static String aLegAnswerSdp() {
        return sdp("18.197.68.41", "3940593787", "jambonz", 40218, List.of("a=sendrecv", "a=rtcp:40219", "a=ptime:20"));
    }

    private static byte[] aLegAck() {
        return message("ACK " + A_RURI + " SIP/2.0", List.of(
                A_VIA,
                "Max-Forwards: 70",
                A_FROM,
                A_TO_TAGGED,
                "Call-ID: " + A_CALL_ID,
                "CSeq: " + A_CSEQ + " ACK"), "");
    }

    private static byte[] bLegInvite() {
        return message("INVITE " + B_RURI + " SIP/2.0", List.of(
                B_VIA,
                "Max-Forwards: 70",
                B_FROM,
                B_TO,
                "Call-ID: " + B_CALL_ID,
                "CSeq: " + B_CSEQ + " INVITE",
                "Contact: <sip:172.20.11.236:5060>",
                "User-Agent: Jambonz drachtio/0.8.26",
                ALLOW,
                "Supported: timer, path, replaces",
                "X-CID: " + A_CALL_ID,
                "X-Call-Sid: 0f8e2d61-5b3a-4c9e-8d27-91a4c6e3f0b5",
                "X-Account-Sid: 9351f46a-678c-43f5-b8a6-d4eb58d131af",
                "X-Application-Sid: c4a1e7d2-38b9-4f06-a5e3-62d9b0f7c815",
                "Content-Type: application/sdp"), sdp("172.20.11.236", "3940593788", "jambonz", 40124,
                List.of("a=sendrecv", "a=rtcp:40125", "a=ptime:20")));
    }

    // LiveKit's responses carry no Server or User-Agent header, and it stamps received/rport on the Via.
    private static byte[] bLegResponse(String statusLine, String to) {
        return message("SIP/2.0 " + statusLine, List.of(B_VIA_ANSWERED, B_FROM, to, "Call-ID: " + B_CALL_ID,
                "CSeq: " + B_CSEQ + " INVITE"), "");
    }

    private static byte[] bLegAck() {
        return message("ACK " + B_RURI + " SIP/2.0", List.of(
                B_VIA,
                "Max-Forwards: 70",
                B_FROM,
                B_TO + ";tag=SCL_6QZm8Jq2nHRt",
                "Call-ID: " + B_CALL_ID,
                "CSeq: " + B_CSEQ + " ACK"), "");
    }

    private static String sdp(String address, String session, String name, int port, List<String> attributes) {
        StringBuilder s = new StringBuilder()
                .append("v=0\r\n")
                .append("o=- ").append(session).append(' ').append(session).append(" IN IP4 ").append(address).append("\r\n")
                .append("s=").append(name).append("\r\n")
                .append("c=IN IP4 ").append(address).append("\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP 8 0 101\r\n")
                .append("a=rtpmap:8 PCMA/8000\r\n")
                .append("a=rtpmap:0 PCMU/8000\r\n")
                .append("a=rtpmap:101 telephone-event/8000\r\n")
                .append("a=fmtp:101 0-16\r\n");
        attributes.forEach(a -> s.append(a).append("\r\n"));
        return s.toString();
    }

    // Content-Length is always computed from the body so the capture can never carry a wrong one.
    private static byte[] message(String startLine, List<String> headers, String body) {
        byte[] bodyBytes = body.getBytes(StandardCharsets.US_ASCII);
        StringBuilder text = new StringBuilder(startLine).append("\r\n");
        headers.forEach(h -> text.append(h).append("\r\n"));
        text.append("Content-Length: ").append(bodyBytes.length).append("\r\n\r\n").append(body);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
