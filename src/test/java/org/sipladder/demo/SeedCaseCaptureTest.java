package org.sipladder.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.UdpPacket;

class SeedCaseCaptureTest {

    private static final String RESOURCE = "/org/sipladder/demo/seed-livekit-503.pcap";

    @Test
    void committedCaptureIsExactlyWhatTheGeneratorWrites() throws IOException {
        byte[] committed = resource(RESOURCE);
        assertArrayEquals(SeedCaseCapture.pcapBytes(), committed,
                "seed-livekit-503.pcap is stale: run SeedCaseCapture.main from the repository root and commit it");
    }

    @Test
    void packetsDecodeAsUdpWithExactContentLengths() throws Exception {
        List<String> texts = sipTexts(SeedCaseCapture.pcapBytes());
        assertEquals(List.of("INVITE", "SIP/2.0 100 Trying", "SIP/2.0 183 Session Progress", "INVITE",
                "SIP/2.0 100 Processing", "SIP/2.0 503 Try again later", "ACK", "SIP/2.0 603 Decline", "ACK"),
                texts.stream().map(SeedCaseCaptureTest::startOf).toList());
        for (String text : texts) {
            int split = text.indexOf("\r\n\r\n");
            int declared = Integer.parseInt(headerValue(text.substring(0, split), "Content-Length"));
            assertEquals(text.length() - split - 4, declared, text);
        }
    }

    @Test
    void bLegCarriesTheALegCallIdAndNoCredentials() throws Exception {
        String bInvite = sipTexts(SeedCaseCapture.pcapBytes()).get(3);
        assertEquals(SeedCaseCapture.A_CALL_ID, headerValue(bInvite, "X-CID"));
        assertTrue(bInvite.startsWith("INVITE sip:4991874350352@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud"));
        assertTrue(bInvite.contains("\r\nTo: <sip:4991874350352@vocieagentpipelinetest-1z3kctsj.sip.livekit.cloud>\r\n"));
        assertTrue(!bInvite.contains("Proxy-Authorization"));
        assertTrue(bInvite.contains("c=IN IP4 172.20.11.236\r\n"));
    }

    @Test
    void seedConfigIsBundledBesideTheCapture() throws IOException {
        String trunks = new String(resource("/org/sipladder/demo/seed-inbound-trunks.json"), StandardCharsets.UTF_8);
        String rules = new String(resource("/org/sipladder/demo/seed-dispatch-rules.json"), StandardCharsets.UTF_8);
        assertTrue(trunks.contains("ST_GjeZjGQjrsvC") && trunks.contains("ST_keiPmt6sJhJh"));
        assertTrue(rules.contains("SDR_ZyY3ewVGtwEd") && rules.contains("SDR_HyMhj4T8greh")
                && rules.contains("SDR_3mqGtt8QNX2x"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SeedCaseCaptureTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is not on the classpath");
            return in.readAllBytes();
        }
    }

    private static List<String> sipTexts(byte[] pcap) throws IllegalRawDataException {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        b.position(24);
        List<String> texts = new ArrayList<>();
        while (b.remaining() > 0) {
            b.getInt();
            b.getInt();
            int length = b.getInt();
            b.getInt();
            byte[] frame = new byte[length];
            b.get(frame);
            UdpPacket udp = EthernetPacket.newPacket(frame, 0, length).get(IpV4Packet.class).get(UdpPacket.class);
            texts.add(new String(udp.getPayload().getRawData(), StandardCharsets.US_ASCII));
        }
        return texts;
    }

    private static String startOf(String text) {
        String line = text.substring(0, text.indexOf("\r\n"));
        return line.startsWith("SIP/2.0") ? line : line.substring(0, line.indexOf(' '));
    }

    private static String headerValue(String text, String name) {
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}
