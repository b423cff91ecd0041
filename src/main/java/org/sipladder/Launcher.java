package org.sipladder;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import org.sipladder.cli.SipLadderCommand;
import picocli.CommandLine;

/**
 * Entry point of {@code sipladder.jar}: a command-line subcommand, {@code --help} or {@code --version} runs the
 * command line; anything else (no arguments, a capture path, {@code open FILE}) is for the desktop app.
 */
public final class Launcher {

    static final String DEMO_CAPTURE = "/org/sipladder/demo/seed-livekit-503.pcap";
    private static final Set<String> CLI_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, false, Charset.defaultCharset()),
                new PrintWriter(System.err, false, Charset.defaultCharset())));
    }

    /** Runs the program and returns its exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = SipLadderCommand.commandLine(out, err);
        if (args.length > 0 && isCommandLine(cli, args[0])) {
            return cli.execute(args);
        }
        return desktop(cli, args.length > 0 && "open".equals(args[0]) ? List.of(args).subList(1, args.length) : List.of(args));
    }

    private static boolean isCommandLine(CommandLine cli, String first) {
        return CLI_OPTIONS.contains(first) || (!"open".equals(first) && cli.getSubcommands().containsKey(first));
    }

    /**
     * What the desktop app will do, until it exists: show the calls of the given capture, or of the bundled
     * demo capture when none is given.
     */
    private static int desktop(CommandLine cli, List<String> files) {
        if (!files.isEmpty()) {
            return cli.execute("calls", files.get(0));
        }
        try (InputStream demo = Launcher.class.getResourceAsStream(DEMO_CAPTURE)) {
            if (demo == null) {
                cli.usage(cli.getOut());
                cli.getOut().flush();
                return 0;
            }
            Path copy = Files.createTempFile("sipladder-demo-", ".pcap");
            try {
                Files.copy(demo, copy, StandardCopyOption.REPLACE_EXISTING);
                return cli.execute("calls", copy.toString());
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            cli.getErr().println("sipladder: cannot unpack the demo capture (" + e.getMessage() + ")");
            cli.getErr().flush();
            return 1;
        }
    }
}
