package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.testkit.Captures;
import picocli.CommandLine.TypeConversionException;

/** A CAPTURE or config FILE of {@code -} (standard input) or a pipe is read from a copy; a file is read as it is. */
class PathArgumentTest {

    @TempDir
    Path dir;

    @Test
    void standardInputIsCopiedOnceAndReadAsACapture() throws Exception {
        byte[] capture = oneInvite();
        PathArgument argument = new PathArgument(new ByteArrayInputStream(capture));
        Path copy = argument.convert("-");
        assertArrayEquals(capture, Files.readAllBytes(copy));
        assertEquals("stdin", copy.getFileName().toString());
        // converted again (picocli does, for a list of captures): the same copy, standard input is not read again
        assertEquals(copy, argument.convert("-"));

        CliRun run = CliRun.of("calls", copy.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"id\": \"A-1\""), run.out());
    }

    @Test
    void messagesNameStandardInputNotItsTemporaryCopy() {
        PathArgument argument = new PathArgument(new ByteArrayInputStream("not a capture at all\n".getBytes()));
        Path copy = argument.convert("-");
        assertEquals(PathArgument.STANDARD_INPUT, PathArgument.shown(copy));

        CliRun run = CliRun.of("calls", copy.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("standard input: not a pcap, pcapng or ERF capture file"), run.err());
        // the conversion hint names standard input as editcap reads it
        assertTrue(run.err().contains("editcap -F pcapng - converted.pcapng"), run.err());
        assertFalse(run.err().contains(copy.toString()), run.err());
        // a path that is no copy is left as it is
        assertEquals("/x/y.pcap: fine", PathArgument.shown("/x/y.pcap: fine"));

        // a capture's warnings name standard input too
        byte[] whole = oneInvite();
        PathArgument cut = new PathArgument(new ByteArrayInputStream(java.util.Arrays.copyOf(whole, whole.length - 10)));
        Path truncated = cut.convert("-");
        CliRun warned = CliRun.of("calls", truncated.toString(), "--json");
        assertEquals(0, warned.exitCode(), warned.err());
        assertTrue(warned.err().startsWith("standard input: warning: frame 1: the file ends inside"), warned.err());
    }

    /**
     * {@code sipladder calls - <&-}: the JVM's first file (its modules image) took descriptor 0, whose bytes were
     * read as a capture that is "not a pcap"; a closed standard input is said to be closed.
     */
    @Test
    void aClosedStandardInputIsSaidToBeClosed() {
        PathArgument argument = new PathArgument(new ByteArrayInputStream("JVM image bytes".getBytes()), false,
                () -> true);
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> argument.convert("-"));
        assertEquals("- reads standard input, which is closed: pipe a capture (or a config) in "
                + "(tcpdump -w - ... | sipladder COMMAND -) or give the file", e.getMessage());
    }

    @Test
    void descriptorZeroHeldByTheJvmsOwnFilesMeansStandardInputWasClosed() {
        Path home = Path.of("/usr/lib/jvm/java-17");
        java.util.List<Path> classPath = java.util.List.of(Path.of("/opt/sipladder/lib/app/sipladder.jar"));
        assertTrue(StandardInput.heldByTheJvm(Path.of("/usr/lib/jvm/java-17/lib/modules"), home, classPath));
        assertTrue(StandardInput.heldByTheJvm(Path.of("/opt/sipladder/lib/app/sipladder.jar"), home, classPath));
        assertTrue(StandardInput.heldByTheJvm(Path.of("/work/target/sipladder-calls-1a2b.jsa"), home, classPath));
        assertFalse(StandardInput.heldByTheJvm(Path.of("/tmp/capture.pcap"), home, classPath));
        assertFalse(StandardInput.heldByTheJvm(Path.of("pipe:[2920368]"), home, classPath));
        assertFalse(StandardInput.heldByTheJvm(Path.of("/dev/null"), home, classPath));
    }

    @Test
    void aTerminalOnStandardInputIsRefusedInsteadOfWaitedFor() {
        PathArgument argument = new PathArgument(new ByteArrayInputStream(new byte[0]), true);
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> argument.convert("-"));
        assertTrue(e.getMessage().contains("which is this terminal"), e.getMessage());
    }

    @Test
    void aFileOrAFolderIsTakenAsItIs() throws Exception {
        Path file = Files.write(dir.resolve("a.pcap"), oneInvite());
        PathArgument argument = new PathArgument(new ByteArrayInputStream(new byte[0]));
        assertEquals(file, argument.convert(file.toString()));
        assertEquals(dir, argument.convert(dir.toString()));
        Path missing = dir.resolve("missing.pcap");
        assertEquals(missing, argument.convert(missing.toString()));
        assertFalse(PathArgument.copied(file));
        assertFalse(PathArgument.copied(dir));
        assertFalse(PathArgument.copied(missing));
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            assertFalse(PathArgument.copied(devNull)); // a device: read as the empty capture it is
        }
    }

    @Test
    void aNamedPipeIsCopiedAndLeftToPicocliByThePlainForm() throws Exception {
        Path fifo = dir.resolve("live.pcap");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        assertTrue(PathArgument.copied(fifo));
        assertNull(PlainArguments.bind(new String[] {"calls", fifo.toString(), "--json"}));
        // a config read from a pipe too (<(lk sip inbound list --json)): read twice, so copied first
        assertNull(PlainArguments.bind(new String[] {"diagnose", "a.pcap", "--livekit-config", fifo.toString()}));

        byte[] capture = oneInvite();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(capture);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path copy = new PathArgument(new ByteArrayInputStream(new byte[0])).convert(fifo.toString());
        writer.get(30, TimeUnit.SECONDS);
        assertNotEquals(fifo, copy);
        assertArrayEquals(capture, Files.readAllBytes(copy));
    }

    private static byte[] oneInvite() {
        return Captures.pcap()
                .udp(CallsCommandTest.T, CallsCommandTest.CARRIER, CallsCommandTest.JAMBONZ, CallsCommandTest.message(
                        "INVITE sip:91874350352@sip.jambonz.cloud SIP/2.0", "A-1", "z9hG4bKa", "1 INVITE", null, ""))
                .toBytes();
    }
}
