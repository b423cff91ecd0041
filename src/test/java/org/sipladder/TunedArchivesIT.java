package org.sipladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archives the build leaves beside the shaded jar map in the JVM that {@link TunedRelaunch} starts
 * ({@code -Xshare:on} refuses to start otherwise) and change nothing of a command's output.
 */
class TunedArchivesIT {

    private static final Path SHADED_JAR = Path.of("target", "sipladder.jar").toAbsolutePath();
    private static final String DEMO = "src/main/resources/org/sipladder/demo/";

    @TempDir
    Path dir;

    @Test
    void theBuildsArchivesMapAndTheOutputStaysTheSame() throws Exception {
        assertTrue(Files.isRegularFile(SHADED_JAR), "run through mvn verify so the shaded jar exists");
        String[][] runs = {
            {"calls", DEMO + "seed-livekit-503.pcap", "--json"},
            {"diagnose", DEMO + "seed-livekit-503.pcap", "--json", "--livekit-config", DEMO + "seed-inbound-trunks.json",
                "--livekit-config", DEMO + "seed-dispatch-rules.json"}};
        for (String[] args : runs) {
            Path archive = TunedArchives.archive(SHADED_JAR, args);
            List<String> archiveOptions = TunedArchives.options(archive);
            assertFalse(archiveOptions.isEmpty(), "the build made " + archive);
            List<String> mapped = new ArrayList<>(List.of("-Xshare:on"));
            mapped.addAll(archiveOptions);

            String without = run(List.of(), args);
            String with = run(mapped, args);

            assertFalse(without.isEmpty(), String.join(" ", args));
            assertEquals(without, with, String.join(" ", args));
        }
    }

    /**
     * With its archive, messages, calls or streams on the demo, or on the build's training captures (pcapng, RTP,
     * B2BUA legs joined by timing; SIP over TCP, RTCP, fragmented datagrams over IPv4 and IPv6), never opens the jar
     * (18,000 entries: ~8 ms to index): every class it loads is in the archive, and nothing looks the jar up for a
     * class it does not have, as picocli's default factory did for Groovy's Closure class. The class loader makes its
     * jar reader only to open the jar.
     */
    @Test
    void messagesCallsAndStreamsNeverOpenTheJar() throws Exception {
        for (String[] args : new String[][] {
            {"calls", DEMO + "seed-livekit-503.pcap", "--json"},
            {"streams", DEMO + "seed-livekit-503.pcap", "--json"},
            {"calls", "packaging/training/b2bua-rtp.pcapng", "--json"},
            {"streams", "packaging/training/b2bua-rtp.pcapng", "--json"},
            {"calls", "packaging/training/wire-variety.pcap", "--json"},
            {"streams", "packaging/training/wire-variety.pcap", "--json"},
            {"messages", DEMO + "seed-livekit-503.pcap", "--json"},
            {"messages", "packaging/training/wire-variety.pcap", "--json"}}) {
            String command = String.join(" ", args);
            Path log = dir.resolve("classes.txt");
            Files.deleteIfExists(log);
            List<String> options = new ArrayList<>(List.of("-Xshare:on"));
            options.addAll(TunedArchives.options(TunedArchives.archive(SHADED_JAR, args)));
            options.add("-Xlog:class+load:file=" + log);
            run(options, args);
            List<String> opened = Files.readAllLines(log).stream()
                    .filter(l -> l.contains("URLClassPath$JarLoader ") || l.contains("source: file:")).toList();
            assertTrue(opened.isEmpty(), command + ": " + opened);
        }
    }

    private String run(List<String> extra, String[] args) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(TunedRelaunch.launcherOptions());
        options.addAll(extra);
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(TunedRelaunch.command(
                Path.of(System.getProperty("java.home"), "bin", "java"), options, SHADED_JAR, args))
                .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ended within two minutes");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("err.txt")));
        return Files.readString(out);
    }
}
