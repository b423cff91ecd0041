package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.Arrays;
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
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.flowId() != null) {
                byFlow.computeIfAbsent(f.flowId(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, String> succeeded = new HashMap<>();
        Set<String> answeredMediaFailed = new HashSet<>();
        for (CallFlow flow : flows) {
            if (flow.finalStatus() < 200 || flow.finalStatus() >= 300) {
                continue;
            }
            if (PrimaryCauses.mediaFailed(byFlow.getOrDefault(flow.id(), List.of()))) {
                answeredMediaFailed.add(flow.id());
            } else {
                succeeded.put(flow.id(), media.streamsOf(callIds(flow.legs())).isEmpty()
                        ? " This call was answered, so it did not stop it."
                        : " This call was answered and its RTP shows no failure, so it did not stop it.");
            }
        }
        Finding[] moderated = new Finding[findings.size()];
        for (int i = 0; i < moderated.length; i++) {
            moderated[i] = moderate(findings.get(i), succeeded, answeredMediaFailed);
        }
        return List.of(moderated);
    }

    private static List<String> callIds(List<Leg> legs) {
        String[] ids = new String[legs.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = legs.get(i).callId();
        }
        return Arrays.asList(ids);
    }

    /** The config's own findings when calls were captured: none of them stopped a captured call. */
    static List<Finding> moderateConfig(List<Finding> configFindings) {
        return configFindings.stream().map(f -> moderate(f, Map.of(), Set.of())).toList();
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
            return new Finding(f.code(), f.severity(), f.title(), f.explanation().concat(" This call was answered but its "
                    + "media failed, so it did not succeed: this may be part of why."), f.callId(), f.flowId(),
                    f.primary(), f.evidence(), f.fix());
        }
        return f;
    }

    private static Finding lowered(Finding f, String why) {
        // concat: one copy of an explanation of a few hundred characters (a builder grows several times)
        return new Finding(f.code(), Severity.WARNING, f.title(), f.explanation().concat(why), f.callId(), f.flowId(),
                f.primary(), f.evidence(), f.fix());
    }
}
