package org.sipladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sipladder} script at the checkout's root, which the README's command lines use: it starts the one JVM
 * with the same options and class-data archive as the JVM that {@code java -jar} restarts into, and its commands
 * print what {@code java -jar} prints.
 */
class LauncherScriptIT {

    private static final Path SCRIPT = Path.of("sipladder").toAbsolutePath();
    private static final Path SHADED_JAR = Path.of("target", "sipladder.jar").toAbsolutePath();
    private static final String DEMO = "src/main/resources/org/sipladder/demo/";
    private static final String CAPTURE = DEMO + "seed-livekit-503.pcap";

    @TempDir
    Path dir;

    @BeforeAll
    static void bashAndTheJar() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the script is for bash (Linux, macOS)");
        assertTrue(Files.isRegularFile(SHADED_JAR), "run through mvn verify so the shaded jar exists");
    }

    @Test
    void itRunsTheJarWithTheLauncherOptionsAndTheCommandsArchive() throws Exception {
        String[][] runs = {
            {"calls", CAPTURE, "--json"},
            {"diagnose", CAPTURE, "--livekit-config", DEMO + "seed-inbound-trunks.json"},
            {"diagnose", CAPTURE, "--livekit-config=" + DEMO + "seed-dispatch-rules.json"},
            {"streams", CAPTURE},
            {"messages", CAPTURE},
            {}};
        for (String[] args : runs) {
            List<String> expected = new ArrayList<>(List.of(javaOnPath()));
            expected.addAll(cfgOptions());
            Path archive = TunedArchives.archive(SHADED_JAR, args);
            expected.addAll(TunedArchives.options(archive));
            expected.addAll(List.of("-cp", SHADED_JAR.toString(), Launcher.class.getName()));
            expected.addAll(List.of(args));

            List<String> printed = script(Map.of("SIPLADDER_PRINT_COMMAND", "1"), args).lines().toList();

            assertEquals(expected, printed, String.join(" ", args));
            if (args.length > 0) {
                assertTrue(printed.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")),
                        "the build's archive for " + String.join(" ", args));
            }
        }
    }

    @Test
    void itsCommandsPrintWhatJavaJarPrints() throws Exception {
        for (String[] args : new String[][] {{"calls", CAPTURE, "--json"}, {"diagnose", CAPTURE, "--json",
            "--livekit-config", DEMO + "seed-inbound-trunks.json", "--livekit-config", DEMO + "seed-dispatch-rules.json"}}) {
            String viaScript = script(Map.of(), args);
            List<String> javaJar = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", SHADED_JAR.toString()));
            javaJar.addAll(List.of(args));

            String viaJar = run(javaJar, Map.of());

            assertFalse(viaScript.isEmpty(), String.join(" ", args));
            assertEquals(viaJar, viaScript, String.join(" ", args));
        }
    }

    @Test
    void withoutABuiltJarItSaysHowToBuildOne() throws Exception {
        Path copy = dir.resolve("sipladder");
        Files.copy(SCRIPT, copy);
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder("/bin/bash", copy.toString(), "--version").redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ended");

        assertEquals(2, process.exitValue());
        assertEquals("sipladder: " + dir.resolve("target").resolve("sipladder.jar")
                + " is not built yet; build it with: mvn -B -q -DskipTests package", Files.readString(out).trim());
    }

    /** jpackage.cfg's options in its order: those the restart uses, and the marker that it runs with them. */
    private static List<String> cfgOptions() throws IOException {
        List<String> options = TunedRelaunch.launcherOptions(Files.newInputStream(Path.of("jpackage.cfg")));
        List<String> withMarker = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("jpackage.cfg"))) {
            String option = line.startsWith("--java-options ") ? line.substring("--java-options ".length()).trim() : "";
            if (option.equals("-D" + TunedRelaunch.TUNED_PROPERTY + "=true") || options.contains(option)) {
                withMarker.add(option);
            }
        }
        assertEquals(options.size() + 1, withMarker.size(), "jpackage.cfg has the marker and each option once");
        assertEquals(TunedRelaunch.launcherOptions(), options, "the jar's copy of jpackage.cfg is the checkout's");
        return withMarker;
    }

    /** The java the script runs: JAVA_HOME's when this environment sets it, else the one on PATH. */
    private static String javaOnPath() {
        String home = System.getenv("JAVA_HOME");
        if (home != null && !home.isEmpty() && Files.isExecutable(Path.of(home, "bin", "java"))) {
            return Path.of(home, "bin", "java").toString();
        }
        return "java";
    }

    private String script(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        return run(command, environment);
    }

    private String run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "ended within two minutes: " + command);
        assertEquals(0, process.exitValue(), Files.readString(err));
        return Files.readString(out);
    }
}
