package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sipladder.testkit.Captures;
import org.sipladder.testkit.SipText;

/**
 * `sipladder calls CAPTURE > /dev/full`: standard output that cannot be written (a full disk, a closed pipe) was
 * swallowed by the writer, so messages, calls and streams ended with status 0 and no word; a script then took the
 * empty or cut-off file for the result. The first failed write ends the command: one line and status 2 for a full disk,
 * quietly with 141 when the reader went away, and the command stops reading the capture there.
 */
class OutputFailureTest {

    private static final long T = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    /** An output that takes {@code room} bytes and then fails every write as the kernel words it. */
    private static final class FullOutput extends OutputStream {
        private final String failure;
        private int room;
        int written;

        FullOutput(int room, String failure) {
            this.room = room;
            this.failure = failure;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > room) {
                room = 0;
                throw new IOException(failure);
            }
            room -= len;
            written += len;
        }
    }

    static List<List<String>> commands() {
        return List.of(List.of("messages"), List.of("messages", "--json"), List.of("calls"),
                List.of("calls", "--json"), List.of("streams"), List.of("streams", "--json"), List.of("diagnose"),
                List.of("diagnose", "--json"), List.of("diagnose", "--all"));
    }

    private Path capture() {
        Captures pcap = Captures.pcap();
        for (int i = 0; i < 40; i++) {
            String id = "call-" + i;
            pcap.udp(T + i * 1_000_000L, "10.0.0.1:5060", "10.0.0.2:5060", SipText.invite(id))
                    .udp(T + i * 1_000_000L + 2_000, "10.0.0.2:5060", "10.0.0.1:5060",
                            SipText.response(503, "Service Unavailable", "INVITE", id, 1));
        }
        return pcap.write(dir.resolve("calls.pcap"));
    }

    private static CliRun run(OutputStream console, Path capture, List<String> command) {
        StringWriter err = new StringWriter();
        ConsoleWriter out = new ConsoleWriter(console, StandardCharsets.UTF_8);
        String[] args = new String[command.size() + 1];
        args[0] = command.get(0);
        args[1] = capture.toString();
        for (int i = 1; i < command.size(); i++) {
            args[i + 1] = command.get(i);
        }
        int code = SipLadderCommand.execute(args, out, new PrintWriter(err));
        return new CliRun(code, "", err.toString());
    }

    /** Room for part of what {@code command} prints: the write that fails comes in the middle of the output. */
    private int partOfTheOutput(Path capture, List<String> command) {
        FullOutput unlimited = new FullOutput(Integer.MAX_VALUE, "unused");
        CliRun run = run(unlimited, capture, command);
        assertEquals(0, run.exitCode(), command + ": " + run.err());
        assertTrue(unlimited.written > 1, command.toString());
        return unlimited.written / 2;
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aFullDiskIsOneLineAndStatus2(List<String> command) {
        Path capture = capture();
        CliRun run = run(new FullOutput(partOfTheOutput(capture, command), "No space left on device"), capture,
                command);
        assertEquals(2, run.exitCode(), command + ": " + run.err());
        assertEquals(List.of("sipladder: cannot write the output: No space left on device"), run.errLines(),
                command.toString());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aReaderGoneEndsQuietlyWith141(List<String> command) {
        Path capture = capture();
        CliRun run = run(new FullOutput(partOfTheOutput(capture, command), "Broken pipe"), capture, command);
        assertEquals(141, run.exitCode(), command + ": " + run.err());
        assertEquals("", run.err(), command.toString());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void nothingToWriteFailsAtTheFirstByte(List<String> command) {
        CliRun run = run(new FullOutput(0, "No space left on device"), capture(), command);
        assertEquals(2, run.exitCode(), command + ": " + run.err());
        assertEquals(List.of("sipladder: cannot write the output: No space left on device"), run.errLines(),
                command.toString());
    }

    @ParameterizedTest
    @MethodSource("helpAndVersion")
    void helpAndVersionToAFullDiskAreOneLineToo(List<String> args) {
        StringWriter err = new StringWriter();
        ConsoleWriter out = new ConsoleWriter(new FullOutput(0, "No space left on device"), StandardCharsets.UTF_8);
        int code = SipLadderCommand.execute(args.toArray(String[]::new), out, new PrintWriter(err));
        assertEquals(2, code, args + ": " + err);
        assertEquals("sipladder: cannot write the output: No space left on device" + System.lineSeparator(),
                err.toString(), args.toString());
    }

    static List<List<String>> helpAndVersion() {
        return List.of(List.of("--help"), List.of("--version"), List.of("calls", "--help"),
                List.of("diagnose", "--help"));
    }
}
