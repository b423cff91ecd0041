package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        List<LiveKitRouting> routings = new LiveKitRoutings(config, settings).of(flows);
        DiagnosisContext context = new DiagnosisContext(List.copyOf(flows), config, routings, media);
        List<Finding> findings = new ArrayList<>();
        rules.forEach(rule -> findings.addAll(rule.findings(context)));
        List<Finding> marked = new PrimaryCauses().mark(flows, routings,
                CallImpact.moderate(flows, withoutConfigEchoes(findings), media));
        SecretScrubber scrubber = SecretScrubber.of(config);
        return new Diagnosis(marked.stream().map(f -> scrub(f, scrubber)).sorted(order(flows)).toList(),
                routings.stream().map(r -> r.scrubbed(scrubber)).toList());
    }

    /** Last line of defence: no trunk password leaves the engine in any text of any finding or routing. */
    private static Finding scrub(Finding f, SecretScrubber s) {
        Evidence e = f.evidence();
        Fix x = f.fix();
        return new Finding(f.code(), f.severity(), s.scrub(f.title()), s.scrub(f.explanation()), f.callId(),
                f.flowId(), f.primary(), new Evidence(e.frames(), s.scrub(e.configIds()), s.scrub(e.facts())),
                new Fix(s.scrub(x.steps()), s.scrub(x.commands()), s.scrub(x.json())));
    }

    /** A config finding repeats a call finding with the same code and config objects: keep the call's. */
    private static List<Finding> withoutConfigEchoes(List<Finding> findings) {
        Set<String> callKeys = findings.stream().filter(f -> f.flowId() != null).map(DiagnosisEngine::key)
                .collect(Collectors.toSet());
        return findings.stream().filter(f -> f.flowId() != null || !callKeys.contains(key(f))).toList();
    }

    private static String key(Finding f) {
        return f.code() + " " + f.evidence().configIds().stream().sorted().toList();
    }

    private static Comparator<Finding> order(List<CallFlow> flows) {
        // positions by flow id, first occurrence as List.indexOf would give: a capture may hold 100,000 calls
        Map<String, Integer> flowOrder = new HashMap<>();
        for (int i = 0; i < flows.size(); i++) {
            flowOrder.putIfAbsent(flows.get(i).id(), i);
        }
        return Comparator.comparing((Finding f) -> !f.primary())
                .thenComparing(Finding::severity)
                .thenComparingInt(f -> f.flowId() == null ? Integer.MAX_VALUE : flowOrder.getOrDefault(f.flowId(), -1))
                .thenComparing(f -> f.code().name());
    }
}
