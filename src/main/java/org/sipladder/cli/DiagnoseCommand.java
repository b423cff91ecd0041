package org.sipladder.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sipladder.capture.CaptureException;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.LiveFlows;
import org.sipladder.livekit.ApiSettings;
import org.sipladder.livekit.ConfigFileLoader;
import org.sipladder.livekit.Deployment;
import org.sipladder.livekit.LiveKitApiSource;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.LiveKitConfigException;
import org.sipladder.media.MediaCollector;
import org.sipladder.sip.SipParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diagnose [CAPTURE] [--livekit-config FILE]... [--livekit-url URL] [--livekit-deployment D] [--json]}: why calls failed, and how to fix it. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Explain why calls in a capture failed, checking LiveKit inbound trunks and dispatch rules.",
            "Without a capture, checks the LiveKit config alone."})
final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "CAPTURE", arity = "0..1", description = "pcap or pcapng file, optionally gzip-compressed")
    private Path capture;

    @Option(names = "--livekit-deployment", paramLabel = "cloud|self-hosted", converter = DeploymentConverter.class,
            description = DeploymentConverter.DESCRIPTION)
    private Deployment deployment;

    @Option(names = "--livekit-config", paramLabel = "FILE",
            description = "JSON from 'lk sip inbound list --json' or 'lk sip dispatch list --json' (repeatable)")
    private List<Path> configFiles = new ArrayList<>();

    @Option(names = "--livekit-url", paramLabel = "URL",
            description = "read trunks and rules from this LiveKit server; key and secret from LIVEKIT_API_KEY and LIVEKIT_API_SECRET")
    private String liveKitUrl;

    @Option(names = "--json", description = "a JSON array of findings")
    private boolean json;

    private final Map<String, String> environment;

    DiagnoseCommand() {
        this(System.getenv());
    }

    DiagnoseCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws CaptureException, UserError, IOException {
        if (capture == null && configFiles.isEmpty() && liveKitUrl == null) {
            throw new UserError("diagnose: give a CAPTURE file, --livekit-config FILE or --livekit-url URL (see diagnose --help)");
        }
        LiveKitConfig config = config();
        MediaCollector media = new MediaCollector();
        List<CallFlow> flows = capture == null ? List.of() : flows(capture, media);
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(flows, config,
                new DiagnosisSettings(deployment, liveKitUrl), media.result());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            FindingJson.write(diagnosis, out);
            out.println();
        } else {
            new DiagnosisText(out).print(flows, config, diagnosis);
        }
        out.flush();
        return 0;
    }

    private LiveKitConfig config() throws UserError {
        try {
            LiveKitConfig config = configFiles.isEmpty() ? LiveKitConfig.empty() : new ConfigFileLoader().loadAll(configFiles);
            if (liveKitUrl != null) {
                ApiSettings settings = ApiSettings.fromEnvironment(environment).withUrl(liveKitUrl);
                config = config.merge(new LiveKitApiSource(settings).fetch());
            }
            return config;
        } catch (LiveKitConfigException e) {
            throw new UserError(e.getMessage());
        }
    }

    private List<CallFlow> flows(Path file, MediaCollector media) throws CaptureException {
        LiveFlows flows = new LiveFlows();
        // the findings read headers and SDP that the scan already extracts; the jain-sip pass adds nothing here
        new CaptureMessages(SipParser.Depth.SCAN, spec.commandLine().getErr(), media).read(file, flows::add);
        return flows.snapshot();
    }
}
