package org.sipladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program ended while it writes a file (Ctrl+C, SIGTERM, System.exit: one shutdown sequence) leaves no hidden part
 * file behind, and the files it had finished stay.
 */
class OutputFileShutdownTest {

    @TempDir
    Path dir;

    @Test
    void theJvmShuttingDownMidWriteRemovesThePartFileAndKeepsTheFinishedOne() throws Exception {
        Path finished = dir.resolve("finished.pdf");
        Path cut = Files.writeString(dir.resolve("cut.pdf"), "old");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), EndedMidWrite.class.getName(),
                finished.toString(), cut.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program ended");
        } finally {
            process.destroyForcibly();
        }
        String log = Files.readString(dir.resolve("log.txt"));
        assertEquals(3, process.exitValue(), log);
        assertEquals("whole", Files.readString(finished), log);
        assertEquals("old", Files.readString(cut), "the file being replaced is as it was");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("."))
                    .toList());
        }
    }

    /** Writes the first file whole, then ends the JVM in the middle of writing the second. */
    public static final class EndedMidWrite {
        public static void main(String[] args) throws IOException {
            new OutputFile(Path.of(args[0])).write(out -> out.write("whole".getBytes()));
            new OutputFile(Path.of(args[1])).write(out -> {
                out.write("half".getBytes());
                out.flush();
                System.exit(3);
            });
        }
    }
}
