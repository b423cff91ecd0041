package org.sipladder;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.sipladder.cli.ConsoleWriter;
import org.sipladder.cli.SipLadderCommand;
import org.sipladder.cli.UsageErrors;
import org.sipladder.ui.SipLadderApp;
import org.sipladder.ui.StartupTraining;

/**
 * Entry point of {@code sipladder.jar}: a command-line subcommand, {@code --help} or {@code --version} runs the
 * command line; anything else (no arguments, a capture path, {@code open FILE}) is for the desktop app.
 */
public final class Launcher {

    /** Not for users: the run that packaging/cds-archive.sh records into the start-up archive. */
    static final String CDS_TRAINING = "--cds-training";

    private static final Set<String> CLI_OPTIONS = Set.of("-h", "--help", "-V", "--version");
    private static final Set<String> OPEN_HELP = Set.of("-h", "--help");

    /** What {@code open --help} prints: the desktop app takes no options. */
    static final String OPEN_USAGE = String.join(System.lineSeparator(),
            "Usage: sipladder [open] [CAPTURE...]",
            "Open the desktop app on CAPTURE (pcap, pcapng, ERF, NetMon or snoop file, optionally gzip- or",
            "zstd-compressed; several as one capture on one timeline), or on the bundled demo without one. A capture",
            "whose name starts with - is given as ./-name. The commands (sipladder --help) print to the terminal instead.");

    private Launcher() {
    }

    public static void main(String[] args) {
        OptionalInt tuned = TunedRelaunch.runTunedIfWorthIt(args);
        if (tuned.isPresent()) {
            System.exit(tuned.getAsInt());
        }
        System.exit(run(args, ConsoleWriter.standardOutput(Charset.defaultCharset()),
                new PrintWriter(System.err, false, Charset.defaultCharset()),
                files -> SipLadderApp.launchWith(files.toArray(String[]::new), System.err)));
    }

    /**
     * Runs the program and returns its exit status; {@code desktop} starts the app with the capture paths
     * given (none: the bundled demo) and returns its exit status when its window is closed.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, ToIntFunction<List<String>> desktop) {
        if (args.length == 0) {
            // The demo: building the command line first would cost a fifth of a second of start-up.
            return desktop.applyAsInt(List.of());
        }
        if (args.length == 1 && CDS_TRAINING.equals(args[0])) {
            return StartupTraining.run(out, err);
        }
        // the plain forms of messages, calls, streams and diagnose skip picocli's set-up
        OptionalInt plain = SipLadderCommand.executePlain(args, out, err);
        if (plain.isPresent()) {
            return plain.getAsInt();
        }
        // picocli is set up only for the command line: with every command, a fifth of a second of the desktop's start
        List<String> commands = SipLadderCommand.commandNames();
        if (isCommandLine(commands, args[0])) {
            return SipLadderCommand.executeParsed(args, out, err);
        }
        boolean open = "open".equals(args[0]);
        List<String> files = open ? List.of(args).subList(1, args.length) : List.of(args);
        for (String arg : files) {
            if (open && OPEN_HELP.contains(arg)) {
                out.println(OPEN_USAGE);
                out.flush();
                return 0;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                // the window takes captures only: "--jsn" is a slip, not a file to open (./-name opens one)
                err.println("Unknown option: '" + arg + "'");
                err.println(open ? UsageErrors.hint(arg, List.copyOf(OPEN_HELP), "", "sipladder open", "options")
                        : UsageErrors.hint(arg, List.copyOf(CLI_OPTIONS), "", "sipladder", "commands"));
                err.flush();
                return SipLadderCommand.USER_ERROR;
            }
        }
        if (isUnknownCommand(args[0])) {
            err.println("sipladder: unknown command '" + args[0] + "'; the commands are " + String.join(", ", commands)
                    + " (sipladder --help); a capture file opens in the window (sipladder FILE or sipladder open FILE)");
            err.flush();
            return SipLadderCommand.USER_ERROR;
        }
        return desktop.applyAsInt(files);
    }

    /** A word that is neither an existing file nor written like a path (no dot, no separator): a mistyped command. */
    private static boolean isUnknownCommand(String first) {
        if ("open".equals(first) || first.indexOf('.') >= 0 || first.indexOf('/') >= 0 || first.indexOf('\\') >= 0) {
            return false;
        }
        try {
            return !Files.exists(Path.of(first));
        } catch (InvalidPathException e) {
            return true;
        }
    }

    private static boolean isCommandLine(List<String> commands, String first) {
        return CLI_OPTIONS.contains(first) || (!"open".equals(first) && commands.contains(first));
    }

}
