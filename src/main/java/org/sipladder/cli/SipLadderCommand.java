package org.sipladder.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalInt;
import org.sipladder.AppVersion;
import org.sipladder.capture.CaptureException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code sipladder} command line; each subcommand is its own class, registered in {@link #SUBCOMMANDS}.
 * A run that names a subcommand builds only that one's model: picocli reads every registered command's options by
 * reflection when the command line is made, and the nine others were a third of a small capture's start-up.
 */
@Command(name = "sipladder", mixinStandardHelpOptions = true, versionProvider = SipLadderCommand.Version.class,
        description = "SIP ladder diagrams and call failure diagnosis from pcap/pcapng captures.",
        footer = {"", "sipladder CAPTURE, or sipladder open CAPTURE, opens the capture in the desktop app; "
                + "sipladder alone opens the app on the bundled demo."},
        exitCodeListHeading = "Exit status:%n", exitCodeList = {
            SipLadderCommand.EXIT_OK, SipLadderCommand.EXIT_FINDINGS, SipLadderCommand.EXIT_ERROR,
            SipLadderCommand.EXIT_CLOSED})
public final class SipLadderCommand implements Runnable {

    /**
     * Exit status when the command could not do its work: unreadable file, bad option, bad settings, LiveKit
     * unreachable, output that cannot be written, and (told as an internal error) a fault of ours. Never 1, which
     * {@code diagnose --fail-on} keeps for "found".
     */
    public static final int USER_ERROR = 2;

    /** The exit statuses as {@code --help} lists them (picocli's "status:description"). */
    static final String EXIT_OK = "0:done (diagnose: whatever it found, unless --fail-on)";
    static final String EXIT_DONE = "0:done";
    static final String EXIT_DIAGNOSED = "0:done, whatever was found (unless --fail-on)";
    static final String EXIT_FINDINGS = "1:diagnose --fail-on: a finding that severe or worse was listed";
    static final String EXIT_ERROR = "2:could not do the work: a bad option, an unreadable capture or LiveKit config, "
            + "LiveKit unreachable or refusing the key, output that cannot be written; one line on stderr says which";
    static final String EXIT_CLOSED = "141:the reader of the output went away (| head), as grep and cat end";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            MessagesCommand.class,
            CallsCommand.class,
            StreamsCommand.class,
            DiagnoseCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            SaveCommand.class,
            ListenCommand.class,
            CaptureCommand.class,
            HomerCommand.class);

    /**
     * Runs {@code args} (a subcommand and its arguments, or the command line's own options) writing to the given
     * streams, and returns the exit status: as {@link #commandLine}'s {@code execute}, without picocli for the plain
     * forms of the commands that read captures for scripts ({@link PlainArguments}).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        OptionalInt plain = executePlain(args, out, err);
        return plain.isPresent() ? plain.getAsInt() : executeParsed(args, out, err);
    }

    /**
     * Runs {@code args} without picocli when they are a plain form ({@link PlainArguments}) and returns the exit
     * status, a failure told as picocli's runs tell it; empty when they are not one.
     */
    public static OptionalInt executePlain(String[] args, PrintWriter out, PrintWriter err) {
        ConsoleCommand command = PlainArguments.bind(args);
        if (command == null) {
            return OptionalInt.empty();
        }
        command.console(out, err);
        try {
            int status = command.call();
            // the output's last bytes: a full disk may refuse them
            out.flush();
            return OptionalInt.of(status);
        } catch (Exception e) {
            return OptionalInt.of(OneLineErrors.report(e, err));
        } finally {
            err.flush();
        }
    }

    /**
     * Runs {@code args} through picocli ({@link #commandLine(PrintWriter, PrintWriter, String)}, the first argument
     * choosing the subcommand) and returns the exit status; output that could not be written, by a command or by
     * picocli's usage and help, is told as a command's failure is.
     */
    public static int executeParsed(String[] args, PrintWriter out, PrintWriter err) {
        int status;
        try {
            status = commandLine(out, err, args.length == 0 ? null : args[0]).execute(args);
        } catch (RuntimeException e) {
            return OneLineErrors.report(e, err);
        }
        try {
            out.flush();
            return status;
        } catch (RuntimeException e) {
            // a failed command has told its failure (the same output failure, when it was that)
            return status != 0 ? status : OneLineErrors.report(e, err);
        } finally {
            err.flush();
        }
    }

    /** A command line writing to the given streams, turning user errors into one line and exit status 2. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * As {@link #commandLine(PrintWriter, PrintWriter)}, with only the subcommand named {@code first} (the run's
     * first argument) when it names one, else with all of them.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        // picocli's default factory looks for Groovy's Closure class when it is set up, unless told not to: a class
        // not in the start-up archive, so the class loader opened the jar (18,000 entries) to look for it, 8 ms of
        // every command's start; no command here takes a Groovy closure in an annotation
        System.setProperty(NO_GROOVY_CLOSURES, "true");
        return commandLine(out, err, first, CommandLine.defaultFactory());
    }

    /** picocli's switch (read once, when its default factory is set up) for the look for Groovy's Closure class. */
    static final String NO_GROOVY_CLOSURES = "picocli.disable.closures";

    /** As {@link #commandLine(PrintWriter, PrintWriter, String)}, making the commands with {@code factory}. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first, CommandLine.IFactory factory) {
        CommandLine cli = new CommandLine(new SipLadderCommand(), factory);
        // a loop, not a stream: the stream's find made two lambda classes of the JDK's at every start (its archive
        // holds our lambdas, not those)
        Class<?> named = null;
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (named == null && nameOf(subcommand).equals(first)) {
                named = subcommand;
            }
        }
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (named == null || subcommand == named) {
                cli.addSubcommand(subcommand);
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new UsageErrors());
        // --help and --version print outside the commands, where picocli would show a failed write as a stack trace
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cli.setExecutionStrategy(parseResult -> {
            try {
                return runLast.execute(parseResult);
            } catch (UncheckedIOException e) {
                if (OneLineErrors.outputFailure(e) == null) {
                    throw e;
                }
                return OneLineErrors.report(e, err);
            }
        });
        return cli;
    }

    /**
     * The subcommands' names, in the order the usage lists them, read from their annotations without setting up
     * picocli: whether a run is for the command line or the desktop app is decided with them.
     */
    public static List<String> commandNames() {
        String[] names = new String[SUBCOMMANDS.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = nameOf(SUBCOMMANDS.get(i));
        }
        return List.of(names);
    }

    private static String nameOf(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }

    /**
     * Prints a user's mistake as the one line its exception carries; anything else as one line too, never a trace;
     * nothing when the reader of the output went away.
     */
    static final class OneLineErrors implements IExecutionExceptionHandler {
        /** The exit status of a command whose output's reader closed it: 128 + SIGPIPE, as a shell reports it. */
        static final int OUTPUT_CLOSED = 141;
        /** How the JDK words a write to a pipe whose reader is gone (EPIPE on Linux and macOS, Windows' two). */
        private static final List<String> CLOSED_PIPE = List.of("Broken pipe", "pipe is being closed",
                "pipe has been ended");

        @Override
        public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
            return report(ex, cli.getErr());
        }

        /** Tells {@code ex}, thrown by a command, on {@code err}, and returns the exit status. */
        static int report(Exception ex, PrintWriter err) {
            if (ex instanceof CaptureException || ex instanceof UserError) {
                err.println(PathArgument.shown(ex.getMessage()));
                err.flush();
                return USER_ERROR;
            }
            if (outputClosed(ex)) {
                // `sipladder diagnose CAPTURE | head`: the reader has what it wanted, as with grep or cat
                return OUTPUT_CLOSED;
            }
            ConsoleWriter.OutputFailure output = outputFailure(ex);
            if (output != null) {
                // `> /dev/full`: what was printed is cut short, which a script must not take for the result
                err.println("sipladder: cannot write the output: " + output.getMessage());
                err.flush();
                return USER_ERROR;
            }
            err.println(PathArgument.shown("sipladder: internal error: " + ex));
            err.flush();
            return USER_ERROR;
        }

        /** The failed write to the command's output that {@code ex} is or comes from; null when none. */
        static ConsoleWriter.OutputFailure outputFailure(Throwable ex) {
            for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ConsoleWriter.OutputFailure failure) {
                    return failure;
                }
            }
            return null;
        }

        /** True when {@code ex} (or what caused it) is a write to a pipe whose reader has gone. */
        static boolean outputClosed(Throwable ex) {
            for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof java.io.IOException && t.getMessage() != null
                        && CLOSED_PIPE.stream().anyMatch(t.getMessage()::contains)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The version from the jar manifest, as the window and reports show it. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SIP Ladder " + AppVersion.current()};
        }
    }
}
