package org.sipladder.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this program was started with its standard input closed ({@code sipladder calls - <&-}). The JVM does not
 * say: the first file it opens (its modules image, the jar, a class-data archive) takes the free descriptor 0, and
 * {@code System.in} then reads that file's bytes. On Linux the descriptor's target tells; elsewhere the input is taken
 * as open.
 */
final class StandardInput {

    private static final Path DESCRIPTOR_ZERO = Path.of("/proc/self/fd/0");

    private StandardInput() {
    }

    /** True when descriptor 0 is one of the JVM's own files, so standard input was closed when the program started. */
    static boolean closedAtStart() {
        try {
            if (!Files.isSymbolicLink(DESCRIPTOR_ZERO)) {
                return false;
            }
            Path target = Files.readSymbolicLink(DESCRIPTOR_ZERO);
            List<Path> classPath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    classPath.add(Path.of(entry).toAbsolutePath().normalize());
                }
            }
            return heldByTheJvm(target, Path.of(System.getProperty("java.home")), classPath);
        } catch (IOException | UnsupportedOperationException | SecurityException | InvalidPathException e) {
            return false;
        }
    }

    /**
     * True when {@code target}, what descriptor 0 leads to, is a file the JVM opens for itself: one under
     * {@code javaHome}, one of the {@code classPath} jars, or a class-data archive. Nobody pipes those in as a
     * capture or a LiveKit config.
     */
    static boolean heldByTheJvm(Path target, Path javaHome, List<Path> classPath) {
        Path file = target.toAbsolutePath().normalize();
        return file.startsWith(javaHome.toAbsolutePath().normalize()) || classPath.contains(file)
                || String.valueOf(file.getFileName()).endsWith(".jsa");
    }
}
