package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.Endpoint;
import org.sipladder.testkit.Hep;
import org.sipladder.testkit.SipText;

class ListenCommandTest {

    static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    /** A command run on a thread of its own whose stderr can be watched while it runs. */
    static final class Running {
        final StringWriter out = new StringWriter();
        final StringBuffer err = new StringBuffer();
        final CountDownLatch started = new CountDownLatch(1);
        final CompletableFuture<Integer> exit;

        Running(String... args) {
            this(null, args);
        }

        /** As the other, printing to {@code console} (null: to {@link #out}). */
        Running(PrintWriter console, String... args) {
            Writer errWriter = new Writer() {
                @Override
                public void write(char[] c, int off, int len) {
                    err.append(c, off, len);
                    if (err.indexOf("\n") >= 0) {
                        started.countDown();
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            PrintWriter printed = console == null ? new PrintWriter(out) : console;
            exit = CompletableFuture.supplyAsync(() -> SipLadderCommand.execute(args, printed,
                    new PrintWriter(errWriter)));
        }

        /** The first line on stderr ("listening for HEP on 127.0.0.1:PORT"), once written. */
        String firstLine() throws InterruptedException {
            assertTrue(started.await(60, TimeUnit.SECONDS), "the command said nothing");
            return err.substring(0, err.indexOf("\n"));
        }
    }

    @Test
    void eachMessagePrintsAsItArrivesAsMessagesJsonDoesAndMinusWWritesThem() throws Exception {
        Path out = dir.resolve("hep.pcapng");
        Running listen = new Running("listen", "--hep", "udp:127.0.0.1:0", "--duration", "6", "--json", "-w",
                out.toString());
        String listening = listen.firstLine();
        assertTrue(listening.startsWith("listening for HEP on 127.0.0.1:"), listening);
        int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
        Endpoint carrier = new Endpoint("203.0.113.7", 5060);
        Endpoint sbc = new Endpoint("198.51.100.20", 5060);
        List<byte[]> packets = List.of(
                Hep.v3(carrier, sbc, 17, T, SipText.invite("live-1").getBytes(StandardCharsets.UTF_8)),
                Hep.v3(sbc, carrier, 17, T + 30_000, SipText.response(486, "Busy Here", "INVITE", "live-1", 1)
                        .getBytes(StandardCharsets.UTF_8)));
        try (DatagramSocket socket = new DatagramSocket()) {
            for (byte[] p : packets) {
                socket.send(new DatagramPacket(p, p.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
        }
        assertEquals(0, listen.exit.get());
        CliRun done = new CliRun(0, listen.out.toString(), listen.err.toString());
        assertTrue(done.err().contains("2 HEP packets received, 0 without SIP; written to " + out), done.err());
        List<JsonObject> live = done.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(2, live.size());
        assertEquals("203.0.113.7:5060", live.get(0).get("src").getAsString());
        assertEquals("HEP", live.get(0).get("transport").getAsString());
        assertEquals(1_700_000_000.03, live.get(1).get("time").getAsDouble(), 1e-7);
        assertEquals(486, live.get(1).get("status").getAsInt());

        CliRun saved = CliRun.of("messages", out.toString(), "--json");
        List<JsonObject> written = saved.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(2, written.size());
        for (int i = 0; i < 2; i++) {
            JsonObject expected = live.get(i).deepCopy();
            expected.addProperty("transport", "UDP"); // the file holds the SIP inside, as plain UDP
            assertEquals(expected, written.get(i));
        }
    }

    @Test
    void aMessageThatCannotBeParsedWholeIsPrintedAndFlagged() throws Exception {
        Running listen = new Running("listen", "--hep", "udp:127.0.0.1:0", "--duration", "4");
        String listening = listen.firstLine();
        int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
        byte[] bad = Hep.v3(new Endpoint("203.0.113.7", 5060), new Endpoint("198.51.100.20", 5060), 17, T,
                SipText.invite("live-bad").replace("CSeq: 1 INVITE", "CSeq: abc").getBytes(StandardCharsets.UTF_8));
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(bad, bad.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        }
        assertEquals(0, listen.exit.get());
        assertEquals("2023-11-14 22:13:20.000000  203.0.113.7:5060 -> 198.51.100.20:5060  INVITE (malformed)  live-bad\n",
                listen.out.toString());
    }

    /**
     * Anyone who can reach the port chooses the bytes printed: a payload of ESC sequences (here one that retitles the
     * window and one that clears the screen) and a Call-ID with one in it went to the terminal as they came, so a
     * sender could rewrite what the user reads. They are printed escaped, as Wireshark's text output shows them.
     */
    @Test
    void controlCharactersASenderChoseReachTheTerminalEscaped() throws Exception {
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        Running listen = new Running(new ConsoleWriter(console, StandardCharsets.UTF_8), "listen", "--hep",
                "udp:127.0.0.1:0", "--duration", "2");
        String listening = listen.firstLine();
        int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
        Endpoint a = new Endpoint("203.0.113.7", 5060);
        Endpoint b = new Endpoint("198.51.100.20", 5060);
        List<byte[]> packets = List.of(
                Hep.v3(a, b, 17, T, "\u001b]0;owned\u0007\u001b[2J\u0085\r\n".getBytes(StandardCharsets.UTF_8)),
                Hep.v3(a, b, 17, T, SipText.invite("x\u001b[8my").getBytes(StandardCharsets.UTF_8)));
        try (DatagramSocket socket = new DatagramSocket()) {
            for (byte[] p : packets) {
                socket.send(new DatagramPacket(p, p.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
        }
        assertEquals(0, listen.exit.get());
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals("2023-11-14 22:13:20.000000  203.0.113.7:5060 -> 198.51.100.20:5060  "
                + "\\x1b]0;owned\\x07\\x1b[2J\\x85 (malformed)  -\n"
                + "2023-11-14 22:13:20.000000  203.0.113.7:5060 -> 198.51.100.20:5060  INVITE (malformed)  x\\x1b[8my\n", printed);
    }

    @Test
    void aBadAddressIsOneLine() {
        CliRun run = CliRun.of("listen", "--hep", "sctp:9060", "--duration", "0");
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode());
        assertEquals("--hep sctp:9060: say udp: or tcp:, e.g. udp:0.0.0.0:9060\n", run.err());
    }

    /**
     * `sipladder listen ... | head -1`: once the reader is gone, listening ends with a shell's status for it, as
     * tcpdump's does; the receiving thread died with a stack trace and the command listened on until --duration.
     */
    @Test
    void listeningEndsWhenTheOutputsReaderIsGone() throws Exception {
        java.io.OutputStream closedPipe = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        Running listen = new Running(new ConsoleWriter(closedPipe, StandardCharsets.UTF_8), "listen", "--hep",
                "udp:127.0.0.1:0", "--duration", "300", "--json");
        String listening = listen.firstLine();
        int port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
        byte[] invite = Hep.v3(new Endpoint("203.0.113.7", 5060), new Endpoint("198.51.100.20", 5060), 17, T,
                SipText.invite("live-gone").getBytes(StandardCharsets.UTF_8));
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(invite, invite.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        }
        assertEquals(141, listen.exit.get(30, TimeUnit.SECONDS), listen.err.toString());
        assertEquals(listening + "\n", listen.err.toString());
    }
}
