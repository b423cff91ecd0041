package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sipladder.flow.CallFlow;
import org.sipladder.flow.Leg;
import org.sipladder.media.CaptureMedia;

/**
 * No false alarms: a finding about something that did not stop a call in the capture is at most a warning, and
 * says so. A config finding no captured call depended on is a risk for other calls; a call-setup finding on a call
 * that succeeded did not stop it. A call succeeded when it was answered and its media did not fail (no
 * MEDIA_TIMEOUT_HANGUP, MEDIA_NO_RTP or MEDIA_ONE_WAY error): an answered call whose audio never flowed keeps its
 * setup errors, as they may explain it. Failures after the answer (media, dialog: {@link FindingCode#afterAnswer()})
 * keep their severity.
 */
final class CallImpact {

    private CallImpact() {
    }

    /** The findings with those that stopped no call in the capture lowered to warnings. */
    static List<Finding> moderate(List<CallFlow> flows, List<Finding> findings, CaptureMedia media) {
        if (flows.isEmpty()) {
            return findings; // the config alone: its errors are errors
        }
        Map<String, List<Finding>> byFlow = new HashMap<>();
        findings.stream().filter(f -> f.flowId() != null)
                .forEach(f -> byFlow.computeIfAbsent(f.flowId(), k -> new ArrayList<>()).add(f));
        Map<String, String> succeeded = new HashMap<>();
        Set<String> answeredMediaFailed = new HashSet<>();
        for (CallFlow flow : flows) {
            if (flow.finalStatus() < 200 || flow.finalStatus() >= 300) {
                continue;
            }
            if (PrimaryCauses.mediaFailed(byFlow.getOrDefault(flow.id(), List.of()))) {
                answeredMediaFailed.add(flow.id());
            } else {
                succeeded.put(flow.id(), media.streamsOf(flow.legs().stream().map(Leg::callId).toList()).isEmpty()
                        ? " This call was answered, so it did not stop it."
                        : " This call was answered and its RTP shows no failure, so it did not stop it.");
            }
        }
        return findings.stream().map(f -> moderate(f, succeeded, answeredMediaFailed)).toList();
    }

    private static Finding moderate(Finding f, Map<String, String> succeeded, Set<String> answeredMediaFailed) {
        if (f.severity() != Severity.ERROR || f.flowId() != null && f.code().afterAnswer()) {
            return f;
        }
        if (f.flowId() == null) {
            return lowered(f, " No call in this capture was affected by it; it would affect other calls.");
        }
        if (succeeded.containsKey(f.flowId())) {
            return lowered(f, succeeded.get(f.flowId()));
        }
        if (answeredMediaFailed.contains(f.flowId())) {
            return new Finding(f.code(), f.severity(), f.title(), f.explanation() + " This call was answered but its "
                    + "media failed, so it did not succeed: this may be part of why.", f.callId(), f.flowId(),
                    f.primary(), f.evidence(), f.fix());
        }
        return f;
    }

    private static Finding lowered(Finding f, String why) {
        return new Finding(f.code(), Severity.WARNING, f.title(), f.explanation() + why, f.callId(), f.flowId(),
                f.primary(), f.evidence(), f.fix());
    }
}
