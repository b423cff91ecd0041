package org.sipladder.ui.findings;

import java.util.List;
import java.util.function.Supplier;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;

/** Diagnoses calls against a LiveKit config; the app uses {@code DiagnosisEngine.standard()::diagnose}. */
@FunctionalInterface
public interface Diagnoser {

    Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings);

    /**
     * As {@link #diagnose(List, LiveKitConfig, DiagnosisSettings)}, with the RTP streams read with the calls, which
     * the media rules (one-way audio, no RTP, LiveKit's media timeout, loss, jitter) read, as {@code diagnose} does
     * on the command line; a diagnoser that has no media rules ignores them.
     */
    default Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                               CaptureMedia media) {
        return diagnose(flows, config, settings);
    }

    /**
     * As {@link #diagnose(List, LiveKitConfig, DiagnosisSettings, CaptureMedia)}, kept as the findings panel keeps
     * it: whole by default; a diagnoser of large captures may keep less of each call and work its findings out again
     * when the call is shown.
     */
    default KeptDiagnosis diagnoseKept(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                                       CaptureMedia media) {
        return KeptDiagnosis.held(diagnose(flows, config, settings, media));
    }

    /**
     * A diagnoser that builds the real one on its first diagnosis, on the thread that asks for it (a background
     * worker), so the rule catalogue is not loaded while the window is being built.
     */
    static Diagnoser builtOnFirstUse(Supplier<? extends Diagnoser> factory) {
        return new LazyDiagnoser(factory);
    }
}
