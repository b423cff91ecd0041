package org.sipladder.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.CaptureListener;
import org.junit.jupiter.api.Test;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.SipPayload;
import org.sipladder.capture.Transport;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.SipText;

class HepListenerTest {

    static final long T = 1_700_000_000_250_000L;
    /** How a notice of a connection closed ends: further ones from the host are only counted. */
    private static final String FURTHER = ". Further such connections from 127.0.0.1 are counted, not shown";
    private static final Endpoint AGENT_SRC = new Endpoint("203.0.113.7", 5060);
    private static final Endpoint AGENT_DST = new Endpoint("198.51.100.20", 5080);

    private final BlockingQueue<SipPayload> received = new LinkedBlockingQueue<>();

    private SipPayload next() throws InterruptedException {
        SipPayload p = received.poll(20, TimeUnit.SECONDS);
        assertTrue(p != null, "no message arrived");
        return p;
    }

    @Test
    void hep3OverUdpAndTcpArriveWithTheAgentsAddressesAndTimes() throws Exception {
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("udp:127.0.0.1:0"),
                ListenAddress.parse("tcp:127.0.0.1:0")), received::add)) {
            InetSocketAddress udp = hep.boundAddresses().get(0);
            InetSocketAddress tcp = hep.boundAddresses().get(1);
            byte[] invite = Hep.v3(AGENT_SRC, AGENT_DST, 17, T, SipText.invite("hep-udp").getBytes(StandardCharsets.UTF_8));
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(invite, invite.length, udp));
            }
            SipPayload first = next();
            assertEquals(AGENT_SRC, first.src());
            assertEquals(AGENT_DST, first.dst());
            assertEquals(T, first.timestampMicros());
            assertEquals(Transport.HEP, first.transport());
            assertTrue(new String(first.data(), StandardCharsets.UTF_8).contains("Call-ID: hep-udp"));

            // two packets in one write and one split over two writes: framing comes from HEP3's length field
            byte[] a = Hep.v3(AGENT_DST, AGENT_SRC, 6, T + 1_000, SipText.response(180, "Ringing", "INVITE", "hep-tcp", 1)
                    .getBytes(StandardCharsets.UTF_8));
            byte[] b = Hep.v3(AGENT_DST, AGENT_SRC, 6, T + 2_000, SipText.response(200, "OK", "INVITE", "hep-tcp", 1)
                    .getBytes(StandardCharsets.UTF_8));
            try (Socket socket = new Socket(tcp.getAddress(), tcp.getPort())) {
                OutputStream out = socket.getOutputStream();
                byte[] both = new byte[a.length + b.length];
                System.arraycopy(a, 0, both, 0, a.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                out.write(both, 0, a.length + 10);
                out.flush();
                Thread.sleep(50);
                out.write(both, a.length + 10, b.length - 10);
                out.flush();
                SipPayload ringing = next();
                SipPayload ok = next();
                assertEquals(AGENT_DST, ringing.src());
                assertEquals(T + 1_000, ringing.timestampMicros());
                assertTrue(new String(ok.data(), StandardCharsets.UTF_8).startsWith("SIP/2.0 200 OK"));
                assertEquals(T + 2_000, ok.timestampMicros());
            }
            assertEquals(3, hep.packets());
        }
    }

    @Test
    void aHep3PacketWhoseChunkLengthsBreakItsFramingIsCountedNotSilentlyLost() throws Exception {
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("udp:127.0.0.1:0")), received::add)) {
            byte[] broken = Hep.v3(AGENT_SRC, AGENT_DST, 17, T, SipText.invite("broken").getBytes(StandardCharsets.UTF_8));
            broken[6 + 4] = 0; // the first chunk's length: 0, shorter than a chunk header
            broken[6 + 5] = 0;
            byte[] good = Hep.v3(AGENT_SRC, AGENT_DST, 17, T, SipText.invite("good").getBytes(StandardCharsets.UTF_8));
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(broken, broken.length, hep.boundAddresses().get(0)));
                socket.send(new DatagramPacket(good, good.length, hep.boundAddresses().get(0)));
            }
            assertTrue(new String(next().data(), StandardCharsets.UTF_8).contains("Call-ID: good"));
            assertEquals(2, hep.packets());
            assertEquals(1, hep.ignored());
        }
    }

    /** A HEP3 chunk of vendor 0: type, the length it says, and its value. */
    private static byte[] chunk(int type, int length, byte[] value) {
        return java.nio.ByteBuffer.allocate(6 + value.length).putShort((short) 0).putShort((short) type)
                .putShort((short) length).put(value).array();
    }

    private static byte[] chunk(int type, byte[] value) {
        return chunk(type, 6 + value.length, value);
    }

    private static byte[] hep3(byte[]... chunks) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        return java.nio.ByteBuffer.allocate(6 + body.size()).put("HEP3".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) (6 + body.size())).put(body.toByteArray()).array();
    }

    private static byte[] port(int p) {
        return java.nio.ByteBuffer.allocate(2).putShort((short) p).array();
    }

    private static final byte[] V4_SRC = {(byte) 203, 0, 113, 7};
    private static final byte[] V4_DST = {(byte) 198, 51, 100, 20};
    private static final byte[] V6_DST = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    /**
     * HEP3 packets with the magic but broken chunks (a chunk length of 0, no source address, an IPv4 source with an
     * IPv6 destination) were counted only, with no word of why, and the SIP they held was lost. Each kind of fault
     * now gets one notice per agent, and a payload that came is kept, flagged with the reason.
     */
    @Test
    void brokenChunksGetOneNoticePerKindAndAgentAndTheirSipIsKeptFlagged() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("udp:127.0.0.1:0")), received::add,
                notices::add);
             DatagramSocket socket = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            byte[] sip = {1};
            byte[] zeroLength = hep3(chunk(3, V4_SRC), chunk(4, V4_DST), chunk(7, port(5060)), chunk(8, port(5080)),
                    chunk(11, sip), chunk(15, SipText.invite("zero-length").getBytes(StandardCharsets.UTF_8)),
                    chunk(0x20, 0, new byte[0]));
            byte[] noSource = hep3(chunk(4, V4_DST), chunk(7, port(5060)), chunk(8, port(5080)), chunk(11, sip),
                    chunk(15, SipText.invite("no-source").getBytes(StandardCharsets.UTF_8)));
            byte[] mixed = hep3(chunk(3, V4_SRC), chunk(6, V6_DST), chunk(7, port(5060)), chunk(8, port(5080)),
                    chunk(11, sip), chunk(15, SipText.invite("mixed").getBytes(StandardCharsets.UTF_8)));
            byte[] good = Hep.v3(AGENT_SRC, AGENT_DST, 17, T, SipText.invite("good").getBytes(StandardCharsets.UTF_8));
            for (byte[] p : List.of(zeroLength, zeroLength, noSource, mixed, mixed, good)) {
                socket.send(new DatagramPacket(p, p.length, hep.boundAddresses().get(0)));
            }
            List<SipPayload> kept = List.of(next(), next(), next(), next(), next(), next());
            assertEquals(List.of("zero-length", "zero-length", "no-source", "mixed", "mixed", "good"),
                    kept.stream().map(p -> new String(p.data(), StandardCharsets.UTF_8).replaceAll(
                            "(?s).*Call-ID: ([^\\r]*).*", "$1")).toList());
            assertTrue(kept.get(0).note().contains("chunk length shorter than a chunk header"), kept.get(0).note());
            assertTrue(kept.get(2).note().contains("no source or no destination address"), kept.get(2).note());
            assertEquals(new Endpoint("0.0.0.0", 5060), kept.get(2).src());
            assertEquals(new Endpoint("198.51.100.20", 5080), kept.get(2).dst());
            assertTrue(kept.get(3).note().contains("different families"), kept.get(3).note());
            assertEquals(new Endpoint("2001:db8::1", 5080), kept.get(3).dst());
            assertEquals(null, kept.get(5).note());
            String agent = "HEP over UDP from 127.0.0.1:" + socket.getLocalPort() + ": ";
            List<String> told = List.of(notices.poll(20, TimeUnit.SECONDS), notices.poll(20, TimeUnit.SECONDS),
                    notices.poll(20, TimeUnit.SECONDS));
            assertTrue(told.get(0).startsWith(agent + "the HEP packet has a chunk length shorter"), told.get(0));
            assertTrue(told.get(0).endsWith("; the message it carried is kept, flagged with this. Further such "
                    + "packets from 127.0.0.1 are counted, not shown"), told.get(0));
            assertTrue(told.get(1).startsWith(agent + "the HEP packet has no source or no destination"), told.get(1));
            assertTrue(told.get(2).startsWith(agent + "the HEP packet's source and destination addresses are of "
                    + "different families"), told.get(2));
            assertEquals(null, notices.poll(200, TimeUnit.MILLISECONDS));
            assertEquals(6, hep.packets());
            assertEquals(0, hep.ignored());
        }
    }

    /**
     * An agent set to send plain SIP (or anything not HEP) to the HEP port: every datagram was counted "without SIP"
     * and nothing said what came, so the app showed no calls and no reason. The first such datagram gets one notice
     * naming the sender and quoting its start (printable characters only: it goes to a terminal); HEP carrying
     * no SIP (RTCP reports, logs) is an agent's ordinary traffic and gets none.
     */
    @Test
    void theFirstDatagramThatIsNotHepGetsOneNoticeQuotingItsStart() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("udp:127.0.0.1:0")), received::add,
                notices::add);
             DatagramSocket socket = new DatagramSocket()) {
            byte[] rtcp = Hep.v3(AGENT_SRC, AGENT_DST, 17, T, Hep.RTCP,
                    "{\"type\":200}".getBytes(StandardCharsets.UTF_8));
            byte[] plain = ("\u001b[2J" + SipText.invite("plain")).getBytes(StandardCharsets.UTF_8);
            byte[] good = Hep.v3(AGENT_SRC, AGENT_DST, 17, T, SipText.invite("good").getBytes(StandardCharsets.UTF_8));
            for (byte[] p : List.of(rtcp, plain, plain, good)) {
                socket.send(new DatagramPacket(p, p.length, hep.boundAddresses().get(0)));
            }
            assertTrue(new String(next().data(), StandardCharsets.UTF_8).contains("Call-ID: good"));
            assertEquals("HEP over UDP from 127.0.0.1:" + socket.getLocalPort() + ": a datagram that is not HEP "
                    + "(it starts \".[2JINVITE sip:+15551234567@sip.\"); check that the agent sends HEP here. "
                    + "Further ones are counted, not shown", notices.poll(20, TimeUnit.SECONDS));
            assertEquals(null, notices.poll(200, TimeUnit.MILLISECONDS));
            assertEquals(4, hep.packets());
            assertEquals(2, hep.ignored()); // the RTCP report is HEP carrying media
        }
    }

    /**
     * Each connection closed for what it sent got a notice of its own: a peer that connects, sends garbage and
     * reconnects (a scanner, a misconfigured agent in a loop) wrote a line to stderr per connection for as long as it
     * kept on. One notice per kind of fault and host; the rest are counted in the summary.
     */
    @Test
    void connectionsClosedForTheSameFaultFromOneHostGetOneNoticeAndAreCounted() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("tcp:127.0.0.1:0")), received::add,
                notices::add)) {
            for (int i = 0; i < 20; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(hep.boundAddresses().get(0));
                    socket.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.setSoTimeout(20_000);
                    assertEquals(-1, socket.getInputStream().read(), "the listener closed the connection");
                }
            }
            for (int i = 0; i < 100 && hep.droppedConnections() < 20; i++) {
                Thread.sleep(20);
            }
            assertEquals(20, hep.droppedConnections());
            String first = notices.poll(20, TimeUnit.SECONDS);
            assertTrue(first.endsWith("not HEP3 where a packet should start; connection closed. Further such "
                    + "connections from 127.0.0.1 are counted, not shown"), first);
            assertEquals(null, notices.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aTcpStreamOfGarbageIsClosedWithOneNoticeNamingThePeer() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("tcp:127.0.0.1:0")), received::add,
                notices::add);
             Socket socket = new Socket()) {
            socket.connect(hep.boundAddresses().get(0));
            byte[] garbage = new byte[64 * 1024];
            java.util.Arrays.fill(garbage, (byte) 'x');
            socket.getOutputStream().write(garbage, 0, 6);
            socket.setSoTimeout(20_000);
            assertEquals(-1, socket.getInputStream().read(), "the listener closed the connection");
            String notice = notices.poll(20, TimeUnit.SECONDS);
            assertEquals("HEP over TCP from 127.0.0.1:" + socket.getLocalPort() + ": not HEP3 where a packet should "
                    + "start; connection closed. Further such connections from 127.0.0.1 are counted, not shown", notice);
            assertEquals(null, notices.poll(200, TimeUnit.MILLISECONDS));
            // the summary counts it as received and not SIP: never more packets without SIP than received
            assertEquals(1, hep.packets());
            assertEquals(1, hep.ignored());
        }
    }

    /**
     * An agent that hangs up (or crashes) in the middle of a packet: what came of it vanished with no word, as the
     * read of its rest threw and the connection ended quietly, as a hang-up between packets does.
     */
    @Test
    void aConnectionClosedInTheMiddleOfAPacketKeepsWhatCameAndSaysSo() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("tcp:127.0.0.1:0")), received::add,
                notices::add)) {
            byte[] whole = Hep.v3(AGENT_SRC, AGENT_DST, 6, T, SipText.invite("whole").getBytes(StandardCharsets.UTF_8));
            byte[] cut = Hep.v3(AGENT_SRC, AGENT_DST, 6, T, SipText.invite("cut").getBytes(StandardCharsets.UTF_8));
            int port;
            try (Socket socket = new Socket()) {
                socket.connect(hep.boundAddresses().get(0));
                port = socket.getLocalPort();
                OutputStream out = socket.getOutputStream();
                out.write(whole);
                out.write(cut, 0, 300);
            }
            assertTrue(new String(next().data(), StandardCharsets.UTF_8).contains("Call-ID: whole"));
            SipPayload kept = next();
            assertTrue(new String(kept.data(), StandardCharsets.UTF_8).startsWith("INVITE "));
            assertTrue(kept.note() != null && kept.note().startsWith("the HEP packet ends before its payload chunk"),
                    kept.note());
            assertEquals("HEP over TCP from 127.0.0.1:" + port + ": the connection closed 300 bytes into a packet of "
                    + cut.length + " bytes; what came of it is kept" + FURTHER, notices.poll(20, TimeUnit.SECONDS));
            assertEquals(2, hep.packets());

            try (Socket socket = new Socket()) {
                socket.connect(hep.boundAddresses().get(0));
                port = socket.getLocalPort();
                socket.getOutputStream().write(cut, 0, 40); // within the chunks before the payload
            }
            assertEquals("HEP over TCP from 127.0.0.1:" + port + ": the connection closed 40 bytes into a packet of "
                    + cut.length + " bytes; nothing of it could be read" + FURTHER, notices.poll(20, TimeUnit.SECONDS));
            try (Socket socket = new Socket()) {
                socket.connect(hep.boundAddresses().get(0));
                port = socket.getLocalPort();
                socket.getOutputStream().write(cut, 0, 3);
            }
            assertEquals("HEP over TCP from 127.0.0.1:" + port + ": the connection closed 3 bytes into a packet; "
                    + "nothing of it could be read" + FURTHER, notices.poll(20, TimeUnit.SECONDS));
            assertEquals(4, hep.packets());
            assertEquals(2, hep.ignored());
        }
    }

    @Test
    void theAppsHepFeedHandsADroppedConnectionsNoticeToItsListenerAsAWarning(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        BlockingQueue<String> warnings = new LinkedBlockingQueue<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        LiveFeed feed = LiveFeed.hep(List.of(ListenAddress.parse("tcp:127.0.0.1:" + port)), dir.resolve("hep.pcapng"));
        Thread running = new Thread(() -> {
            try {
                feed.run(new CaptureListener() {
                    @Override
                    public void payload(SipPayload p) {
                        received.add(p);
                    }

                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                }, cancelled::get);
            } catch (Exception e) {
                warnings.add("failed: " + e);
            }
        });
        running.start();
        try (Socket socket = connectWhenListening(port)) {
            socket.getOutputStream().write("xxxxxx".getBytes(StandardCharsets.US_ASCII));
            String warning = warnings.poll(20, TimeUnit.SECONDS);
            assertEquals("HEP over TCP from 127.0.0.1:" + socket.getLocalPort() + ": not HEP3 where a packet should "
                    + "start; connection closed" + FURTHER, warning);
        } finally {
            cancelled.set(true);
            running.join(20_000);
        }
    }

    /** A connection to the loopback {@code port} once something listens there (the feed binds on its thread). */
    private static Socket connectWhenListening(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return new Socket(java.net.InetAddress.getLoopbackAddress(), port);
            } catch (java.net.ConnectException e) {
                if (attempt == 200) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aConnectionSilentForTheIdleTimeoutIsClosedWithANoticeAndGivesItsSlotBack() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("tcp:127.0.0.1:0")), received::add,
                notices::add, java.time.Duration.ofMillis(300));
             Socket agent = new Socket()) {
            agent.connect(hep.boundAddresses().get(0));
            // an agent that sends keeps its connection past one timeout's worth of time in all
            byte[] invite = Hep.v3(AGENT_SRC, AGENT_DST, 6, T, SipText.invite("alive").getBytes(StandardCharsets.UTF_8));
            agent.getOutputStream().write(invite);
            assertTrue(new String(next().data(), StandardCharsets.UTF_8).contains("Call-ID: alive"));
            agent.setSoTimeout(20_000);
            assertEquals(-1, agent.getInputStream().read(), "the listener closed the silent connection");
            assertEquals("HEP over TCP from 127.0.0.1:" + agent.getLocalPort() + ": nothing received for 300 ms; "
                    + "connection closed (the agent reconnects when it has something to send)" + FURTHER,
                    notices.poll(20, TimeUnit.SECONDS));
            // its slot is free again: the count of connections went back down
            for (int i = 0; i < 100 && hep.connections() > 0; i++) {
                Thread.sleep(20);
            }
            assertEquals(0, hep.connections());
        }
        assertEquals(java.time.Duration.ofMinutes(5), HepListener.IDLE_TIMEOUT);
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnceAndAnAgentWithinItIsServed() throws Exception {
        BlockingQueue<String> notices = new LinkedBlockingQueue<>();
        List<Socket> idle = new java.util.ArrayList<>();
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("tcp:127.0.0.1:0")), received::add,
                notices::add)) {
            InetSocketAddress at = hep.boundAddresses().get(0);
            for (int i = 0; i < HepListener.MAX_CONNECTIONS; i++) {
                idle.add(new Socket(at.getAddress(), at.getPort()));
            }
            Socket agent = idle.get(0);
            try (Socket extra = new Socket(at.getAddress(), at.getPort())) {
                extra.setSoTimeout(20_000);
                assertEquals(-1, extra.getInputStream().read(), "a connection beyond the limit is closed");
            }
            assertTrue(notices.poll(20, TimeUnit.SECONDS).startsWith("HEP over TCP: " + HepListener.MAX_CONNECTIONS
                    + " agents connected, closing the connection from 127.0.0.1:"));
            byte[] invite = Hep.v3(AGENT_SRC, AGENT_DST, 6, T, SipText.invite("within").getBytes(StandardCharsets.UTF_8));
            agent.getOutputStream().write(invite);
            assertTrue(new String(next().data(), StandardCharsets.UTF_8).contains("Call-ID: within"));
            assertEquals(1, hep.refusedConnections());
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void hep2OverUdpIsDecodedToo() throws Exception {
        try (HepListener hep = HepListener.start(List.of(ListenAddress.parse("udp:127.0.0.1:0")), received::add)) {
            byte[] options = Hep.v2(AGENT_SRC, AGENT_DST, 17, T, SipText.request("OPTIONS", "sip:x", "v2", 1, "")
                    .getBytes(StandardCharsets.UTF_8));
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(options, options.length, hep.boundAddresses().get(0)));
            }
            SipPayload p = next();
            assertEquals(AGENT_SRC, p.src());
            assertEquals(T, p.timestampMicros());
        }
    }

    @Test
    void aPortInUseIsOneMessageNamingTheAddress() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            String spec = "udp:127.0.0.1:" + taken.getLocalPort();
            IOException e = assertThrows(IOException.class, () -> HepListener.start(List.of(ListenAddress.parse(spec)),
                    received::add));
            assertTrue(e.getMessage().startsWith(spec + ": cannot listen ("), e.getMessage());
        }
    }

    @Test
    void listenAddressesAreReadWithExamplesInTheirErrors() {
        assertEquals(new ListenAddress(ListenAddress.Protocol.TCP, "::1", 9061), ListenAddress.parse("tcp:[::1]:9061"));
        assertEquals(new ListenAddress(ListenAddress.Protocol.UDP, "0.0.0.0", 9060), ListenAddress.parse("udp:9060"));
        assertEquals("udp:x: say udp: or tcp:, e.g. udp:0.0.0.0:9060".replace("udp:x", "sctp:1"),
                assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("sctp:1")).getMessage());
    }
}
