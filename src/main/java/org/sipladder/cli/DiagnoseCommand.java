package org.sipladder.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sipladder.capture.CaptureException;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisRun;
import org.sipladder.diagnose.Finding;
import org.sipladder.diagnose.Severity;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diagnose [CAPTURE...] [--livekit-config FILE]... [--livekit-url URL] [--livekit-deployment D] [--json]}: why calls failed, and how to fix it. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Explain why calls in a capture failed, checking LiveKit inbound trunks and dispatch rules.",
            "Without a capture, checks the LiveKit config alone."},
        exitCodeListHeading = "Exit status:%n", exitCodeList = {
            SipLadderCommand.EXIT_DIAGNOSED, SipLadderCommand.EXIT_FINDINGS, SipLadderCommand.EXIT_ERROR,
            SipLadderCommand.EXIT_CLOSED})
final class DiagnoseCommand extends ConsoleCommand {

    @Parameters(paramLabel = "CAPTURE", arity = "0..*", converter = PathArgument.class,
            description = CaptureInputs.CAPTURES)
    private List<Path> captures = new ArrayList<>();

    @Option(names = "--offset", paramLabel = "SECONDS", split = ",", description = CaptureInputs.OFFSETS)
    private List<Double> offsets;

    @Option(names = "--livekit-deployment", paramLabel = "cloud|self-hosted", converter = DeploymentConverter.class,
            description = DeploymentConverter.DESCRIPTION)
    private Deployment deployment;

    @Option(names = "--livekit-config", paramLabel = "FILE", converter = PathArgument.class,
            description = "JSON from 'lk sip inbound list --json' or 'lk sip dispatch list --json' (repeatable)"
                    + PathArgument.STDIN)
    private List<Path> configFiles = new ArrayList<>();

    @Option(names = "--livekit-url", paramLabel = "URL",
            description = "read trunks and rules from this LiveKit server; key and secret from LIVEKIT_API_KEY and LIVEKIT_API_SECRET")
    private String liveKitUrl;

    @Option(names = "--json", description = "a JSON array of findings")
    private boolean json;

    @Option(names = "--call", converter = CallIdConverter.class, paramLabel = "ID", description = "only the call with a leg of this "
            + "Call-ID (as `calls` and the overview list them), in detail; repeatable. The config's own findings "
            + "(about every call) are left out")
    private List<String> callIds = new ArrayList<>();

    @Option(names = "--all", description = "every call with findings in detail; without it the text shows the first "
            + DiagnosisText.SHOWN_PER_KIND + " calls of each primary cause (of the other calls: of each set of finding "
            + "codes) and counts the rest (--json always lists every finding)")
    private boolean all;

    @Option(names = "--fail-on", paramLabel = "error|warning|info", converter = SeverityConverter.class,
            description = "exit with status 1 when a finding this severe or worse is listed (error: e.g. a failed call's "
                    + "primary cause); without it the status is 0 whatever is found")
    private Severity failOn;

    /** The most severe finding listed so far; null while none was. */
    private Severity worst;

    private final Map<String, String> environment;

    DiagnoseCommand() {
        this(System.getenv());
    }

    DiagnoseCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The command for these arguments, bound as picocli binds them ({@link PlainArguments}). */
    static DiagnoseCommand bound(List<Path> captures, List<Path> configFiles, String liveKitUrl,
                                 Deployment deployment, boolean json) {
        DiagnoseCommand command = new DiagnoseCommand();
        command.captures = new ArrayList<>(captures);
        command.configFiles = new ArrayList<>(configFiles);
        command.liveKitUrl = liveKitUrl;
        command.deployment = deployment;
        command.json = json;
        return command;
    }

    @Override
    public Integer call() throws CaptureException, UserError, IOException {
        if (captures.isEmpty() && configFiles.isEmpty() && liveKitUrl == null) {
            throw new UserError("diagnose: give a CAPTURE file, --livekit-config FILE or --livekit-url URL (see diagnose --help)");
        }
        if (captures.isEmpty()) {
            if (!callIds.isEmpty()) {
                throw new UserError("diagnose: --call picks calls of a CAPTURE: give one");
            }
            return status(diagnose(config(), List.of(), MediaCollector.withLossSeries()));
        }
        if (!callIds.isEmpty()) {
            return status(chosenCalls());
        }
        // the config is loaded (protobuf's JSON parser: a third of a second of class loading and set-up, or the
        // LiveKit API's answer) on a thread of its own while the capture is read
        PendingConfig config = pendingConfig();
        // loss over time is what MEDIA_LOSS reads of a stream's series; jitter over time is for plots
        MediaCollector media = MediaCollector.withLossSeries();
        if (json) {
            streamJson(config, media);
        } else {
            streamText(config, media);
        }
        return status(0);
    }

