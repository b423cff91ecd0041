package org.sipladder.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.PcapngWriter;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.testkit.SipText;

/**
 * Live capture on the loopback interface while the test sends SIP over UDP to 127.0.0.1. It needs libpcap and
 * the right to capture (CI runs as root after .ci/run installs libpcap0.8); where either is missing it is skipped
 * with the reason.
 */
class LiveCaptureTest {

    /** The loopback interface, or a skip saying why live capture is impossible here. */
    static String loopback() {
        List<LiveCapture.Interface> all;
        try {
            all = LiveCapture.interfaces();
        } catch (LiveCaptureException e) {
            Assumptions.abort("live capture impossible here: " + e.getMessage());
            throw new IllegalStateException(e);
        }
        return all.stream().filter(LiveCapture.Interface::loopback).map(LiveCapture.Interface::name).findFirst()
                .orElseGet(() -> {
                    Assumptions.abort("no loopback interface among " + all);
                    return null;
                });
    }

    @Test
    void sipSentToLoopbackIsCapturedDecodedAndWritten() throws Exception {
        String lo = loopback();
        BlockingQueue<SipPayload> seen = new LinkedBlockingQueue<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        PcapngWriter writer = new PcapngWriter(file);
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            LiveCapture capture;
            try {
                capture = LiveCapture.open(lo, "udp port " + receiver.getLocalPort(), seen::add, writer);
            } catch (LiveCaptureException e) {
                Assumptions.abort("live capture impossible here: " + e.getMessage());
                return;
            }
            Thread running = new Thread(() -> {
                try {
                    capture.run(() -> false);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            running.start();
            Thread.sleep(300);
            byte[] invite = SipText.invite("live-lo").getBytes(StandardCharsets.UTF_8);
            sender.send(new DatagramPacket(invite, invite.length, receiver.getLocalSocketAddress()));
            SipPayload p = seen.poll(20, TimeUnit.SECONDS);
            capture.stop();
            running.join(5_000);
            assertTrue(p != null, "the INVITE sent to 127.0.0.1 was not captured");
            assertEquals("127.0.0.1", p.src().address());
            assertEquals(sender.getLocalPort(), p.src().port());
            assertEquals(receiver.getLocalPort(), p.dst().port());
            assertEquals(Transport.UDP, p.transport());
            assertTrue(new String(p.data(), StandardCharsets.UTF_8).contains("Call-ID: live-lo"));
            assertTrue(Math.abs(p.timestampMicros() / 1000 - System.currentTimeMillis()) < 60_000);
            assertEquals(1, capture.packets());
        }
        writer.close();
        assertTrue(file.size() > 200, "the captured packet was written");
    }

    @Test
    void aFilterWithASyntaxErrorIsOneClearMessage() {
        String lo = loopback();
        try {
            LiveCapture.open(lo, "udp prot 5060", p -> { }, null).close();
            throw new AssertionError("the bad filter was accepted");
        } catch (LiveCaptureException e) {
            if (e.getMessage().startsWith("no permission")) {
                Assumptions.abort("live capture impossible here: " + e.getMessage());
            }
            assertTrue(e.getMessage().startsWith("capture filter \"udp prot 5060\" is not valid: "), e.getMessage());
        }
    }
}
