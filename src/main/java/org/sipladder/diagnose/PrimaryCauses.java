package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
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
 * caller saw. A finding from a LiveKit simulation the capture contradicts, a config-only finding, or a risk
 * that cannot fail a call (a private address) is never primary.
 */
final class PrimaryCauses {

    /** Most direct explanation first: LiveKit's own refusal, then what the B2BUA made of it. */
    static final List<String> RANKING = List.of(
            "LK_TRUNK_CONFLICT", "LK_DEFAULT_TRUNK_CONFLICT", "LK_CALLED_NUMBER_MISMATCH", "LK_SOURCE_NOT_ALLOWED",
            "LK_CALLER_NOT_ALLOWED", "LK_NO_TRUNK_MATCH", "LK_AUTH_FAILED", "LK_AUTH_CHALLENGE_UNANSWERED",
            "LK_RULE_CONFLICT", "LK_NO_RULE_MATCH", "LK_RULE_PIN_PROMPT", "LK_RULE_NO_AGENT",
            "LK_OUTBOUND_AUTH_MISSING", "LK_OUTBOUND_AUTH_LOOP", "LK_OUTBOUND_FROM_REJECTED", "LK_OUTBOUND_NUMBER_REJECTED",
            "SIP_LATE_OFFER", "SIP_NO_COMMON_CODEC",
            "MEDIA_TIMEOUT_HANGUP", "MEDIA_NO_RTP", "MEDIA_ONE_WAY", "MEDIA_CODEC_MISMATCH", "MEDIA_HOLD_MISMATCH",
            "LK_RESPONSE_EXPLAINED", "LK_SILENT_DROP",
            "LK_OUTBOUND_NO_RESPONSE", "LK_OUTBOUND_PROVIDER_REJECTED", "SIP_NO_FINAL_RESPONSE", "SIP_CALL_REJECTED", "B2BUA_FAILURE_RELAYED",
            "SIP_REGISTER_REJECTED", "SIP_TRANSFER_FAILED", "SIP_DIALOG_NOT_FOUND", "SIP_ACK_MISSING", "SIP_SESSION_TIMER_EXPIRED",
            "SIP_REINVITE_GLARE");

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
    static final Set<String> MEDIA_FAILURES = Set.of("MEDIA_TIMEOUT_HANGUP", "MEDIA_NO_RTP", "MEDIA_ONE_WAY");

    /** True when the findings of a call say its media failed. */
    static boolean mediaFailed(List<Finding> findingsOfFlow) {
        return findingsOfFlow.stream().anyMatch(f -> f.severity() == Severity.ERROR && MEDIA_FAILURES.contains(f.code()));
    }

    private static Optional<Finding> best(CallFlow flow, List<Finding> findings, Set<String> contradicted) {
        return findings.stream()
                .filter(f -> flow.id().equals(f.flowId()) && RANKING.contains(f.code()))
                .filter(f -> !(f.code().startsWith("LK_") && !f.code().equals(LiveKitResponseCheck.CODE)
                        && contradicted.contains(f.callId())))
                .min(Comparator.comparingInt(f -> RANKING.indexOf(f.code())));
    }
}
