package org.sipladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunedRelaunchTest {

    @TempDir
    Path dir;

    @Test
    void theJarCarriesTheLaunchersOptionsWithoutAppImagePathsOrTheMarker() {
        List<String> options = TunedRelaunch.launcherOptions();
        assertTrue(options.contains("-XX:+UseParallelGC"), options.toString());
        assertTrue(options.contains("-XX:TieredStopAtLevel=1"), options.toString());
        assertFalse(options.stream().anyMatch(o -> o.contains("$APPDIR") || o.contains(TunedRelaunch.TUNED_PROPERTY)),
                options.toString());
    }

    @Test
    void onlyOptionLinesAreTaken() throws IOException {
        String cfg = "# a comment\n--name SIPLadder\n--java-options -Xmn64m\n"
                + "--java-options -XX:SharedArchiveFile=$APPDIR/app.jsa\n--java-options -Dsipladder.tuned=true\n";
        assertEquals(List.of("-Xmn64m"),
                TunedRelaunch.launcherOptions(new ByteArrayInputStream(cfg.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void captureBytesAddUpTheFilesNamedAndIgnoreTheRest() throws IOException {
        Path a = Files.write(dir.resolve("a.pcap"), new byte[1000]);
        Path b = Files.write(dir.resolve("b.pcap"), new byte[234]);
        assertEquals(1234, TunedRelaunch.captureBytes(new String[] {"calls", a.toString(), "--json", b.toString(),
                dir.toString(), "no/such/file", "\0bad"}));
    }

    @Test
    void aLargeLiveKitConfigIsWorthTheRestartASmallOneAndItsCaptureAreNot() throws IOException {
        Path config = Files.write(dir.resolve("trunks.json"), new byte[(int) TunedRelaunch.CONFIG_THRESHOLD_BYTES]);
        Path small = Files.write(dir.resolve("rules.json"), new byte[4096]);
        Path capture = Files.write(dir.resolve("c.pcap"), new byte[(int) TunedRelaunch.CONFIG_THRESHOLD_BYTES]);
        assertEquals(TunedRelaunch.CONFIG_THRESHOLD_BYTES + 4096, TunedRelaunch.configBytes(new String[] {"diagnose",
                capture.toString(), "--livekit-config", config.toString(), "--livekit-config=" + small, "--json"}));
        assertTrue(TunedRelaunch.worthIt(new String[] {"diagnose", "--livekit-config", config.toString(), "--json"}));
        assertFalse(TunedRelaunch.worthIt(new String[] {"diagnose", capture.toString(), "--livekit-config",
                small.toString()}));
    }

    @Test
    void theRestartRunsTheLauncherFromTheJarWithTheOptionsAndTheMarker() {
        List<String> command = TunedRelaunch.command(Path.of("/jdk/bin/java"), List.of("-Xmn64m"),
                Path.of("/opt/sipladder.jar"), new String[] {"calls", "x.pcap", "--json"});
        assertEquals(List.of("/jdk/bin/java", "-Xmn64m", "-Dsipladder.tuned=true", "-cp", "/opt/sipladder.jar",
                "org.sipladder.Launcher", "calls", "x.pcap", "--json"), command);
    }

    @Test
    void smallCapturesRunInThisJvm() throws IOException {
        Path small = Files.write(dir.resolve("small.pcap"), new byte[4096]);
        assertTrue(TunedRelaunch.runTunedIfWorthIt(new String[] {"calls", small.toString()}).isEmpty());
    }

    @Test
    void onlyAPlainJarStartIsToldFromTheProcessArgumentsAlone() {
        String[] plain = {"-jar", "target/sipladder.jar", "calls", "big.pcap", "--json"};
        assertTrue(TunedRelaunch.plainJarStart(plain, Map.of("HOME", "/root")));
        // options before -jar, the class path form and argument files are left to the management bean
        assertFalse(TunedRelaunch.plainJarStart(new String[] {"-Xmx2g", "-jar", "sipladder.jar", "calls"}, Map.of()));
        assertFalse(TunedRelaunch.plainJarStart(new String[] {"-cp", "sipladder.jar", "org.sipladder.Launcher"},
                Map.of()));
        assertFalse(TunedRelaunch.plainJarStart(new String[] {"@options", "-jar", "sipladder.jar"}, Map.of()));
        assertFalse(TunedRelaunch.plainJarStart(new String[] {"-jar"}, Map.of()));
        assertFalse(TunedRelaunch.plainJarStart(new String[0], Map.of()));
        for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
            assertFalse(TunedRelaunch.plainJarStart(plain, Map.of(variable, "-Xmx2g")), variable);
        }
    }
}
