package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Consistency;

/**
 * Marks one finding per failed call as its primary cause: the one that best explains the final response the
 * caller saw, the one whose {@link FindingCode} ranks first. A finding from a LiveKit simulation the capture
 * contradicts, a config-only finding, or a risk that cannot fail a call (a private address) is never primary.
 */
final class PrimaryCauses {

    List<Finding> mark(List<CallFlow> flows, List<LiveKitRouting> routings, List<Finding> findings) {
        Set<String> contradicted = new HashSet<>();
        routings.stream().filter(r -> r.consistency() == Consistency.INCONSISTENT).forEach(r -> contradicted.add(r.transaction().callId()));
        Map<String, List<Finding>> byFlow = new HashMap<>();
        for (Finding f : findings) {
            if (f.flowId() != null) {
                byFlow.computeIfAbsent(f.flowId(), k -> new ArrayList<>()).add(f);
            }
        }
        Set<Finding> primaries = new HashSet<>();
        for (CallFlow flow : flows) {
            if (flow.failed() || mediaFailed(byFlow.getOrDefault(flow.id(), List.of()))) {
                best(flow, byFlow.getOrDefault(flow.id(), List.of()), contradicted).ifPresent(primaries::add);
            }
        }
        List<Finding> marked = new ArrayList<>();
        for (Finding f : findings) {
            marked.add(primaries.contains(f) ? f.asPrimary(true) : f);
        }
        return marked;
    }

    /** Codes that, as errors, mean an answered call failed all the same: nobody (or one side) heard anything. */
    static final Set<FindingCode> MEDIA_FAILURES = Collections.unmodifiableSet(EnumSet.of(
            FindingCode.MEDIA_TIMEOUT_HANGUP, FindingCode.MEDIA_NO_RTP, FindingCode.MEDIA_ONE_WAY));

    /** True when the findings of a call say its media failed. */
    static boolean mediaFailed(List<Finding> findingsOfFlow) {
        for (Finding f : findingsOfFlow) {
            if (f.severity() == Severity.ERROR && MEDIA_FAILURES.contains(f.code())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Finding> best(CallFlow flow, List<Finding> findings, Set<String> contradicted) {
        return findings.stream()
                .filter(f -> flow.id().equals(f.flowId()) && f.code().canBePrimary())
                .filter(f -> !(f.code().simulated() && contradicted.contains(f.callId())))
                .min(Comparator.comparingInt(f -> f.code().rank()));
    }
}
