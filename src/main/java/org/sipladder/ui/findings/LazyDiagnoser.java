package org.sipladder.ui.findings;

import java.util.List;
import java.util.function.Supplier;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.diagnose.DiagnosisSettings;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.media.CaptureMedia;

/** Builds its diagnoser once, on the first diagnosis; see {@link Diagnoser#builtOnFirstUse}. */
final class LazyDiagnoser implements Diagnoser {

    private final Supplier<? extends Diagnoser> factory;
    private Diagnoser built;

    LazyDiagnoser(Supplier<? extends Diagnoser> factory) {
        this.factory = factory;
    }

    @Override
    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings) {
        return diagnoser().diagnose(flows, config, settings);
    }

    @Override
    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                              CaptureMedia media) {
        return diagnoser().diagnose(flows, config, settings, media);
    }

    @Override
    public KeptDiagnosis diagnoseKept(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                                      CaptureMedia media) {
        return diagnoser().diagnoseKept(flows, config, settings, media);
    }

    // Two workers may diagnose at once (new calls and a new config): both must get the same single diagnoser.
    private synchronized Diagnoser diagnoser() {
        if (built == null) {
            built = factory.get();
        }
        return built;
    }
}
