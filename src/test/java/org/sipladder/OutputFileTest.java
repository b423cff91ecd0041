package org.sipladder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Fifo;

/** The one way the app writes a user's file: whole or not at all, through links, into devices and pipes. */
class OutputFileTest {

    private static final byte[] NEW = "new content".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aChainOfRelativeLinksStaysAndTheFileAtItsEndIsReplaced() throws IOException {
        Path reports = Files.createDirectory(dir.resolve("reports"));
        Path file = Files.writeString(reports.resolve("monday.pdf"), "old");
        Path middle = Files.createSymbolicLink(reports.resolve("current.pdf"), Path.of("monday.pdf"));
        Path link = Files.createSymbolicLink(dir.resolve("latest.pdf"), Path.of("reports", "current.pdf"));

        new OutputFile(link).write(out -> out.write(NEW));

        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(middle), "both links are still links");
        assertArrayEquals(NEW, Files.readAllBytes(file));
        assertEquals(List.of(), partials(reports));
    }

    @Test
    void aDanglingLinkGetsItsFileMade() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("latest.pdf"), dir.resolve("made.pdf"));

        new OutputFile(link).write(out -> out.write(NEW));

        assertTrue(Files.isSymbolicLink(link));
        assertArrayEquals(NEW, Files.readAllBytes(dir.resolve("made.pdf")));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAsItWasAndNoPartialFile() throws IOException {
        Path file = Files.writeString(dir.resolve("calls.pcap"), "old");

        IOException error = assertThrows(IOException.class, () -> new OutputFile(file).write(out -> {
            out.write(NEW);
            throw new IOException("the capture ended early");
        }));

        assertEquals("cannot write " + file + ": the capture ended early", error.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(), partials(dir));
    }

    @Test
    void aNewFileGetsThePermissionsOfAnyNewFileAndAReplacedOneKeepsItsOwn() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path fresh = dir.resolve("fresh.pdf");
        new OutputFile(fresh).write(out -> out.write(NEW));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh),
                "not the owner-only permissions of a temporary file");

        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(fresh, shared);
        new OutputFile(fresh).write(out -> out.write(NEW));
        assertEquals(shared, Files.getPosixFilePermissions(fresh));
    }

    @Test
    void aPipeIsWrittenIntoAndStaysAPipe() throws Exception {
        Path fifo = Fifo.make(dir.resolve("pipe"));
        OutputFile target = new OutputFile(fifo);
        assertTrue(target.isStream());
        try (Fifo.Reader reader = Fifo.read(fifo)) {
            target.write(out -> out.write(NEW));
            assertArrayEquals(NEW, reader.all());
        }
        assertFalse(Files.isRegularFile(fifo));
        assertEquals(List.of(), partials(dir));
    }

    @Test
    void whatCannotBeWrittenIsNamedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("x.pcap"), "a capture");
        assertEquals("cannot write " + file.resolve("y.pdf") + ": " + file + " is a file, not a folder",
                assertThrows(OutputFile.Failure.class, () -> new OutputFile(file.resolve("y.pdf")).check()).getMessage());
        Path missing = dir.resolve("no/such/r.pdf");
        assertEquals("cannot write " + missing + ": the folder " + missing.getParent() + " does not exist",
                assertThrows(OutputFile.Failure.class, () -> new OutputFile(missing).check()).getMessage());
        assertEquals("cannot write " + dir + ": it is a folder, not a file",
                assertThrows(OutputFile.Failure.class, () -> new OutputFile(dir).write(out -> out.write(NEW)))
                        .getMessage());
    }

    private static List<Path> partials(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".sipladder")).toList();
        }
    }
}