    /** {@code status}, or 1 when --fail-on names a severity that a finding listed reaches. */
    private int status(int status) {
        return status == 0 && failOn != null && worst != null && worst.compareTo(failOn) <= 0 ? 1 : status;
    }

    /** Counts {@code findings} into {@link #worst}. */
    private void listed(List<Finding> findings) {
        for (int i = 0; i < findings.size(); i++) {
            Severity severity = findings.get(i).severity();
            if (worst == null || severity.compareTo(worst) < 0) {
                worst = severity;
            }
        }
    }

    /**
     * {@code --call}: the calls named, each found among the capture's calls as they are assembled, diagnosed and shown
     * in full; without the config's own findings, which are about every call (a rule no call reached...).
     */
    private int chosenCalls() throws CaptureException, UserError, IOException {
        PendingConfig pending = pendingConfig();
        MediaCollector media = MediaCollector.withLossSeries();
        LiveFlows flows = new LiveFlows();
        LiveKitConfig config = read(flows, media, pending);
        List<CallFlow> chosen = CallChoice.byCallId(flows.assembledWhenAsked(), callIds, "diagnose",
                CaptureInputs.of(captures, offsets).names());
        Diagnosis all = DiagnosisEngine.standard().diagnose(chosen, config,
                new DiagnosisSettings(deployment, liveKitUrl), media.result());
        Diagnosis diagnosis = new Diagnosis(all.findings().stream().filter(f -> f.flowId() != null).toList(),
                all.routings());
        listed(diagnosis.findings());
        PrintWriter out = out();
        if (json) {
            FindingJson.write(diagnosis, out);
            out.println();
        } else {
            DiagnosisText.print(out, chosen, config, diagnosis, true, Integer.MAX_VALUE);
        }
        out.flush();
        return 0;
    }

    /** The findings about {@code flows} and the config, all worked out before any is printed. */
    private int diagnose(LiveKitConfig config, List<CallFlow> flows, MediaCollector media) throws IOException {
        Diagnosis diagnosis = DiagnosisEngine.standard().diagnose(flows, config,
                new DiagnosisSettings(deployment, liveKitUrl), media.result());
        listed(diagnosis.findings());
        PrintWriter out = out();
        if (json) {
            FindingJson.write(diagnosis, out);
            out.println();
        } else {
            DiagnosisText.print(out, flows, config, diagnosis, !captures.isEmpty(), shownPerKind());
        }
        out.flush();
        return 0;
    }

