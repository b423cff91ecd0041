package org.sipladder.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sipladder.capture.CaptureException;
import org.sipladder.capture.CaptureSummary;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.HopAliases;
import org.sipladder.flow.LiveFlows;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.Deployment;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;
import org.sipladder.media.MediaCollector;
import org.sipladder.report.FindingsReport;
import org.sipladder.report.PageSize;
import org.sipladder.report.ReportException;
import org.sipladder.report.ReportInput;
import org.sipladder.report.ReportOptions;
import org.sipladder.sip.SipParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report CAPTURE... -o OUT.pdf}: the findings of captures as a PDF to hand to a carrier, an admin or support. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a PDF report: failed calls, their causes with fixes, ladders and key messages.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CaptureInputs inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.pdf", required = true, description = "the PDF to write")
    private Path output;

    @Option(names = "--livekit-deployment", paramLabel = "cloud|self-hosted", converter = DeploymentConverter.class,
            description = DeploymentConverter.DESCRIPTION)
    private Deployment deployment;

    @Option(names = "--livekit-config", paramLabel = "FILE",
            description = "JSON from 'lk sip inbound list --json' or 'lk sip dispatch list --json' (repeatable)")
    private List<Path> configFiles = new ArrayList<>();

    @Option(names = "--call", paramLabel = "CALL-ID", description = "report only this call (the Call-ID of any of its legs)")
    private String callId;

    @Option(names = "--all-in-full", description = "every failed call in full (default: beyond "
            + "10 failed calls, 3 per primary cause in full and the others in a table)")
    private boolean allInFull;

    @Option(names = "--redact-numbers", description = "show phone numbers with their last 4 digits only")
    private boolean redactNumbers;

    @Option(names = "--redact-addresses", description = "replace IP addresses with host A, host B...")
    private boolean redactAddresses;

    @Mixin
    private AliasOption alias;

    @Option(names = "--page", paramLabel = "a4|letter", defaultValue = "a4", description = "paper size (default: a4)")
    private String page;

    @Override
    public Integer call() throws CaptureException, UserError {
        PageSize paper = paper();
        Path target = output.toAbsolutePath();
        checkWritable(target);
        LiveKitConfig config = config();
        HopAliases aliases = alias.aliases();
        LiveFlows flows = new LiveFlows();
        MediaCollector media = new MediaCollector();
        CaptureSummary summary = new CaptureMessages(SipParser.Depth.SCAN, spec.commandLine().getErr(), media)
                .read(inputs, flows::add).summary();
        List<CallFlow> calls = aliases.applyAll(flows.snapshot());
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(calls, config, new DiagnosisSettings(deployment, null),
                media.result());
        ReportInput input = new ReportInput(inputs.names(), summary.packets(),
                summary.firstTimestampMicros(), summary.lastTimestampMicros(), calls, diagnosis.findings(),
                diagnosis.routings(), config, media.result());
        write(input, new ReportOptions(paper, callId, redactNumbers, redactAddresses, allInFull), target);
        // the PDF may have gone to this very stream (-o /dev/stdout), where a line after it would not belong
        PrintWriter out = isDevice(target) ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.println("Wrote " + output);
        out.flush();
        return 0;
    }

    private PageSize paper() throws UserError {
        return switch (page.toLowerCase(Locale.ROOT)) {
            case "a4" -> PageSize.A4;
            case "letter" -> PageSize.LETTER;
            default -> throw new UserError("report: --page must be a4 or letter, not " + page);
        };
    }

    /** Fails before the analysis, which can take a while on a big capture, when the PDF could not be written. */
    private static void checkWritable(Path target) throws UserError {
        if (Files.isDirectory(target)) {
            throw new UserError("report: " + target + " is a folder; give a file name, e.g. -o " + target.resolve("report.pdf"));
        }
        if (isDevice(target)) {
            if (!Files.isWritable(target)) {
                throw new UserError("report: cannot write " + target + ": permission denied; choose another -o path");
            }
            return;
        }
        Path file = resolved(target);
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError("report: cannot write " + target + ": the folder " + dir + " does not exist");
        }
        if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new UserError("report: cannot write " + target + ": permission denied; choose another -o path");
        }
    }

    /**
     * Writes next to the target first, so a failure never leaves half a PDF under the user's name. A device or pipe
     * (/dev/stdout, a FIFO) is written into, and a symbolic link's file replaced, never the device or link itself.
     */
    private static void write(ReportInput input, ReportOptions options, Path target) throws UserError {
        Path partial = null;
        try {
            if (isDevice(target)) {
                try (OutputStream out = Files.newOutputStream(target)) {
                    new FindingsReport().write(input, options, out);
                }
                return;
            }
            Path file = resolved(target);
            partial = Files.createTempFile(file.getParent(), ".sipladder-report-", ".pdf");
            try (OutputStream out = Files.newOutputStream(partial)) {
                new FindingsReport().write(input, options, out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (ReportException e) {
            throw new UserError("report: " + e.getMessage());
        } catch (AccessDeniedException e) {
            throw new UserError("report: cannot write " + target + ": permission denied; choose another -o path");
        } catch (FileSystemException e) {
            // its message is only the path of the temporary file (/proc refuses new files with "no such file")
            String reason = e.getReason() != null ? e.getReason() : "no new file can be made in " + target.getParent();
            throw new UserError("report: cannot write " + target + ": " + reason + "; choose another -o path");
        } catch (IOException e) {
            throw new UserError("report: cannot write " + target + ": " + e.getMessage());
        } finally {
            deleteQuietly(partial);
        }
    }

    /** An existing target that is no regular file: written into, as tshark -w writes into /dev/stdout. */
    private static boolean isDevice(Path target) {
        return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
    }

    /** The file a symbolic link points at (made if it does not exist yet), so the link stays; else the target. */
    private static Path resolved(Path target) {
        try {
            if (!Files.isSymbolicLink(target)) {
                return target;
            }
            // a link given by its bare name (-o report.pdf) has no parent of its own: its folder is the current one
            Path pointed = target.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(target));
            return Files.exists(pointed) ? pointed.toRealPath() : pointed.normalize();
        } catch (IOException e) {
            return target;
        }
    }

    private LiveKitConfig config() throws UserError {
        try {
            return configFiles.isEmpty() ? LiveKitConfig.empty() : new ConfigFileLoader().loadAll(configFiles);
        } catch (LiveKitConfigException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the temporary file is already gone or was moved into place
            }
        }
    }
}
