package org.sipladder.diagnose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What backs a finding up.
 *
 * @param frames    capture frame numbers of the messages that show it, each once: messages that arrived in one TCP
 *                  segment or one reassembled packet share a frame, and a rule listing each message would repeat it
 * @param configIds LiveKit trunk and dispatch rule ids involved
 * @param facts     short statements of observed facts, e.g. "To user 4991874350352"
 */
public record Evidence(List<Long> frames, List<String> configIds, List<String> facts) {

    public Evidence {
        frames = distinct(frames);
    }

    /** {@code frames} with each frame once, in the order of first mention; the list itself when none repeats. */
    private static List<Long> distinct(List<Long> frames) {
        if (frames == null) {
            return null;
        }
        boolean ascending = true;
        for (int i = 1; i < frames.size() && ascending; i++) {
            ascending = frames.get(i - 1) < frames.get(i);
        }
        if (ascending) {
            return frames; // nearly every list: a transaction's frames in capture order
        }
        Set<Long> seen = new HashSet<>();
        List<Long> kept = new ArrayList<>(frames.size());
        for (Long f : frames) {
            if (seen.add(f)) {
                kept.add(f);
            }
        }
        return kept.size() == frames.size() ? frames : List.copyOf(kept);
    }
}
