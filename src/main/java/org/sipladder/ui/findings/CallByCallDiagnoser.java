package org.sipladder.ui.findings;

import java.util.List;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisRun;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;

/**
 * The app's diagnoser: diagnoses the calls one by one, each assembled when the diagnosis reaches it, and keeps of
 * each call only what the panel shows: its findings, their texts shared with equal ones found before (a large
 * capture has 100,000 findings of a handful of kinds, with a few thousand distinct texts), and its LiveKit routings
 * without the call they came from. Memory thus grows with the findings' evidence, not with the calls. The calls are
 * diagnosed on as many threads as there are cores, in start order, as {@code diagnose} does on the command line.
 * For the panel ({@link #diagnoseKept}) it keeps less: each call's finding codes, severities and primary marks, and
 * diagnoses a call again when it is shown (a call's diagnosis depends on the call, the config and the capture's
 * media alone).
 */
public final class CallByCallDiagnoser implements Diagnoser {

    private final DiagnosisEngine engine;
    private final int workers;

    /** A diagnoser using every core. */
    public CallByCallDiagnoser(DiagnosisEngine engine) {
        this(engine, Runtime.getRuntime().availableProcessors());
    }

    /** A diagnoser on {@code workers} threads (the one asking among them). */
    public CallByCallDiagnoser(DiagnosisEngine engine, int workers) {
        this.engine = engine;
        this.workers = workers;
    }

    @Override
    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings) {
        return diagnose(flows, config, settings, CaptureMedia.none());
    }

    @Override
    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                              CaptureMedia media) {
        return engine.diagnoseLean(flows, config, settings, media, workers);
    }

    @Override
    public KeptDiagnosis diagnoseKept(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                                      CaptureMedia media) {
        DiagnosisRun run = engine.start(config, settings, media);
        // a call shown later is diagnosed again on its own run: this one's read-ahead buffers go with it
        KeptDiagnosis.Builder kept = new KeptDiagnosis.Builder(
                position -> engine.start(config, settings, media).diagnose(flows.get(position)));
        run.diagnoseAll(flows, workers, call -> new DiagnosisRun.CallDiagnosis(call.flowId(), call.findings(),
                call.routings().stream().filter(r -> r.outcome() != null).toList(), call.failedAfterAnswer(),
                call.echoKeys(), call.rulesTakingCalls(), call.liveKitLeg()), kept::add);
        return kept.build(run.configFindings(), () -> diagnose(flows, config, settings, media));
    }
}
