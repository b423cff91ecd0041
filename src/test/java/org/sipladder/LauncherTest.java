package org.sipladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipladder.cli.SipLadderCommand;

class LauncherTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private final List<List<String>> desktopStarts = new ArrayList<>();

    private int run(String... args) {
        return Launcher.run(args, new PrintWriter(out), new PrintWriter(err), files -> {
            desktopStarts.add(files);
            return 0;
        });
    }

    @Test
    void versionRunsTheCommandLine() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("SIP Ladder "), out.toString());
    }

    @Test
    void subcommandRunsTheCommandLineWithItsExitCode() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pcap"), "nope");
        assertEquals(2, run("messages", junk.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    /**
     * A run naming a subcommand builds only that one (the others' option models cost start-up), yet its help and the
     * whole command line's help read as when every subcommand was registered.
     */
    @Test
    void aSubcommandRunBuildsOnlyItsCommandAndHelpListsThemAll() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        List<String> all = List.of("messages", "calls", "streams", "diagnose", "report", "bench", "save", "listen",
                "capture", "homer");
        assertEquals(all, List.copyOf(SipLadderCommand.commandLine(sink, sink).getSubcommands().keySet()));
        assertEquals(all, List.copyOf(SipLadderCommand.commandLine(sink, sink, "--help").getSubcommands().keySet()));
        assertEquals(List.of("calls"),
                List.copyOf(SipLadderCommand.commandLine(sink, sink, "calls").getSubcommands().keySet()));
        assertEquals(List.of("search", "open"), List.copyOf(SipLadderCommand.commandLine(sink, sink, "homer")
                .getSubcommands().get("homer").getSubcommands().keySet()));
        assertEquals(0, run("--help"));
        String help = out.toString();
        for (String name : all) {
            assertTrue(help.contains("\n  " + name + " "), name + " in " + help);
        }
        assertTrue(help.indexOf("  messages ") < help.indexOf("  homer "), help);
        out.getBuffer().setLength(0);
        assertEquals(0, run("calls", "--help"));
        assertTrue(out.toString().startsWith("Usage: sipladder calls "), out.toString());
    }

    @Test
    void withoutArgumentsTheDesktopAppStartsOnTheDemo() {
        assertEquals(0, run(), err.toString());
        assertEquals(List.of(List.of()), desktopStarts);
    }

    @Test
    void anUnknownWordThatIsNoFileIsAnUnknownCommandNotAWindow() throws IOException {
        Path capture = Files.writeString(dir.resolve("calls.pcap"), "nope");
        assertEquals(2, run("streamz", capture.toString()));
        assertEquals(List.of(), desktopStarts);
        String said = err.toString();
        assertTrue(said.startsWith("sipladder: unknown command 'streamz'"), said);
        assertTrue(said.contains("messages") && said.contains("calls") && said.contains("diagnose"), said);
        assertEquals(2, run("stats"));
        assertEquals(List.of(), desktopStarts);
    }

    @Test
    void anExistingFileWithoutExtensionStillOpensInTheWindow() throws IOException {
        Path capture = Files.writeString(dir.resolve("capture"), "nope");
        assertEquals(0, run(capture.toString()));
        assertEquals(List.of(List.of(capture.toString())), desktopStarts);
    }

    @Test
    void aCapturePathOrOpenStartsTheDesktopAppOnIt() {
        assertEquals(0, run("one.pcap"));
        assertEquals(0, run("open", "two.pcap"));
        assertEquals(List.of(List.of("one.pcap"), List.of("two.pcap")), desktopStarts);
        assertTrue(out.toString().isEmpty(), out.toString());
    }

    /** The desktop takes no options: one given to it is a slip told in two lines, not a window on a file "--jsn". */
    @Test
    void anOptionForTheWindowIsRefusedAndHelpExplainsOpen() {
        assertEquals(2, run("open", "--jsn"));
        assertEquals(2, run("--full-screen", "one.pcap"));
        assertEquals(List.of(), desktopStarts);
        assertEquals(2, run("--verison"));
        assertEquals(List.of(), desktopStarts);
        assertEquals(List.of("Unknown option: '--jsn'", "Try 'sipladder open --help' for the options.",
                "Unknown option: '--full-screen'", "Try 'sipladder --help' for the commands.",
                "Unknown option: '--verison'", "Did you mean --version?"),
                err.toString().lines().toList());
        assertEquals(0, run("open", "--help"));
        assertEquals(List.of(), desktopStarts);
        assertTrue(out.toString().startsWith("Usage: sipladder [open] [CAPTURE...]"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("sipladder open CAPTURE"), out.toString());
    }

    @Test
    void theCdsTrainingRunsWithoutTheDesktopOrTheCommandLine() {
        assertEquals(0, run(Launcher.CDS_TRAINING), err.toString());
        assertTrue(desktopStarts.isEmpty());
        assertTrue(out.toString().startsWith("start-up training: demo diagnosed"), out.toString());
    }
}
