package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.LiveKitConfig;
import org.sipladder.livekit.SecretScrubber;
import org.sipladder.media.CaptureMedia;

/** Turns call flows and a LiveKit config (either may be empty) into findings, with a primary cause per failed call. */
public final class DiagnosisEngine {

    private final List<FindingRule> rules;

    public DiagnosisEngine(List<FindingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** An engine with every rule of the catalogue. */
    public static DiagnosisEngine standard() {
        return new DiagnosisEngine(FindingCatalogue.all());
    }

    /** Diagnoses with the LiveKit deployment decided from the evidence. */
    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config) {
        return diagnose(flows, config, DiagnosisSettings.FROM_EVIDENCE, CaptureMedia.none());
    }

    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings) {
        return diagnose(flows, config, settings, CaptureMedia.none());
    }

    /** As {@link #diagnose(List, LiveKitConfig)}, with the capture's media for the MEDIA_* checks. */
    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, CaptureMedia media) {
        return diagnose(flows, config, DiagnosisSettings.FROM_EVIDENCE, media);
    }

    /** Diagnoses with the given deployment settings and the capture's media. */
    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                              CaptureMedia media) {
        return diagnose(flows, config, settings, media, UnaryOperator.identity(), 1);
    }

    /**
     * As {@link #diagnose(List, LiveKitConfig, DiagnosisSettings, CaptureMedia)}, reading each call once and
     * passing each call's diagnosis through {@code kept} before it is kept: for calls assembled as they are read
     * (the desktop app's), so that what is kept of a call holds no more of it than needed. The calls are diagnosed
     * on {@code workers} threads, the caller's among them, in start order (see {@link DiagnosisRun#diagnoseAll});
     * the findings are the same however many.
     */
    public Diagnosis diagnose(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                              CaptureMedia media, UnaryOperator<DiagnosisRun.CallDiagnosis> kept, int workers) {
        DiagnosisRun run = start(config, settings, media);
        List<Finding> findings = new ArrayList<>();
        List<LiveKitRouting> routings = new ArrayList<>();
        // positions by flow id, first occurrence as List.indexOf would give: a capture may hold 100,000 calls
        Map<String, Integer> flowOrder = new HashMap<>();
        run.diagnoseAll(flows, workers, kept, call -> {
            flowOrder.putIfAbsent(call.flowId(), flowOrder.size());
            findings.addAll(call.findings());
            routings.addAll(call.routings());
        });
        findings.addAll(run.configFindings());
        findings.sort(order(flowOrder));
        return new Diagnosis(findings, routings);
    }

    /**
     * As {@link #diagnose(List, LiveKitConfig, DiagnosisSettings, CaptureMedia)} on {@code workers} threads, keeping of
     * each call only its findings, their texts shared with equal ones found before ({@link SharedTexts}: a large
     * capture has 100,000 findings of a handful of kinds), and its LiveKit routings without the call they came from:
     * for calls assembled as they are read (the desktop's, the PDF report's), whose memory then grows with the
     * findings' evidence, not with the calls.
     */
    public Diagnosis diagnoseLean(List<CallFlow> flows, LiveKitConfig config, DiagnosisSettings settings,
                                  CaptureMedia media, int workers) {
        SharedTexts texts = new SharedTexts();
        return diagnose(flows, config, settings, media, call -> new DiagnosisRun.CallDiagnosis(
                call.flowId(), call.findings().stream().map(texts::of).toList(),
                call.routings().stream().map(texts::of).toList(), call.failedAfterAnswer(), call.echoKeys(),
                call.rulesTakingCalls(), call.liveKitLeg()), workers);
    }

    /**
     * A diagnosis to be fed call by call (a large capture, read once): see {@link DiagnosisRun}. Its findings are
     * those {@link #diagnose(List, LiveKitConfig, DiagnosisSettings, CaptureMedia)} gives, listed per call.
     */
    public DiagnosisRun start(LiveKitConfig config, DiagnosisSettings settings, CaptureMedia media) {
        return new DiagnosisRun(rules, config, settings, media);
    }

    /** Last line of defence: no trunk password leaves the engine in any text of any finding or routing. */
    static Finding scrub(Finding f, SecretScrubber s) {
        Evidence e = f.evidence();
        Fix x = f.fix();
        String title = s.scrub(f.title());
        String explanation = s.scrub(f.explanation());
        List<String> configIds = s.scrub(e.configIds());
        List<String> facts = s.scrub(e.facts());
        List<String> steps = s.scrub(x.steps());
        List<String> commands = s.scrub(x.commands());
        String json = s.scrub(x.json());
        // nearly always nothing was hidden and the lists were unmodifiable already: the finding as it is
        if (title == f.title() && explanation == f.explanation() && configIds == e.configIds() && facts == e.facts()
                && steps == x.steps() && commands == x.commands() && json == x.json()) {
            return f;
        }
        return new Finding(f.code(), f.severity(), title, explanation, f.callId(), f.flowId(), f.primary(),
                new Evidence(e.frames(), configIds, facts), new Fix(steps, commands, json));
    }

    /** {@link #key} of each code's findings that name no config object (most of them), made once. */
    private static final String[] KEYS_WITHOUT_IDS = new String[FindingCode.values().length];

    static {
        for (FindingCode code : FindingCode.values()) {
            KEYS_WITHOUT_IDS[code.ordinal()] = code + " " + List.of();
        }
    }

    /** What makes a config finding repeat a call finding: the same code about the same config objects. */
    static String key(Finding f) {
        List<String> ids = f.evidence().configIds();
        // as the sorted list prints: most findings name no config object or one
        if (ids.isEmpty()) {
            return KEYS_WITHOUT_IDS[f.code().ordinal()];
        }
        if (ids.size() == 1) {
            return f.code() + " [" + ids.get(0) + "]";
        }
        String[] sorted = ids.toArray(new String[0]);
        Arrays.sort(sorted);
        return f.code() + " " + Arrays.asList(sorted);
    }

    private static Comparator<Finding> order(Map<String, Integer> flowOrder) {
        return Comparator.comparing((Finding f) -> !f.primary())
                .thenComparing(Finding::severity)
                .thenComparingInt(f -> f.flowId() == null ? Integer.MAX_VALUE : flowOrder.getOrDefault(f.flowId(), -1))
                .thenComparing(f -> f.code().name());
    }
}
