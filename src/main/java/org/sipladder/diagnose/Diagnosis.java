package org.sipladder.diagnose;

import java.util.List;
import java.util.Optional;

/**
 * The result of diagnosing a capture and/or a LiveKit config.
 *
 * @param findings findings, primary causes first, then by severity
 * @param routings per INVITE that reached LiveKit: the simulated outcome and whether the capture agrees
 */
public record Diagnosis(List<Finding> findings, List<LiveKitRouting> routings) {

    /** The primary cause of a flow's failure, if one was found. */
    public Optional<Finding> primaryFor(String flowId) {
        return findings.stream().filter(f -> f.primary() && flowId.equals(f.flowId())).findFirst();
    }

    public List<Finding> withCode(FindingCode code) {
        return findings.stream().filter(f -> f.code() == code).toList();
    }
}
