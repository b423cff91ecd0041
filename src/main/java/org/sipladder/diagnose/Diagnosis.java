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
 * @param failedAfterAnswerFlows ids of the calls answered that failed all the same: their media, or the answer's ACK
 *                               (made from the findings)
 */
public record Diagnosis(List<Finding> findings, List<LiveKitRouting> routings, Set<String> failedAfterAnswerFlows) {

    public Diagnosis(List<Finding> findings, List<LiveKitRouting> routings) {
        this(findings, routings, failuresAfterAnswer(findings));
    }

    private static Set<String> failuresAfterAnswer(List<Finding> findings) {
        Map<String, List<Finding>> byFlow = new HashMap<>();
        for (Finding f : findings) {
            if (f.flowId() != null && PrimaryCauses.ANSWERED_FAILURES.contains(f.code())) {
                byFlow.computeIfAbsent(f.flowId(), k -> new ArrayList<>()).add(f);
            }
        }
        Set<String> failed = new HashSet<>();
        byFlow.forEach((id, list) -> {
            if (PrimaryCauses.failedAfterAnswer(list)) {
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
     * How many calls and how many other dialogs (registrations, subscriptions, pings...) the capture holds, and how
     * many of each failed: "3 calls (1 failed), 16 REGISTER/SUBSCRIBE dialogs (2 failed)". The other dialogs are
     * named by their methods, most frequent first, and left out when there are none.
     */
    public String counts(List<CallFlow> flows) {
        DialogCounts counts = new DialogCounts();
        for (CallFlow flow : flows) {
            counts.add(flow, failed(flow));
        }
        return counts.toString();
    }

    /**
     * True when the call failed: the caller got no 2xx, or it was answered but its media failed (no RTP, one-way
     * audio, a hang-up at a media timeout), LiveKit refused the caller's PIN, or its answer was never acknowledged. Summaries, call lists and reports count failed calls with this.
     * A registration refused and later renewed under another Call-ID ({@link org.sipladder.flow.Leg#renewal}) lapsed
     * for a while and did not fail for good, as SIP_REGISTER_REJECTED tells it: it is not counted, though its final
     * status stays the refusal.
     */
    public boolean failed(CallFlow flow) {
        return flow.failedForGood() || failedAfterAnswer(flow.id());
    }

    /**
     * True when an error finding of the call says it failed though it may have been answered: its media failed, or
     * its answer was never acknowledged.
     */
    public boolean failedAfterAnswer(String flowId) {
        return failedAfterAnswerFlows.contains(flowId);
    }

    /**
     * What went wrong with an answered call that failed all the same, as its error findings tell it ("its media
     * failed", "LiveKit refused the caller's PIN", "its answer was never acknowledged"); null when they tell no such
     * failure.
     */
    public static String failureAfterAnswer(List<Finding> findingsOfCall) {
        boolean media = false;
        boolean pin = false;
        boolean ack = false;
        for (Finding f : findingsOfCall) {
            if (f.severity() == Severity.ERROR && PrimaryCauses.ANSWERED_FAILURES.contains(f.code())) {
                boolean unacknowledged = f.code() == FindingCode.SIP_ACK_MISSING
                        || f.code() == FindingCode.SIP_RESPONSE_UNMATCHED;
                ack |= unacknowledged;
                pin |= f.code() == FindingCode.LK_RULE_PIN_PROMPT;
                media |= !unacknowledged && f.code() != FindingCode.LK_RULE_PIN_PROMPT;
            }
        }
        return media ? "its media failed" : pin ? "LiveKit refused the caller's PIN" : ack
                ? "its answer was never acknowledged" : null;
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
