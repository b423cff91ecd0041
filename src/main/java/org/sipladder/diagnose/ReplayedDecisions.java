package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.livekit.StatusLine;

/**
 * Folds the findings about an INVITE whose rejection LiveKit replayed into the finding of the same code about the
 * INVITE it first rejected: LiveKit answers any INVITE with a rejected one's Call-ID and From tag with that first
 * answer for a minute (livekit-inbound-routing.md, section 5), so rules that read each INVITE would report one
 * decision of LiveKit's as two failures.
 */
final class ReplayedDecisions {

    private ReplayedDecisions() {
    }

    /** {@code findings} of one call with those about replayed answers folded into the first answer's; most calls have none. */
    static List<Finding> fold(List<Finding> findings, List<LiveKitRouting> routings) {
        List<Finding> out = null;
        for (int i = 0; i < routings.size(); i++) {
            LiveKitRouting r = routings.get(i);
            if (r.replayOf() != 0) {
                out = out == null ? new ArrayList<>(findings) : out;
                fold(out, r);
            }
        }
        return out == null ? findings : out;
    }

    private static void fold(List<Finding> findings, LiveKitRouting replay) {
        long replayFrame = replay.transaction().frame();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.evidence().frames().contains(replayFrame) && !f.evidence().frames().contains(replay.replayOf())) {
                int first = aboutFirst(findings, f, replay.replayOf());
                if (first >= 0) {
                    findings.set(first, merged(findings.get(first), f, replay));
                    findings.remove(i--);
                }
            }
        }
    }

    /** The place of the finding of {@code f}'s code and Call-ID about the INVITE of {@code firstFrame}, or -1. */
    private static int aboutFirst(List<Finding> findings, Finding f, long firstFrame) {
        for (int i = 0; i < findings.size(); i++) {
            Finding g = findings.get(i);
            if (g != f && g.code() == f.code() && g.callId() != null && g.callId().equals(f.callId())
                    && g.evidence().frames().contains(firstFrame)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code first} with the replay's frames and a fact naming the replay. */
    private static Finding merged(Finding first, Finding replayed, LiveKitRouting replay) {
        // Evidence keeps each frame once, in the order of first mention
        List<Long> frames = new ArrayList<>(first.evidence().frames());
        frames.addAll(replayed.evidence().frames());
        StatusLine answer = replay.observedFinal();
        List<String> facts = new ArrayList<>(first.evidence().facts());
        facts.add("LiveKit replayed this answer (" + LiveKitRouting.label(answer) + ") to the INVITE of frame "
                + replay.transaction().frame() + ", which has the same Call-ID and From tag: it gives such INVITEs its "
                + "first rejection for a minute, so this is one decision, not a second failure");
        return new Finding(first.code(), first.severity(), first.title(), first.explanation(), first.callId(),
                first.flowId(), first.primary(), Findings.evidence(frames, first.evidence().configIds(), facts),
                first.fix());
    }
}
