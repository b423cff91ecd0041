package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.livekit.Consistency;
import org.sipladder.livekit.StatusLine;

/**
 * Marks one finding per failed call as its primary cause: the one that best explains the final response the
 * caller saw, the one whose {@link FindingCode} ranks first. A finding from a LiveKit simulation the capture
 * contradicts (unless the capture itself shows it: LiveKit's 407 or 401), a config-only finding, or a risk that
 * cannot fail a call (a private address) is never primary.
 */
final class PrimaryCauses {

    List<Finding> mark(List<CallFlow> flows, List<LiveKitRouting> routings, List<Finding> findings) {
        // by Call-ID, the final status LiveKit sent where the capture contradicts the simulation (0: none)
        Map<String, Integer> contradicted = new HashMap<>();
        for (LiveKitRouting r : routings) {
            if (r.consistency() == Consistency.INCONSISTENT) {
                StatusLine last = r.observedFinal();
                contradicted.put(r.transaction().callId(), last == null ? 0 : last.status());
            }
        }
        Map<String, List<Finding>> byFlow = new HashMap<>();
        for (Finding f : findings) {
            if (f.flowId() != null) {
                byFlow.computeIfAbsent(f.flowId(), k -> new ArrayList<>()).add(f);
            }
        }
        // one per failed call, and a diagnosis has one call or a few: a list (a hash set hashed every finding whole)
        List<Finding> primaries = new ArrayList<>(flows.size());
        for (CallFlow flow : flows) {
            if (flow.failed() || failedAfterAnswer(byFlow.getOrDefault(flow.id(), List.of()))) {
                Finding best = best(flow, byFlow.getOrDefault(flow.id(), List.of()), contradicted);
                if (best != null) {
                    primaries.add(best);
                }
            }
        }
        List<Finding> marked = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            marked.add(isAmong(f, primaries) ? f.asPrimary(true) : f);
        }
        return marked;
    }

    /** True when {@code f} is one of {@code primaries} or equal to one, as a set of them would say. */
    private static boolean isAmong(Finding f, List<Finding> primaries) {
        for (int i = 0; i < primaries.size(); i++) {
            Finding p = primaries.get(i);
            if (p == f || p.code() == f.code() && p.equals(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Codes that, as errors, mean an answered call failed all the same: nobody (or one side) heard anything, or the
     * answer never got its ACK (its sender ends the call after 64 * T1, RFC 3261 13.3.1.4).
     */
    static final Set<FindingCode> ANSWERED_FAILURES = Collections.unmodifiableSet(EnumSet.of(
            FindingCode.MEDIA_TIMEOUT_HANGUP, FindingCode.MEDIA_NO_RTP, FindingCode.MEDIA_ONE_WAY, FindingCode.MEDIA_RTP_REFUSED,
            FindingCode.SIP_ACK_MISSING));

    /** True when the findings of a call say it failed after it was answered (see {@link #ANSWERED_FAILURES}). */
    static boolean failedAfterAnswer(List<Finding> findingsOfFlow) {
        return Diagnosis.failureAfterAnswer(findingsOfFlow) != null;
    }

    /**
     * Simulated codes a rule also reports from the capture alone, by the LiveKit final status that shows them: where
     * the capture contradicts the simulation but shows that status, the finding still explains the call.
     */
    private static final Map<FindingCode, Integer> SHOWN_BY_STATUS = Map.of(
            FindingCode.LK_AUTH_CHALLENGE_UNANSWERED, 407, FindingCode.LK_AUTH_FAILED, 401);

    /** The finding of {@code flow} ranked first (the first of those ranked alike), or null. */
    private static Finding best(CallFlow flow, List<Finding> findings, Map<String, Integer> contradicted) {
        Finding best = null;
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (flow.id().equals(f.flowId()) && f.code().canBePrimary() && !isContradicted(f, contradicted)
                    && (best == null || f.code().rank() < best.code().rank())) {
                best = f;
            }
        }
        return best;
    }

    /** True when {@code f} comes from a simulation its call's capture contradicts, and the capture does not show it. */
    private static boolean isContradicted(Finding f, Map<String, Integer> contradicted) {
        if (!f.code().simulated()) {
            return false;
        }
        Integer observed = contradicted.get(f.callId());
        return observed != null && !observed.equals(SHOWN_BY_STATUS.get(f.code()));
    }
}
