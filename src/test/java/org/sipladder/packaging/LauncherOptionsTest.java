package org.sipladder.packaging;

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

/** The JVM options the packaged launcher runs with (jpackage.cfg) let the heap grow as a large capture needs. */
class LauncherOptionsTest {

    @TempDir
    Path dir;

    @Test
    void theHeapGrowsUnderChurnInsteadOfCollectingOverAndOver() throws IOException, InterruptedException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("jpackage.cfg"))) {
            if (line.startsWith("--java-options ") && !line.contains("$APPDIR")) {
                options.add(line.substring("--java-options ".length()).trim());
            }
        }
        assertFalse(options.isEmpty(), "jpackage.cfg names the launcher's JVM options");
        Path gcLog = dir.resolve("gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        // a small start so that the heap has to grow to hold what is kept
        command.add("-Xms128m");
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HeapChurn.class.getName());
        command.add("300");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "the churn ended within two minutes");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("out.txt")));
        long fullCollections = Files.readAllLines(gcLog).stream().filter(l -> l.contains("Pause Full")).count();
        // measured: 14-24 with growing heaps, over 5,000 when the old generation could not grow
        assertTrue(fullCollections < 200, fullCollections + " full collections for 300 MB kept");
    }
}