    /**
     * {@code --json} on a capture: each call is assembled, diagnosed and turned into JSON on a core of its own as
     * the calls come in start order, and let go; the findings wait in groups by primary and severity (on disk when
     * large) to be listed as {@link DiagnosisEngine#diagnose} orders them.
     */
    private void streamJson(PendingConfig pending, MediaCollector media)
            throws CaptureException, IOException, UserError {
        Started started = start(pending, media);
        DiagnosisRun run = started.run();
        List<Supplier<CallFlow>> calls = started.calls();
        FlowJson.Spares spares = started.spares();
        List<Supplier<CallRun>> runs = runs(calls.size(), (from, to) -> {
            FindingJson.Run json = new FindingJson.Run();
            List<DiagnosisRun.CallDiagnosis> diagnoses = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                DiagnosisRun.CallDiagnosis d = run.diagnose(calls.get(i).get());
                json.add(d.findings(), d.routings());
                // the routings hold the call's whole flow: let it go while the result waits for its turn
                diagnoses.add(new DiagnosisRun.CallDiagnosis(d.flowId(), d.findings(), List.of(),
                        d.failedAfterAnswer(), d.echoKeys(), d.rulesTakingCalls(), d.liveKitLeg()));
            }
            return new CallRun(diagnoses, json.handOver(spares));
        });
        List<SpillBuffer> groups = new ArrayList<>();
        for (int i = 0; i < 2 * Severity.values().length; i++) {
            groups.add(new SpillBuffer());
        }
        try {
            // one run waiting per worker: a result that waits through a few young collections is promoted to the
            // old generation, which then grows by every call's findings until a full collection
            for (CallRun r : Prefetch.of(runs, started.workers(), 1, 1)) {
                keep(r, run, groups);
                spares.giveBack(r.json().bytes());
            }
            listed(run.configFindings());
            for (Finding f : run.configFindings()) {
                groups.get(group(f)).append(FindingJson.laterElement(f, List.of()));
            }
            PrintWriter out = out();
            // straight to the console's bytes when it takes UTF-8, as calls --json (400 MB with a LiveKit config)
            OutputStream utf8 = ConsoleWriter.utf8Stream(out);
            BufferedOutputStream bytes = utf8 == null ? null : new BufferedOutputStream(utf8, 1 << 16);
            // standard output itself: the findings kept on disk go there without passing through the heap
            WritableByteChannel channel = ConsoleWriter.standardOutput(out);
            write(bytes, out, OPEN);
            boolean first = true;
            for (SpillBuffer g : groups) {
                if (!g.isEmpty()) {
                    g.writeTo(channel, bytes, out, first ? 1 : 0);
                    first = false;
                }
            }
            write(bytes, out, first ? CLOSE_EMPTY : CLOSE_NONEMPTY);
            if (bytes != null) {
                bytes.flush();
            }
            out.println();
            out.flush();
        } finally {
            for (SpillBuffer g : groups) {
                g.close();
            }
        }
    }

    /**
     * The text on a capture, made as {@link #streamJson} makes the JSON: each call assembled and diagnosed on a core
     * of its own in start order and let go once counted (and its details kept, when shown); the overview is printed
     * when every call was counted, then the details.
     */
    private void streamText(PendingConfig pending, MediaCollector media)
            throws CaptureException, IOException, UserError {
        Started started = start(pending, media);
        DiagnosisRun run = started.run();
        List<Supplier<CallFlow>> calls = started.calls();
        // with --all every call's details are made on the workers, into the spare buffers: a run's text held as new
        // strings through a young collection was promoted, and the old generation grew by 160 MB
        FlowJson.Spares spares = started.spares();
        List<Supplier<TextRun>> runs = runs(calls.size(), (from, to) -> {
            List<CallText> texts = new ArrayList<>(to - from);
            byte[] bytes = all ? spares.take() : null;
            int used = 0;
            for (int i = from; i < to; i++) {
                CallFlow flow = calls.get(i).get();
                DiagnosisRun.CallDiagnosis d = run.diagnose(flow);
                Diagnosis ofCall = d.asDiagnosis();
                // every call's details are shown with --all: made here, on every core; else the few shown are
                // made as they are kept
                int start = used;
                if (all && !(d.findings().isEmpty() && d.routings().isEmpty())) {
                    byte[] details = DiagnosisText.details(flow, ofCall).getBytes(StandardCharsets.UTF_8);
                    if (used + details.length > bytes.length) {
                        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, used + details.length));
                    }
                    System.arraycopy(details, 0, bytes, used, details.length);
                    used += details.length;
                }
                texts.add(new CallText(flow, d, ofCall, start, used));
            }
            return new TextRun(texts, bytes);
        });
        try (DiagnosisText text = new DiagnosisText(shownPerKind())) {
            for (TextRun r : Prefetch.of(runs, started.workers(), 1, 1)) {
                keep(r, run, text);
                if (r.details() != null) {
                    spares.giveBack(r.details());
                }
            }
            PrintWriter out = out();
            listed(run.configFindings());
            text.print(out, started.config(), run.configFindings(), true);
            out.flush();
        }
    }

    /** Accepts a run's calls and counts them into the text (a method of its own, as the JSON's keep). */
    private void keep(TextRun r, DiagnosisRun run, DiagnosisText text) throws IOException {
        List<CallText> calls = r.calls();
        for (int c = 0; c < calls.size(); c++) {
            CallText call = calls.get(c);
            run.accept(call.diagnosis());
            listed(call.diagnosis().findings());
            text.add(call.flow(), call.ofCall(), call.end() > call.start() ? r.details() : null, call.start(),
                    call.end() - call.start());
        }
    }

    /** A run of calls diagnosed for the text, and their details as UTF-8 when made on the worker (else null). */
    private record TextRun(List<CallText> calls, byte[] details) {
    }

    /**
     * One call diagnosed for the text: its diagnosis, as the run and as the text read it, and where its details are
     * in its run's bytes (none made: start and end equal).
     */
    private record CallText(CallFlow flow, DiagnosisRun.CallDiagnosis diagnosis, Diagnosis ofCall, int start, int end) {
    }

    private int shownPerKind() {
        return all ? Integer.MAX_VALUE : DiagnosisText.SHOWN_PER_KIND;
    }

    /**
     * Accepts a run's calls and adds each finding's JSON to its group. A method of its own: the loop calling it runs
     * once per command, and the JIT compiles a method after a few calls but a loop in one only after many turns
     * (the main thread's samples had 15 % in the interpreter).
     */
    private void keep(CallRun r, DiagnosisRun run, List<SpillBuffer> groups) throws IOException {
        byte[] bytes = r.json().bytes();
        int[] ends = r.json().ends();
        int k = 0;
        // the run's findings lie one after another in its bytes: those going to the same group in a row (most of
        // a large capture's are non-primary warnings) are appended as one stretch, not each by itself
        int stretchGroup = -1;
        int stretchStart = 0;
        List<DiagnosisRun.CallDiagnosis> calls = r.calls();
        for (int c = 0; c < calls.size(); c++) {
            DiagnosisRun.CallDiagnosis call = calls.get(c);
            run.accept(call);
            List<Finding> findings = call.findings();
            listed(findings);
            for (int i = 0; i < findings.size(); i++, k++) {
                int group = group(findings.get(i));
                if (group != stretchGroup) {
                    int start = k == 0 ? 0 : ends[k - 1];
                    if (stretchGroup >= 0) {
                        groups.get(stretchGroup).append(bytes, stretchStart, start - stretchStart);
                    }
                    stretchGroup = group;
                    stretchStart = start;
                }
            }
        }
        if (stretchGroup >= 0) {
            groups.get(stretchGroup).append(bytes, stretchStart, ends[k - 1] - stretchStart);
        }
    }

    /** How the array starts; ends after its last element, as the JSON writer ends it; and when it has none. */
    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE_NONEMPTY = {'\n', ']'};
    private static final byte[] CLOSE_EMPTY = {']'};

    /** ASCII {@code text} to the console's bytes when there are those; else to {@code out}. */
    private static void write(OutputStream bytes, PrintWriter out, byte[] text) throws IOException {
        if (bytes != null) {
            bytes.write(text);
        } else {
            out.write(new String(text, StandardCharsets.US_ASCII));
        }
    }

    /** Primary causes first, then by severity: the order of {@link DiagnosisEngine#diagnose}'s findings. */
    private static int group(Finding f) {
        return (f.primary() ? 0 : Severity.values().length) + f.severity().ordinal();
    }

    /** Calls diagnosed and turned into JSON together on one worker: as many as calls --json writes in a run. */
    private static final int RUN = CallsCommand.BATCH;

    /**
     * The capture read, its diagnosis started, its calls to be assembled in start order, the workers to diagnose them
     * on (one per core) and their spare buffers: per worker the run waiting and the one being made, and the one being
     * taken apart on the caller's thread.
     */
    private record Started(LiveKitConfig config, DiagnosisRun run, List<Supplier<CallFlow>> calls, int workers,
                           FlowJson.Spares spares) {
    }

    /** Reads the captures (the config loading meanwhile: {@link #read}) and starts their diagnosis. */
    private Started start(PendingConfig pending, MediaCollector media) throws CaptureException, UserError {
        LiveFlows flows = new LiveFlows();
        LiveKitConfig config = read(flows, media, pending);
        DiagnosisRun run = DiagnosisEngine.standard().start(config, new DiagnosisSettings(deployment, liveKitUrl),
                media.result());
        int workers = Runtime.getRuntime().availableProcessors();
        return new Started(config, run, flows.assemblyInStartOrder(), workers, new FlowJson.Spares(2 * workers + 1));
    }

    /** What a worker makes of the calls {@code from} (inclusive) to {@code to} of the start order. */
    private interface RunTask<T> {
        T make(int from, int to);
    }

    /** A task per {@link #RUN} of {@code calls} calls, made when a worker asks for it. */
    private static <T> List<Supplier<T>> runs(int calls, RunTask<T> task) {
        return new AbstractList<>() {
            @Override
            public Supplier<T> get(int r) {
                int from = r * RUN;
                int to = Math.min(calls, from + RUN);
                return () -> task.make(from, to);
            }

            @Override
            public int size() {
                return (calls + RUN - 1) / RUN;
            }
        };
    }

    /** A run of calls' diagnoses and their findings as JSON array elements (UTF-8), in one buffer. */
    private record CallRun(List<DiagnosisRun.CallDiagnosis> calls, FindingJson.Written json) {
    }

    /** {@code config}, its warnings (values this version does not know) told on {@code err}, once each. */
    static LiveKitConfig warned(LiveKitConfig config, PrintWriter err) {
        for (String warning : config.warnings()) {
            err.println(PathArgument.shown(warning));
        }
        err.flush();
        return config;
    }

    /** The config given, loading on a thread of its own from now on; null when none was given. */
    private PendingConfig pendingConfig() {
        return configFiles.isEmpty() && liveKitUrl == null ? null : new PendingConfig(this::config);
    }

    private LiveKitConfig config() throws UserError {
        try {
            LiveKitConfig config = configFiles.isEmpty() ? LiveKitConfig.empty() : new ConfigFileLoader().loadAll(configFiles);
            if (liveKitUrl != null) {
                ApiSettings settings = ApiSettings.fromEnvironment(environment).withUrl(liveKitUrl);
                config = config.merge(new LiveKitApiSource(settings).fetch());
            }
            return warned(config, err());
        } catch (LiveKitConfigException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * Reads the captures into {@code flows} and returns the config, {@code pending} (null: none given) loading
     * meanwhile. A config error comes first, as when the config was loaded before the capture: it wins over an
     * error of the read, and what the read tells on stderr is held back until the config is there.
     */
    private LiveKitConfig read(LiveFlows flows, MediaCollector media, PendingConfig pending)
            throws CaptureException, UserError {
        PrintWriter err = err();
        StringWriter held = pending == null ? null : new StringWriter();
        PrintWriter readErr = held == null ? err : new PrintWriter(held);
        try {
            // the findings read headers and SDP that the scan already extracts; the jain-sip pass adds nothing here
            // a config that fails to load stops the read at once: its error is all there is to tell
            new CaptureMessages(SipParser.Depth.SCAN, readErr, media).read(CaptureInputs.of(captures, offsets),
                    flows::add, pending == null ? () -> false : pending::failed);
        } catch (CaptureException | UserError | RuntimeException e) {
            if (pending != null) {
                pending.get();
                release(held, err);
            }
            throw e;
        }
        if (pending == null) {
            return LiveKitConfig.empty();
        }
        LiveKitConfig config = pending.get();
        release(held, err);
        return config;
    }

    private static void release(StringWriter held, PrintWriter err) {
        err.print(held);
        err.flush();
    }

    /** The LiveKit config, loaded on a thread of its own. */
    private static final class PendingConfig implements Runnable {
        /** {@link DiagnoseCommand#config()}. */
        interface Source {
            LiveKitConfig load() throws UserError;
        }

        private final Source source;
        private final Thread thread;
        private LiveKitConfig config;
        /** Set once loading has failed. */
        private volatile boolean failed;
        private UserError error;
        /** What else the loading threw: a RuntimeException or an Error. */
        private Throwable failure;

        PendingConfig(Source source) {
            this.source = source;
            thread = new Thread(this, "livekit config");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                config = source.load();
            } catch (UserError e) {
                error = e;
                failed = true;
            } catch (RuntimeException | Error e) {
                failure = e;
                failed = true;
            }
        }

        /** True once loading has failed ({@link #get} then throws why): whatever waits for the config can stop. */
        boolean failed() {
            return failed;
        }

        /** The config once loaded; or what loading it threw, as {@link DiagnoseCommand#config()} throws it. */
        LiveKitConfig get() throws UserError {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the LiveKit config", e);
            }
            if (error != null) {
                throw error;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
            return config;
        }
    }
}
