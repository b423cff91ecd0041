package org.sipladder.ui.findings;

import java.util.List;
import org.sipladder.diagnose.Diagnosis;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;

/** Diagnoses calls against a LiveKit config; the app uses {@code DiagnosisEngine.standard()::diagnose}. */
@FunctionalInterface
public interface Diagnoser {

    Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config);
}
