package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sipladder.OutputFile;
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
        description = "Write a PDF report: failed calls, their causes with fixes, ladders and key messages.",
        exitCodeListHeading = "Exit status:%n", exitCodeList = {
            SipLadderCommand.EXIT_DONE, SipLadderCommand.EXIT_ERROR, SipLadderCommand.EXIT_CLOSED})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CaptureInputs inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.pdf", required = true, converter = OutputPathArgument.class,
            description = "the PDF to write" + OutputPathArgument.STDOUT)
    private Path output;

    @Option(names = "--livekit-deployment", paramLabel = "cloud|self-hosted", converter = DeploymentConverter.class,
            description = DeploymentConverter.DESCRIPTION)
    private Deployment deployment;

    @Option(names = "--livekit-config", paramLabel = "FILE", converter = PathArgument.class,
            description = "JSON from 'lk sip inbound list --json' or 'lk sip dispatch list --json' (repeatable)"
                    + PathArgument.STDIN)
    private List<Path> configFiles = new ArrayList<>();

    @Option(names = "--call", converter = CallIdConverter.class, paramLabel = "CALL-ID", description = "report only this call (the Call-ID of any of its legs)")
    private String callId;

    @Option(names = "--all-in-full", description = "every failed call, and every answered call with audio "
            + "problems, in full (default: beyond 10 such calls, 3 per primary cause or audio problem in full and the "
            + "others in a table)")
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
        OutputFile target = new OutputFile(output);
        checkWritable(target);
        LiveKitConfig config = config();
        HopAliases aliases = alias.aliases();
        LiveFlows flows = new LiveFlows();
        MediaCollector media = new MediaCollector();
        CaptureSummary summary = new CaptureMessages(SipParser.Depth.SCAN, spec.commandLine().getErr(), media)
                .read(inputs, flows::add).summary();
        // as the desktop app exports it: each call assembled when a page needs it, and of the diagnosis only the
        // findings with shared texts and the routings without their calls (the 352 MB capture: 452 -> 338 MB peak
        // RSS, 7.4 -> 6.7 s; with the seed config 542 -> 401 MB, 11.5 -> 8.1 s)
        List<CallFlow> calls = aliases.applyAll(flows.assembledWhenAsked());
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnoseLean(calls, config,
                new DiagnosisSettings(deployment, null), media.result(), Runtime.getRuntime().availableProcessors());
        ReportInput input = new ReportInput(inputs.names(), summary.packets(),
                summary.firstTimestampMicros(), summary.lastTimestampMicros(), calls, diagnosis.findings(),
                diagnosis.routings(), config, media.result());
        write(input, new ReportOptions(paper, callId, redactNumbers, redactAddresses, allInFull), target);
        // the PDF may have gone to this very stream (-o /dev/stdout), where a line after it would not belong
        PrintWriter out = target.isStream() ? spec.commandLine().getErr() : spec.commandLine().getOut();
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
    private static void checkWritable(OutputFile target) throws UserError {
        try {
            target.check();
        } catch (OutputFile.Failure e) {
            throw cannotWrite(e);
        }
    }

    private static void write(ReportInput input, ReportOptions options, OutputFile target) throws UserError {
        try {
            target.write(out -> new FindingsReport().write(input, options, out));
        } catch (ReportException e) {
            throw new UserError("report: " + e.getMessage());
        } catch (OutputFile.Failure e) {
            throw cannotWrite(e);
        }
    }

    private static UserError cannotWrite(OutputFile.Failure e) {
        return new UserError(e.forCommand("report"));
    }

    private LiveKitConfig config() throws UserError {
        try {
            return configFiles.isEmpty() ? LiveKitConfig.empty()
                    : DiagnoseCommand.warned(new ConfigFileLoader().loadAll(configFiles), spec.commandLine().getErr());
        } catch (LiveKitConfigException e) {
            throw new UserError(e.getMessage());
        }
    }
}
