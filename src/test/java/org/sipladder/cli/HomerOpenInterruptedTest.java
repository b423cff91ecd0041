package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.Launcher;
import org.sipladder.testkit.HomerStandIn;

/** {@code homer open} stopped by SIGTERM (what Ctrl+C and a service stop do) in the middle of Homer's pcap export. */
class HomerOpenInterruptedTest {

    @TempDir
    Path dir;

    @Test
    void aTerminatedExportLeavesNoHiddenTemporaryFilesBehind() throws Exception {
        HomerStandIn homer = HomerStandIn.twoCalls(HomerCommandTest.T0);
        try (MockWebServer server = new MockWebServer()) {
            // the export trickles (64 bytes a second): the program is stopped while it copies it
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    MockResponse answer = homer.dispatch(request);
                    return request.getUrl().encodedPath().endsWith("/pcap")
                            ? answer.newBuilder().throttleBody(64, 1, TimeUnit.SECONDS).build() : answer;
                }
            });
            server.start();
            Path out = dir.resolve("out").resolve("from-homer.pcapng");
            Files.createDirectories(out.getParent());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xshare:auto", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                    "homer", "open", "--url", server.url("/").toString(), "--user", HomerStandIn.USER, "--call-id",
                    "other-call", "--from", HomerCommandTest.FROM, "--to", HomerCommandTest.TO, "-o", out.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
            builder.environment().put("HOMER_PASSWORD", HomerStandIn.PASSWORD);
            builder.environment().put("SIPLADDER_NO_RELAUNCH", "1");
            Process process = builder.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (hidden(out.getParent()).stream().noneMatch(n -> n.endsWith(".part"))) {
                    assertTrue(process.isAlive(), Files.readString(dir.resolve("log.txt")));
                    assertTrue(System.nanoTime() < deadline, "no export under way within a minute");
                    Thread.sleep(20);
                }
                process.destroy(); // SIGTERM
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the program ended on SIGTERM");
            } finally {
                process.destroyForcibly();
            }
            assertEquals(List.of(), hidden(out.getParent()), Files.readString(dir.resolve("log.txt")));
        }
    }

    private static List<String> hidden(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }
}
