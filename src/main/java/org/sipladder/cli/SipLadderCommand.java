package org.sipladder.cli;

import java.io.PrintWriter;
import org.sipladder.AppVersion;
import org.sipladder.capture.CaptureException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IVersionProvider;

/** The {@code sipladder} command line; each subcommand is its own class, registered in the list below. */
@Command(name = "sipladder", mixinStandardHelpOptions = true, versionProvider = SipLadderCommand.Version.class,
        description = "SIP ladder diagrams and call failure diagnosis from pcap/pcapng captures.",
        subcommands = {
            MessagesCommand.class,
            CallsCommand.class,
            StreamsCommand.class,
            DiagnoseCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            SaveCommand.class,
            ListenCommand.class,
            CaptureCommand.class,
            HomerCommand.class,
        })
public final class SipLadderCommand implements Runnable {

    /** Exit status for problems the user can fix: unreadable file, bad option, bad settings. */
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line writing to the given streams, turning user errors into one line and exit status 2. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SipLadderCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new OneLineErrors());
        return cli;
    }

    /** Prints a user's mistake as the one line its exception carries; anything else as one line too, never a trace. */
    private static final class OneLineErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
            PrintWriter err = cli.getErr();
            if (ex instanceof CaptureException || ex instanceof UserError) {
                err.println(ex.getMessage());
                err.flush();
                return USER_ERROR;
            }
            err.println("sipladder: internal error: " + ex);
            err.flush();
            return 1;
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
