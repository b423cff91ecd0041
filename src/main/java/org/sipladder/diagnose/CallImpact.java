package org.sipladder.diagnose;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sipladder.flow.CallFlow;

/**
 * No false alarms: a finding about something that did not stop a call in the capture is at most a warning, and
 * says so. A config finding no captured call depended on is a risk for other calls; a call-setup finding on a call
 * that was answered did not stop it. Failures after the answer (media, dialog: {@link FindingCode#afterAnswer()})
 * keep their severity.
 */
final class CallImpact {

    private CallImpact() {
    }

    static List<Finding> moderate(List<CallFlow> flows, List<Finding> findings) {
        if (flows.isEmpty()) {
            return findings; // the config alone: its errors are errors
        }
        Set<String> answered = new HashSet<>();
        flows.stream().filter(f -> f.finalStatus() >= 200 && f.finalStatus() < 300).forEach(f -> answered.add(f.id()));
        return findings.stream().map(f -> moderate(f, answered)).toList();
    }

    private static Finding moderate(Finding f, Set<String> answered) {
        if (f.severity() != Severity.ERROR) {
            return f;
        }
        if (f.flowId() == null) {
            return lowered(f, " No call in this capture was affected by it; it would affect other calls.");
        }
        if (answered.contains(f.flowId()) && !f.code().afterAnswer()) {
            return lowered(f, " This call was answered, so it did not stop it.");
        }
        return f;
    }

    private static Finding lowered(Finding f, String why) {
        return new Finding(f.code(), Severity.WARNING, f.title(), f.explanation() + why, f.callId(), f.flowId(),
                f.primary(), f.evidence(), f.fix());
    }
}
