package org.sipladder.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.capture.Endpoint;
import org.sipladder.capture.PcapWriter;

/**
 * Builds the app image from jpackage.cfg exactly as a release does (only input and destination
 * redirected) and runs its native launcher headless (--version, and a CLI command on a capture written
 * here), and builds the start-up CDS archive in it as scripts/package.sh does; bound to {@code mvn verify}
 * by failsafe because it needs the shaded jar. Skips when the JDK has no jpackage.
 */
class AppImageIT {

    private static final Path SHADED_JAR = Path.of("target", "sipladder.jar");

    @TempDir
    static Path work;

    private static Path launcher;

    @BeforeAll
    static void buildAppImage() throws IOException {
        Optional<ToolProvider> jpackage = ToolProvider.findFirst("jpackage");
        assumeTrue(jpackage.isPresent(), "jpackage is not in this JDK (it needs a full JDK 14+): app image test skipped");
        assertTrue(Files.isRegularFile(SHADED_JAR), "run through mvn verify so the shaded jar exists: " + SHADED_JAR);
        Path input = Files.createDirectories(work.resolve("input"));
        Files.copy(SHADED_JAR, input.resolve("sipladder.jar"));
        Files.copy(Path.of("packaging", "cds-archive.sh"), input.resolve("cds-archive.sh"));
        Path dest = work.resolve("dist");
        StringWriter out = new StringWriter();
        int status = jpackage.get().run(new PrintWriter(out), new PrintWriter(out),
                "@jpackage.cfg", "--input", input.toString(), "--dest", dest.toString());
        assertEquals(0, status, "jpackage @jpackage.cfg failed:\n" + out);
        launcher = launcherIn(dest);
        assertTrue(Files.isExecutable(launcher), "no launcher at " + launcher);
    }

    @Test
    void versionMatchesTheJarAndTheJpackageConfig() throws Exception {
        String manifestVersion;
        try (JarFile jar = new JarFile(SHADED_JAR.toFile())) {
            manifestVersion = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        Run run = runLauncher("--version");

        assertEquals(0, run.status, run.output);
        assertEquals("SIP Ladder " + manifestVersion, run.output.strip());
        assertEquals(manifestVersion, appVersionInConfig(),
                "jpackage.cfg --app-version must follow the pom version");
    }

    @Test
    void messagesListsTheSipMessagesOfACaptureBuiltHere() throws Exception {
        Path capture = work.resolve("two-messages.pcap");
        Endpoint jambonz = new Endpoint("172.20.11.236", 5060);
        Endpoint livekit = new Endpoint("129.158.233.108", 5060);
        try (PcapWriter pcap = new PcapWriter(Files.newOutputStream(capture), PcapWriter.LINKTYPE_ETHERNET)) {
            pcap.writeUdp(1_700_000_000_000_000L, jambonz, livekit, sip("INVITE sip:4991874350352@lk.example SIP/2.0",
                    "INVITE"));
            pcap.writeUdp(1_700_000_001_500_000L, livekit, jambonz, sip("SIP/2.0 503 Try again later", "INVITE"));
        }

        Run run = runLauncher("messages", capture.toString());

        assertEquals(0, run.status, run.output);
        List<String> lines = run.output.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("172.20.11.236:5060") && l.contains("INVITE")
                && l.contains("it-call-1")), run.output);
        assertTrue(lines.stream().anyMatch(l -> l.contains("503 Try again later")), run.output);
    }

    @Test
    void theStartUpArchiveIsBuiltWithoutADisplayAndUsed() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"),
                "packaging/cds-archive.sh is for Linux images");
        Path appDir = launcher.getParent().getParent().resolve("lib").resolve("app");
        ProcessBuilder pb = new ProcessBuilder("sh", appDir.resolve("cds-archive.sh").toString())
                .redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "cds-archive.sh did not finish in 120 s");

        // The script itself checks with -Xshare:on that the JVM uses the archive, and fails otherwise.
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("start-up training: demo diagnosed"), output);
        assertTrue(Files.size(appDir.resolve("app.jsa")) > 1_000_000, output);
        assertTrue(Files.readString(appDir.resolve("SIPLadder.cfg")).contains("-XX:SharedArchiveFile=$APPDIR/app.jsa"));
        Run version = runLauncher("--version");
        assertEquals(0, version.status, version.output);
        assertTrue(version.output.strip().matches("SIP Ladder [0-9.]+"), "nothing but the version: " + version.output);
    }

    private static byte[] sip(String startLine, String method) {
        return (startLine + "\r\nVia: SIP/2.0/UDP 172.20.11.236:5060;branch=z9hG4bKit1\r\n"
                + "From: <sip:+4930123456@carrier.example>;tag=f1\r\nTo: <sip:4991874350352@lk.example>\r\n"
                + "Call-ID: it-call-1\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String appVersionInConfig() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("jpackage.cfg"));
        return lines.stream().filter(l -> l.startsWith("--app-version "))
                .map(l -> l.substring("--app-version ".length()).strip()).findFirst().orElse("missing");
    }

    private static Path launcherIn(Path dest) {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win")) {
            return dest.resolve("SIPLadder").resolve("SIPLadder.exe");
        }
        if (os.contains("mac")) {
            return dest.resolve("SIPLadder.app").resolve("Contents").resolve("MacOS").resolve("SIPLadder");
        }
        return dest.resolve("SIPLadder").resolve("bin").resolve("SIPLadder");
    }

    /** Runs the packaged launcher without a display, as a script or CI job would. */
    static Run runLauncher(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(work, "launcher", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher did not finish in 30 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    record Run(int status, String output) {
    }
}
