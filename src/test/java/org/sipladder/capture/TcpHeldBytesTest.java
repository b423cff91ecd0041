package org.sipladder.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sipladder.Limits;
import org.sipladder.testkit.Ip;
import org.sipladder.testkit.Link;
import org.sipladder.testkit.Segments;
import org.sipladder.testkit.SipText;

/**
 * Each TCP direction was bounded (a message's header at {@link Limits#STREAM_HEADER_BYTES}, a message at
 * {@link Limits#STREAM_MESSAGE_BYTES}) but all of them together were not: {@link Limits#TCP_DIRECTIONS} directions
 * could each hold their bound. Measured on {@code capture -i lo}: 400 connections each sending an INVITE whose header
 * never ends held 47 MB of heap after a full collection, growing with every connection. A live capture runs without
 * end, so the total is bounded too.
 */
class TcpHeldBytesTest {

    private static final long T = 1_700_000_000_000_000L;
    private static final int ETHERNET = 1;

    private final List<String> warnings = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final PacketFeed feed = new PacketFeed(new CaptureListener() {
        @Override
        public void payload(SipPayload p) {
            messages.add(new String(p.data(), StandardCharsets.ISO_8859_1));
        }

        @Override
        public void warning(String message) {
            warnings.add(message);
        }
    });

    private void segment(long micros, int srcPort, long seq, byte[] payload) {
        byte[] frame = Link.ethernetIp(Ip.ipv4("10.0.0.1", "10.0.0.2", 6, Segments.tcp(srcPort, 5060, seq,
                Segments.PSH | Segments.ACK, payload)));
        feed.frame(ETHERNET, micros, frame, 0, frame.length);
    }

    @Test
    void streamsWhoseHeadersNeverEndHoldNoMoreThanTheBoundTogetherWithOneWarning() {
        byte[] chunk = new byte[48 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        byte[] start = "INVITE sip:x@10.0.0.2 SIP/2.0\r\nX-Pad: ".getBytes(StandardCharsets.US_ASCII);
        int connections = (int) (Limits.TCP_HELD_BYTES / (4 * chunk.length)) + 200;
        long peak = 0;
        for (int c = 0; c < connections; c++) {
            int port = 10_000 + c;
            segment(T + c, port, 1, start);
            long seq = 1 + start.length;
            // 192 KB of one header line and no end: under the header bound of one stream
            for (int i = 0; i < 4; i++, seq += chunk.length) {
                segment(T + c, port, seq, chunk);
            }
            peak = Math.max(peak, feed.tcpHeldBytes());
        }
        assertTrue(peak <= Limits.TCP_HELD_BYTES, "held " + peak);
        assertEquals(1, warnings.stream().filter(w -> w.contains("Limits.TCP_HELD_BYTES")).count(), warnings.toString());
        String warning = warnings.stream().filter(w -> w.contains("Limits.TCP_HELD_BYTES")).findFirst().orElseThrow();
        assertTrue(warning.startsWith("frame "), warning);

        // the feed goes on: a whole message on a new connection still comes through
        String invite = SipText.invite("after-the-flood");
        segment(T + connections, 9_999, 1, invite.getBytes(StandardCharsets.US_ASCII));
        assertTrue(messages.contains(invite), "the INVITE after the flood was not delivered");
    }
}
