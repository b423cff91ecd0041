package org.sipladder.ui.findings;

import java.util.List;
import java.util.function.Supplier;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisEngine;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;

/** Diagnoses calls against a LiveKit config; the app uses {@link #standard()}. */
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
     * The app's diagnoser: the standard rules, media rules among them, called call by call. Screenshot tools and
     * window tests use it too, so that they see the findings users see ({@code DiagnosisEngine.standard()::diagnose}
     * as a diagnoser drops the capture's media, and with it every MEDIA_ finding).
     */
    static Diagnoser standard() {
        return new CallByCallDiagnoser(DiagnosisEngine.standard());
    }

    /**
     * A diagnoser that builds the real one on its first diagnosis, on the thread that asks for it (a background
     * worker), so the rule catalogue is not loaded while the window is being built.
     */
    static Diagnoser builtOnFirstUse(Supplier<? extends Diagnoser> factory) {
        return new LazyDiagnoser(factory);
    }
}
