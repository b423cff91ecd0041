package org.sipladder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sipladder.Counted;
import org.sipladder.OutputFile;
import org.sipladder.capture.CaptureException;
import org.sipladder.source.CallSaver;
import org.sipladder.source.CaptureFiles;
import org.sipladder.source.homer.HomerClient;
import org.sipladder.source.homer.HomerException;
import org.sipladder.source.homer.TimeRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code homer open --call-id ID... -o OUT}: calls from Homer, with their correlated legs, as a capture file. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Fetch calls from Homer, with the legs Homer's correlation joins to them, as a capture file "
                + "to read with the other commands or the app: .pcap for pcap, anything else pcapng.")
final class HomerOpenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomerAccess access;

    @Option(names = "--call-id", required = true, arity = "1..*", paramLabel = "ID", description = "Call-ID of a "
            + "call to open (as homer search lists them); repeatable")
    private List<String> callIds = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "file to write")
    private Path output;

    private final Map<String, String> environment;

    HomerOpenCommand() {
        this(System.getenv());
    }

    HomerOpenCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws UserError, CaptureException {
        TimeRange range = access.range();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        CallSaver.Format format = CallSaver.Format.forFile(output);
        try (HomerClient client = access.client(environment)) {
            List<String> legs = client.legs(callIds, range);
            if (legs.isEmpty()) {
                throw new UserError("Homer holds no messages of Call-ID " + String.join(", ", callIds) + " between "
                        + range.from() + " and " + range.to() + "; check the Call-ID or widen --from/--to");
            }
            err.println("Homer joins " + legs.size() + (legs.size() == 1 ? " leg: " : " legs: ")
                    + String.join(", ", legs));
            err.flush();
            long packets = export(client, legs, range, format, err);
            out.printf("%s of %s written to %s%n", Counted.of(packets, "packet"), Counted.of(legs.size(), "leg"), output);
            out.flush();
            return 0;
        } catch (HomerException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * Homer's pcap export, rewritten packet for packet in {@code format}; where the export is damaged, what came
     * before is kept with a warning on {@code err}, and an export damaged from its first packet writes nothing.
     */
    private long export(HomerClient client, List<String> legs, TimeRange range, CallSaver.Format format,
                        PrintWriter err) throws HomerException, CaptureException, UserError {
        Path temp;
        try {
            temp = Files.createTempFile(output.toAbsolutePath().getParent(), ".sipladder-homer-", ".pcap");
            // removed by the JVM's shutdown sequence too: Ctrl+C or SIGTERM during the export skip the finally below
            temp.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UserError(output + ": cannot be written (" + OutputFile.reason(e, output) + ")");
        }
        try {
            client.exportPcap(legs, range, temp);
            CallSaver.Saved saved = new CallSaver().copy(CaptureFiles.of(temp), output, format);
            String prefix = temp + ": ";
            for (String damage : saved.damage()) {
                String what = damage.startsWith(prefix) ? damage.substring(prefix.length()) : damage;
                if (saved.packets() == 0) {
                    // only a plain file of ours goes: removing a link or a device given as -o would remove the link
                    // or the device node itself (as root, -o /dev/null)
                    boolean removed = Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS);
                    if (removed) {
                        deleteQuietly(output);
                    }
                    throw new UserError("Homer's pcap export cannot be read (" + what + "); " + (removed
                            ? "nothing written to " : "no packets written to ") + output + ". Look at homer-app's log.");
                }
                err.println("Homer's pcap export is damaged: " + what);
            }
            return saved.packets();
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file is harmless
        }
    }
}
