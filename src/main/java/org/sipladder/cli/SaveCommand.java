package org.sipladder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sipladder.Counted;
import org.sipladder.OutputFile;
import org.sipladder.capture.CaptureException;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.CallFrames;
import org.sipladder.flow.CallQuery;
import org.sipladder.flow.LiveFlows;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;
import org.sipladder.media.CaptureMedia;
import org.sipladder.media.MediaCollector;
import org.sipladder.media.MediaSelection;
import org.sipladder.sip.SipParser;
import org.sipladder.source.CallSaver;
import org.sipladder.source.CaptureFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code save CAPTURE... [--call ID...] [--filter EXPR] -o OUT}: the packets of chosen calls as a new capture. */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = "Save chosen calls (every leg, with their RTP/RTCP) as pcap or pcapng: the packets as captured, "
                + "with their times. The format follows OUT's name: .pcap for pcap, anything else pcapng.",
        exitCodeListHeading = "Exit status:%n", exitCodeList = {
            SipLadderCommand.EXIT_DONE, SipLadderCommand.EXIT_ERROR, SipLadderCommand.EXIT_CLOSED})
final class SaveCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private CaptureInputs inputs;

    @Option(names = "--call", converter = CallIdConverter.class, paramLabel = "ID",
            description = "Call-ID of any leg of a call to save (as `calls` lists them); repeatable")
    private List<String> callIds = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "EXPR", description = "save the calls matching EXPR, in the terms of the "
            + "app's filter box (all must match): method:INVITE, status:503 or status:4xx, failed, from:N, to:N, "
            + "callid:ID, ip:ADDRESS, header:Name=value, finding:CODE (as diagnose finds it, with the "
            + "--livekit-config given), or free text; with --call, of the calls named those that match")
    private String filter;

    @Option(names = "--livekit-config", paramLabel = "FILE", converter = PathArgument.class,
            description = "for finding: in --filter, JSON from "
            + "'lk sip inbound list --json' or 'lk sip dispatch list --json' (repeatable), as diagnose takes it")
    private List<Path> configFiles = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, converter = OutputPathArgument.class,
            description = "file to write" + OutputPathArgument.STDOUT)
    private Path output;

    @Override
    public Integer call() throws CaptureException, UserError {
        if (callIds.isEmpty() && filter == null) {
            throw new UserError("save: choose the calls with --call ID... or --filter EXPR (see save --help)");
        }
        OutputFile target = new OutputFile(output);
        checkWritable(target);
        LiveKitConfig config = config();
        LiveFlows flows = new LiveFlows();
        MediaCollector collector = new MediaCollector();
        CaptureFiles files = new CaptureMessages(SipParser.Depth.SCAN, spec.commandLine().getErr(), collector)
                .read(inputs, flows::add).files();
        CaptureMedia media = collector.result();
        List<CallFlow> calls = flows.snapshot();
        List<CallFlow> chosen = callIds.isEmpty() ? calls : CallChoice.byCallId(calls, callIds, "save", inputs.names());
        if (filter != null) {
            chosen = CallChoice.matching(chosen, CallQuery.parse(filter, findingCodes(calls, media, config)),
                    filter);
        }
        Set<Long> frames = CallFrames.sip(chosen);
        MediaSelection rtp = media.selection(CallFrames.callIds(chosen));
        CallSaver.Saved saved;
        try {
            saved = new CallSaver().save(files, frames, rtp::contains, output, CallSaver.Format.forFile(output));
        } catch (CaptureException e) {
            if (e.getCause() instanceof OutputFile.Failure failure) {
                // as checkWritable words it: what failed when the file was made
                throw new UserError(failure.forCommand("save"));
            }
            throw e;
        }
        // the capture may have gone to this very stream (-o /dev/stdout), where a line after it would not belong
        PrintWriter out = target.isStream() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        out.printf("%s of %s written to %s%n", Counted.of(saved.packets(), "packet"), Counted.of(chosen.size(), "call"),
                saved.file());
        out.flush();
        return 0;
    }

    /** The calls' finding codes, for a filter that asks for them: only then are the calls diagnosed. */
    private Map<String, Set<String>> findingCodes(List<CallFlow> calls, CaptureMedia media, LiveKitConfig config) {
        if (!filter.toLowerCase(Locale.ROOT).contains("finding:")) {
            return Map.of();
        }
        return DiagnosisEngine.standard().diagnose(calls, config, DiagnosisSettings.FROM_EVIDENCE, media)
                .codesByFlow();
    }

    /** Fails before reading the captures, which can take a while, when OUT plainly cannot be written. */
    private static void checkWritable(OutputFile target) throws UserError {
        try {
            target.check();
        } catch (OutputFile.Failure e) {
            throw new UserError(e.forCommand("save"));
        }
    }

    /** Read before the capture, so a bad file is told at once. */
    private LiveKitConfig config() throws UserError {
        try {
            return configFiles.isEmpty() ? LiveKitConfig.empty()
                    : DiagnoseCommand.warned(new ConfigFileLoader().loadAll(configFiles), spec.commandLine().getErr());
        } catch (LiveKitConfigException e) {
            throw new UserError(e.getMessage());
        }
    }
}
