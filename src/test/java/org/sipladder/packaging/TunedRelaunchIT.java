package org.sipladder.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.PcapWriter;

/**
 * {@code java -jar target/sipladder.jar} on a capture past the restart threshold runs in a second JVM with the
 * launcher's options: its output, error line and exit status reach the user as if nothing had restarted, and the
 * restarted JVM does not restart again.
 */
class TunedRelaunchIT {

    private static final Path SHADED_JAR = Path.of("target", "sipladder.jar");

    @TempDir
    Path dir;

    @Test
    void aLargeCapturesMessagesComeThroughTheRestartedJvm() throws Exception {
        Path capture = dir.resolve("large.pcap");
        Endpoint sbc = new Endpoint("10.0.0.5", 5060);
        Endpoint livekit = new Endpoint("161.115.180.98", 5060);
        byte[] media = new byte[1400];
        try (OutputStream file = Files.newOutputStream(capture);
                PcapWriter pcap = new PcapWriter(file, PcapWriter.LINKTYPE_ETHERNET)) {
            pcap.writeUdp(1_700_000_000_000_000L, sbc, livekit, ("INVITE sip:+4991874350352@lk.example SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKrelaunch\r\nFrom: <sip:+4930123@10.0.0.5>;tag=a\r\n"
                    + "To: <sip:+4991874350352@lk.example>\r\nCall-ID: relaunch-call\r\nCSeq: 1 INVITE\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // padding that is not SIP, past the restart threshold
            for (int i = 0; i < 40_000; i++) {
                pcap.writeUdp(1_700_000_000_100_000L + i * 20_000L, new Endpoint("10.0.0.5", 40000),
                        new Endpoint("161.115.180.98", 50000), media);
            }
        }
        assertTrue(Files.size(capture) > 48L << 20, "the capture is past the threshold: " + Files.size(capture));

        Run run = run("messages", capture.toString(), "--json");

        assertEquals(0, run.status, run.stderr);
        List<String> lines = run.stdout.lines().toList();
        assertEquals(1, lines.size(), run.stdout);
        assertTrue(lines.get(0).contains("relaunch-call"), run.stdout);
    }

    @Test
    void aLargeFileThatIsNoCaptureGivesOneErrorLineAndTheExitStatus() throws Exception {
        Path junk = dir.resolve("junk.pcap");
        byte[] block = new byte[1 << 20];
        new Random(7).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(junk)) {
            for (int i = 0; i < 50; i++) {
                out.write(block);
            }
        }

        Run run = run("calls", junk.toString());

        assertEquals(2, run.status, run.stderr);
        assertEquals(1, run.stderr.lines().count(), run.stderr);
        assertTrue(run.stdout.isEmpty(), run.stdout);
    }

    private Run run(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(SHADED_JAR), "run through mvn verify so the shaded jar exists");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", SHADED_JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("SIPLADDER_NO_RELAUNCH");
        Process process = builder.start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertTrue(ended, "ended within two minutes");
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt")),
                Files.readString(dir.resolve("err.txt")));
    }

    private record Run(int status, String stdout, String stderr) {
    }
}
