package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sipladder.flow.CallFlow;

/**
 * The result of diagnosing a capture and/or a LiveKit config.
 *
 * @param findings findings, primary causes first, then by severity
 * @param routings per INVITE that reached LiveKit: the simulated outcome and whether the capture agrees
 * @param mediaFailedFlows ids of the calls whose media failed (made from the findings)
 */
public record Diagnosis(List<Finding> findings, List<LiveKitRouting> routings, Set<String> mediaFailedFlows) {

    public Diagnosis(List<Finding> findings, List<LiveKitRouting> routings) {
        this(findings, routings, mediaFailures(findings));
    }

    private static Set<String> mediaFailures(List<Finding> findings) {
        Map<String, List<Finding>> byFlow = new HashMap<>();
        for (Finding f : findings) {
            if (f.flowId() != null && PrimaryCauses.MEDIA_FAILURES.contains(f.code())) {
                byFlow.computeIfAbsent(f.flowId(), k -> new ArrayList<>()).add(f);
            }
        }
        Set<String> failed = new HashSet<>();
        byFlow.forEach((id, list) -> {
            if (PrimaryCauses.mediaFailed(list)) {
                failed.add(id);
            }
        });
        return Set.copyOf(failed);
    }

    /** The primary cause of a flow's failure, if one was found. */
    public Optional<Finding> primaryFor(String flowId) {
        return findings.stream().filter(f -> f.primary() && flowId.equals(f.flowId())).findFirst();
    }

    /**
     * True when the call failed: the caller got no 2xx, or it was answered but its media failed (no RTP, one-way
     * audio, a hang-up at a media timeout). Summaries, call lists and reports count failed calls with this.
     */
    public boolean failed(CallFlow flow) {
        return flow.failed() || mediaFailed(flow.id());
    }

    /** True when an error finding of the call says its media failed, though it may have been answered. */
    public boolean mediaFailed(String flowId) {
        return mediaFailedFlows.contains(flowId);
    }

    public List<Finding> withCode(FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).toList();
    }

    /** The codes of each call's findings by call flow id: what {@code finding:CODE} in a call filter looks for. */
    public Map<String, Set<String>> codesByFlow() {
        Map<String, Set<String>> codes = new HashMap<>();
        for (Finding f : findings) {
            if (f.flowId() != null) {
                codes.computeIfAbsent(f.flowId(), k -> new HashSet<>()).add(f.code().name());
            }
        }
        return codes;
    }
}
