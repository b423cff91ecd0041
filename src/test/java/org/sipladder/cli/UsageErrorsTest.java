package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mistyped command line gets the error and one line of help (a near option's name, or where the options are listed),
 * exit status 2, and never the whole usage text, for every subcommand.
 */
class UsageErrorsTest {

    @TempDir
    Path dir;

    private static void assertTwoLines(CliRun run, String error, String hint) {
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode(), run.err());
        assertEquals(List.of(error, hint), run.errLines(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void anOptionOneLetterOffIsNamed() throws IOException {
        String capture = capture();
        assertTwoLines(CliRun.of("calls", "--jsn", capture), "Unknown option: '--jsn'", "Did you mean --json?");
        assertTwoLines(CliRun.of("messages", capture, "--JSON"), "Unknown option: '--JSON'", "Did you mean --json?");
        assertTwoLines(CliRun.of("diagnose", capture, "--livekit-conifg", "x.json"),
                "Unknown option: '--livekit-conifg'", "Did you mean --livekit-config?");
        assertTwoLines(CliRun.of("streams", capture, "--seires"), "Unknown option: '--seires'",
                "Did you mean --series?");
        assertTwoLines(CliRun.of("report", capture, "-o", "x.pdf", "--redact-number"),
                "Unknown option: '--redact-number'", "Did you mean --redact-numbers?");
    }

    @Test
    void anOptionLikeNoneGetsTheHelpCommand() throws IOException {
        String capture = capture();
        assertTwoLines(CliRun.of("calls", "--xyz", capture), "Unknown option: '--xyz'",
                "Try 'sipladder calls --help' for the options.");
        // a one-letter option is never "near" another one-letter option
        assertTwoLines(CliRun.of("streams", capture, "-o", "x"), "Unknown option: '-o'",
                "Try 'sipladder streams --help' for the options.");
    }

    @Test
    void aMistypedSubcommandOfHomerIsNamed() {
        CliRun run = CliRun.of("homer", "serach");
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode(), run.err());
        assertEquals(2, run.errLines().size(), run.err());
        assertEquals("Did you mean homer search?", run.errLines().get(1), run.err());
    }

    @Test
    void homerWithoutItsSubcommandSaysWhichThereAre() {
        CliRun run = CliRun.of("homer");
        assertTwoLines(run, "sipladder homer needs a command: search or open",
                "Try 'sipladder homer --help' for the commands.");
    }

    @Test
    void aBadValueOrMissingArgumentGetsTheErrorAndTheHelpCommand() throws IOException {
        String capture = capture();
        assertTwoLines(CliRun.of("bench", capture, "--runs", "x"), "Invalid value for option '--runs': 'x' is not an int",
                "Try 'sipladder bench --help' for the options.");
        assertTwoLines(CliRun.of("calls"), "Missing required parameter: 'CAPTURE'",
                "Try 'sipladder calls --help' for the options.");
        assertTwoLines(CliRun.of("homer", "search"), "Missing required option: '--url=URL'",
                "Try 'sipladder homer search --help' for the options.");
        CliRun failOn = CliRun.of("diagnose", capture, "--fail-on", "bogus");
        assertEquals(2, failOn.errLines().size(), failOn.err());
        assertEquals("Try 'sipladder diagnose --help' for the options.", failOn.errLines().get(1));
    }

    /** picocli's "positional parameter at index 0..* (CAPTURE)" is its own jargon: the user wrote a CAPTURE. */
    @Test
    void aBadCaptureArgumentIsCalledByItsName() {
        CliRun run = CliRun.of("calls", "a\u0000b.pcap");
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode(), run.err());
        assertEquals(2, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith("Invalid value for CAPTURE: "), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages", "calls", "streams", "diagnose", "report", "bench", "save", "listen", "capture",
        "homer search", "homer open"})
    void everySubcommandAnswersAnUnknownOptionInTwoLines(String command) {
        String[] words = command.split(" ");
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = "--no-such-option-at-all";
        CliRun run = CliRun.of(args);
        assertEquals(SipLadderCommand.USER_ERROR, run.exitCode(), run.err());
        assertEquals(2, run.errLines().size(), run.err());
        assertEquals("Unknown option: '--no-such-option-at-all'", run.errLines().get(0));
        assertEquals("Try 'sipladder " + command + " --help' for the options.", run.errLines().get(1));
        assertFalse(run.err().contains("Usage:"), run.err());
    }

    @Test
    void helpStillPrintsTheUsage() {
        CliRun run = CliRun.of("calls", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: sipladder calls"), run.out());
    }

    private String capture() throws IOException {
        return Files.write(dir.resolve("c.pcap"), new byte[0]).toString();
    }
}
