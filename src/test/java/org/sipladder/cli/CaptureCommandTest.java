package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.SipText;

/** `capture -i lo` while the test sends SIP to 127.0.0.1; skipped, saying why, where live capture is impossible. */
class CaptureCommandTest {

    @TempDir
    Path dir;

    @Test
    void liveMessagesPrintAsMessagesJsonPrintsThemAndMinusWHoldsThePackets() throws Exception {
        CliRun listed = CliRun.of("capture", "--list");
        Assumptions.assumeTrue(listed.exitCode() == 0, () -> "live capture impossible here: " + listed.err());
        String lo = listed.outLines().stream().filter(l -> l.startsWith("lo ") || l.startsWith("lo0 ")
                || l.equals("lo")).map(l -> l.split(" ")[0]).findFirst().orElse(null);
        Assumptions.assumeTrue(lo != null, () -> "no loopback interface in " + listed.out());
        assertTrue(listed.out().contains("127.0.0.1"), listed.out());
        Path out = dir.resolve("live.pcapng");
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            ListenCommandTest.Running capture = new ListenCommandTest.Running("capture", "-i", lo, "-f",
                    "udp port " + receiver.getLocalPort(), "--duration", "6", "--json", "-w", out.toString());
            String first = capture.firstLine();
            Assumptions.assumeFalse(first.startsWith("no permission"), first);
            assertTrue(first.startsWith("capturing on " + lo), first);
            Thread.sleep(300); // as in aBoundTheDecoderReachesIsALineOnStderr: the first packets right after the start
            for (String text : List.of(SipText.invite("cli-live"), SipText.response(180, "Ringing", "INVITE",
                    "cli-live", 1))) {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(b, b.length, receiver.getLocalSocketAddress()));
            }
            int exit = capture.exit.get();
            CliRun done = new CliRun(exit, capture.out.toString(), capture.err.toString());
            assertEquals(0, done.exitCode(), done.err());
            List<JsonObject> live = done.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                    .toList();
            assertEquals(2, live.size(), done.out());
            CliRun saved = CliRun.of("messages", out.toString(), "--json");
            List<JsonObject> written = saved.outLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                    .toList();
            assertEquals(live, written);
            assertEquals("cli-live", written.get(0).get("callId").getAsString());
            assertTrue(done.err().contains("2 packets captured; written to " + out), done.err());
        }
    }

    @Test
    void aBoundTheDecoderReachesIsALineOnStderr() throws Exception {
        // the decoders' warnings (a header past its bound, fragments given up, TCP streams past their bytes) went to
        // a listener that dropped them: a live capture never said why messages were missing
        CliRun listed = CliRun.of("capture", "--list");
        Assumptions.assumeTrue(listed.exitCode() == 0, () -> "live capture impossible here: " + listed.err());
        String lo = listed.outLines().stream().filter(l -> l.startsWith("lo ") || l.startsWith("lo0 ")
                || l.equals("lo")).map(l -> l.split(" ")[0]).findFirst().orElse(null);
        Assumptions.assumeTrue(lo != null, () -> "no loopback interface in " + listed.out());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListenCommandTest.Running capture = new ListenCommandTest.Running("capture", "-i", lo, "-f",
                    "tcp port " + server.getLocalPort(), "--duration", "5");
            String first = capture.firstLine();
            Assumptions.assumeFalse(first.startsWith("no permission"), first);
            // a moment for the capture to settle: in one full-suite run on a busy machine it counted 16 packets,
            // not 17, and gave no warning; most likely the SYN was missed, and a stream without its SYN is taken
            // as joined midway, its first segment (the start line) dropped, so no bound is reached
            Thread.sleep(300);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 Socket accepted = server.accept()) {
                byte[] start = "INVITE sip:x@127.0.0.1 SIP/2.0\r\nX-Pad: ".getBytes(StandardCharsets.US_ASCII);
                // a header line of 300 KB, past the 256 KB a header section may take
                byte[] message = Arrays.copyOf(start, start.length + 300 * 1024 + 4);
                Arrays.fill(message, start.length, message.length - 4, (byte) 'a');
                System.arraycopy("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, message, message.length - 4, 4);
                client.getOutputStream().write(message);
                client.getOutputStream().flush();
                // all of it read before closing: a close with bytes unread would reset the connection
                accepted.getInputStream().readNBytes(message.length);
            }
            int exit = capture.exit.get();
            String err = capture.err.toString();
            assertEquals(0, exit, err);
            assertEquals(1, err.lines().filter(l -> l.contains("(Limits.STREAM_HEADER_BYTES)")).count(), err);
        }
    }

    @Test
    void withoutAnInterfaceItSaysHowToFindOne() {
        CliRun run = CliRun.of("capture", "--duration", "1");
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode());
        assertEquals("say which interface to capture on with -i IFACE (`sipladder capture --list` lists them)\n",
                run.err());
    }
    @Test
    void minusWThatCannotBeWrittenSaysWhyNotThePathAgain() {
        Path missing = dir.resolve("no-such-folder").resolve("x.pcapng");
        CliRun run = CliRun.of("capture", "-i", "lo", "-w", missing.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(missing + ": cannot be written (the folder " + missing.getParent() + " does not exist)\n",
                run.err());
        CliRun folder = CliRun.of("capture", "-i", "lo", "-w", dir.toString());
        assertEquals(2, folder.exitCode(), folder.err());
        assertEquals(dir + ": cannot be written (it is a folder, not a file)\n", folder.err());
    }
}
